import Logging
import SeekDBTesting
import ServiceLifecycle
import Testing

@testable import SeekDB
@testable import SeekDBDriver

/// `SeekDBClient` as a `ServiceLifecycle` service: graceful shutdown lets calls in flight
/// finish, refuses new ones at once, and cancels what still runs when the grace period ends.
///
/// A call is held in flight without timing: another session locks the record it updates, so
/// the call waits on the server until the test commits that session.
@Suite(.enabled(if: TestEnvironment.isEnabled), .seekdbDatabase)
struct LifecycleTests {
    static let logger = Logger(label: "LifecycleTests")

    /// A second session holding the row lock of record `id` until `release()`.
    struct RowLock {
        let connection: MariaDBConnection

        static func lock(_ id: String, in collection: SeekDBCollection) async throws -> RowLock {
            let connection = try await MariaDBConnection.connect(TestEnvironment.configuration.driverConfiguration, logger: logger)
            _ = try await connection.query("START TRANSACTION", logger: logger)
            let rows = try await connection.execute(
                "SELECT _id FROM `\(collection.table)` WHERE _id = ? FOR UPDATE",
                [RecordStatements.idValue(id)], logger: logger)
            #expect(rows.rows.count == 1)
            return RowLock(connection: connection)
        }

        func release() async throws {
            _ = try await connection.query("COMMIT", logger: LifecycleTests.logger)
            await connection.close()
        }
    }

    /// Runs `body` with a client of its own (closed afterwards if `body` did not) and that
    /// client's view of a new collection holding record "a".
    func withLifecycleClient(
        gracePeriod: Duration,
        _ body: (SeekDBClient, SeekDBCollection) async throws -> Void
    ) async throws {
        try await withTestCollection(dimension: 3) { _, setup in
            try await setup.add(ids: ["a"], embeddings: [[1, 2, 3]])
            var configuration = try TestEnvironment.configuration
            configuration.options.shutdownGracePeriod = gracePeriod
            let client = try await SeekDBClient(configuration: configuration)
            do {
                let collection = try await client.getCollection(name: setup.name, embeddingFunction: nil)
                try await body(client, collection)
                await client.close()
            } catch {
                await client.close()
                throw error
            }
        }
    }

    /// Waits (polling, no time limit of its own) until `client` has `count` calls in flight.
    func waitForCallsInFlight(_ client: SeekDBClient, _ count: Int) async throws {
        while client.callsInFlight != count { try await Task.sleep(for: .milliseconds(10)) }
    }

    /// Calls `count()` until the client refuses it as closed; returns that error.
    func waitUntilRefused(_ collection: SeekDBCollection) async throws -> SeekDBError {
        while true {
            do {
                _ = try await collection.count()
                try await Task.sleep(for: .milliseconds(10))
            } catch let error as SeekDBError where error.code == .clientClosed {
                return error
            }
        }
    }

    @Test func gracefulShutdownLetsACallInFlightFinishAndRefusesTheNext() async throws {
        try await withLifecycleClient(gracePeriod: .seconds(600)) { client, collection in
            let lock = try await RowLock.lock("a", in: collection)
            let group = ServiceGroup(services: [client], logger: Self.logger)
            try await withThrowingTaskGroup(of: Void.self) { tasks in
                tasks.addTask { try await group.run() }
                let inFlight = Task { try await collection.update(ids: "a", metadatas: ["n": 1]) }
                try await waitForCallsInFlight(client, 1)

                await group.triggerGracefulShutdown()
                _ = try await waitUntilRefused(collection)
                #expect(client.callsInFlight == 1)  // still waiting for the row lock

                try await lock.release()
                let result = try await inFlight.value
                #expect(result.updatedCount == 1)
                try await tasks.waitForAll()  // the group ends once the client has shut down
            }
            #expect(await client.openConnections == 0)
            let read = try await withTestClient { other in
                try await other.getCollection(name: collection.name, embeddingFunction: nil).get(ids: "a")
            }
            #expect(read.metadatas == [["n": 1]])
        }
    }

    @Test func aCallStillRunningWhenTheGracePeriodEndsIsCancelled() async throws {
        try await withLifecycleClient(gracePeriod: .seconds(600)) { client, collection in
            let lock = try await RowLock.lock("a", in: collection)
            let inFlight = Task { try await collection.update(ids: "a", metadatas: ["n": 2]) }
            try await waitForCallsInFlight(client, 1)

            await client.shutdown(gracePeriod: .zero)
            let outcome = await inFlight.result
            try await lock.release()
            switch outcome {
            case .success: Issue.record("the call in flight should have been cancelled")
            case .failure(let error as SeekDBError): #expect(error.code == .cancelled)
            case .failure(let error): #expect(error is CancellationError)
            }
            #expect(client.callsInFlight == 0)
            #expect(await client.openConnections == 0)
            await #expect(throws: SeekDBError.self) { _ = try await collection.count() }
        }
    }

    /// The race behind a cancelled call that once waited for its statement timeout (seen in a
    /// loaded run of `aCallStillRunningWhenTheGracePeriodEndsIsCancelled`): the cancellation lands
    /// just before the statement is sent, so its `KILL QUERY` could reach the server first and
    /// interrupt nothing. Such a statement is now not sent at all.
    @Test func aCancellationJustBeforeAStatementKeepsItFromBeingSent() async throws {
        try await withLifecycleClient(gracePeriod: .seconds(600)) { client, collection in
            let lock = try await RowLock.lock("a", in: collection)
            let counter = StatementCounter()
            let cancelAtTheUpdate: @Sendable (String, UInt64) async -> Void = { sql, _ in
                if sql.hasPrefix("UPDATE") { withUnsafeCurrentTask { $0?.cancel() } }
            }
            let outcome = await Task {
                try await StatementTracing.$counter.withValue(counter) {
                    try await StatementTracing.$beforeStatement.withValue(cancelAtTheUpdate) {
                        try await collection.update(ids: "a", metadatas: ["n": 2])
                    }
                }
            }.result
            try await lock.release()
            switch outcome {
            case .success: Issue.record("the cancelled update should have failed")
            case .failure(let error as SeekDBError): #expect(error.code == .cancelled, "\(error)")
            case .failure(let error): #expect(error is CancellationError, "\(error)")
            }
            #expect(!counter.executedSQL.contains { $0.hasPrefix("UPDATE") }, "the UPDATE was not sent: \(counter.executedSQL)")
            #expect(try await collection.get(ids: "a").metadatas == [nil], "nothing changed")
        }
    }

    @Test func aPublicCallInsideAnotherIsNotRefusedDuringShutdown() async throws {
        // getOrCreateCollection calls getCollection and createCollection: one call, admitted once.
        try await withLifecycleClient(gracePeriod: .seconds(600)) { client, collection in
            _ = try await client.getOrCreateCollection(
                name: collection.name, configuration: .init(dimension: 3),
                embeddingFunction: nil)
            #expect(client.callsInFlight == 0)
        }
    }
}
