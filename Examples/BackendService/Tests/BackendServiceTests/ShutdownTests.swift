import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import RecordsService
import SeekDB
import ServiceLifecycle
import Testing

/// The client and the HTTP server in one service group: on graceful shutdown a request in
/// flight completes, and the next one is refused.
///
/// The request is held in flight without timing: another session locks the record it updates,
/// so its update waits on the server until the test commits that session.
@Suite struct ShutdownTests {
    @Test func aRequestInFlightDuringShutdownCompletesAndTheNextIsRefused() async throws {
        try await ServiceHarness.withCollection(create: ServiceHarness.createWithRecordA) { collection in
            // A client with one connection, so its statements share one session and its transaction.
            var lockConfiguration = ServiceHarness.configuration
            lockConfiguration.pool.maximumConnections = 1
            let locker = try await SeekDBClient(configuration: lockConfiguration)
            do {
                try await Self.shutDownDuringARequest(collection: collection, locker: locker)
                await locker.close()
            } catch {
                await locker.close()
                throw error
            }
        }
    }

    static func shutDownDuringARequest(collection: SeekDBCollection, locker: SeekDBClient) async throws {
        let table = collection.id.map { "c$v2$\($0)" } ?? "c$v1$\(collection.name)"
        try await locker.executeText("START TRANSACTION")
        let locked = try await locker.execute("SELECT _id FROM `\(table)` WHERE _id = ? FOR UPDATE", [.bytes(Array("a".utf8))])
        #expect(locked.rows.count == 1)

        var configuration = ServiceHarness.configuration
        configuration.options.shutdownGracePeriod = .seconds(600)
        let client = try await SeekDBClient(configuration: configuration)
        let (ports, portContinuation) = AsyncStream.makeStream(of: Int.self)
        let app = buildRecordsApplication(
            client: client, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in
                if let port = channel.localAddress?.port { portContinuation.yield(port) }
            })
        let group = ServiceGroup(services: [app], logger: Logger(label: "ShutdownTests"))

        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            var portIterator = ports.makeAsyncIterator()
            let port = try #require(await portIterator.next())
            let inFlight = Task {
                try await Self.send(port: port, .put, "/collections/\(collection.name)/records/a", #"{"metadata": {"n": 1}}"#)
            }
            while client.callsInFlight == 0 { try await Task.sleep(for: .milliseconds(10)) }

            await group.triggerGracefulShutdown()
            // The server stops accepting: the next request is refused.
            while (try? await Self.send(port: port, .get, "/collections/\(collection.name)/records/a")) != nil {
                try await Task.sleep(for: .milliseconds(10))
            }
            #expect(client.callsInFlight == 1)  // the update still waits for the row lock

            try await locker.executeText("COMMIT")
            let response = try await inFlight.value
            #expect(response.status == .ok)
            #expect(response.body.contains(#""updatedCount":1"#))
            try await tasks.waitForAll()  // the server drained, then the client shut down
        }
        #expect(await client.openConnections == 0)
        await #expect(throws: SeekDBError.self) { _ = try await client.execute("SELECT 1") }
        let read = try await locker.getCollection(name: collection.name, embeddingFunction: nil).get(ids: "a")
        #expect(read.metadatas == [["n": 1]])
    }

    /// Sends one request on a connection of its own; throws when the server refuses it.
    static func send(
        port: Int, _ method: HTTPRequest.Method, _ uri: String,
        _ body: String? = nil
    ) async throws -> (status: HTTPResponse.Status, body: String) {
        try await TestClient.withClient(host: "127.0.0.1", port: port, configuration: .init(timeout: .seconds(600))) { http in
            let headers: HTTPFields = body == nil ? [:] : [.contentType: "application/json"]
            let response = try await http.execute(
                .init(
                    uri, method: method, headers: headers,
                    body: body.map { ByteBuffer(string: $0) }))
            return (response.status, response.body.map { String(buffer: $0) } ?? "")
        }
    }
}
