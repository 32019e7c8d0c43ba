import Foundation
import SeekDB
import Synchronization
import Testing

@testable import SeekDBTesting

/// The database goes away however the test ends.
@Suite("Clean-up after failures and cancellation")
struct CleanupTests {
    struct Boom: Error {}

    @Test func aThrowingTestDropsItsDatabase() async throws {
        let name = Mutex<String?>(nil)
        let trait = SeekDBDatabaseTrait.seekdbDatabase
        await #expect(throws: Boom.self) {
            try await trait.provideScope(for: Test.current!, testCase: nil) {
                name.withLock { $0 = SeekDBTestDatabase.scoped?.name }
                throw Boom()
            }
        }
        let dropped = try #require(name.withLock { $0 })
        #expect(try await !databaseExists(dropped))
    }

    @Test func aTestWithAFailedExpectationDropsItsDatabase() async throws {
        let name = try await withSeekDBDatabase { database in
            withKnownIssue { #expect(Bool(false), "a failing expectation") }
            return database.name
        }
        #expect(try await !databaseExists(name))
    }

    @Test func aCancelledTestDropsItsDatabase() async throws {
        let (started, continuation) = AsyncStream.makeStream(of: String.self)
        let trait = SeekDBDatabaseTrait.seekdbDatabase
        let test = Test.current!
        let task = Task {
            try await trait.provideScope(for: test, testCase: nil) {
                continuation.yield(try SeekDBTestDatabase.current.name)
                try await Task.sleep(for: .seconds(600))
            }
        }
        var names = started.makeAsyncIterator()
        let name = try #require(await names.next())
        #expect(try await databaseExists(name))
        task.cancel()
        await #expect(throws: CancellationError.self) { try await task.value }
        #expect(try await !databaseExists(name))
    }

    @Test func aServerThatCannotStartFailsFastWithAClearMessage() async throws {
        var configuration = SeekDBTestServer.defaultLocalServerConfiguration
        configuration.binaryPath = "/bin/false"
        let server = SeekDBTestServer(environment: [:], localServer: configuration)
        var messages: [String] = []
        for _ in 0..<2 {  // the second attempt reports the remembered failure, without a new start
            let error = await #expect(throws: SeekDBTestingError.self) {
                try await withSeekDBDatabase(server: server) { _ in }
            }
            let message = error?.description ?? ""
            #expect(message.contains("SEEKDB_HOST and SEEKDB_SOCKET are not set, and starting a local seekdb failed"))
            #expect(message.contains("exited with status 1 during start-up"))
            #expect(message.contains("seekdb.log"))  // the log's tail (here: that it is missing)
            messages.append(message)
        }
        #expect(messages[0] == messages[1], "the second attempt reports the first failure")
    }

    private func databaseExists(_ name: String) async throws -> Bool {
        let configuration = try await SeekDBTestServer.shared.clientConfiguration(database: "information_schema")
        let admin = try await SeekDBAdminClient(configuration: configuration)
        let names = try? await admin.listDatabases().map(\.name)
        await admin.close()
        return try #require(names, "could not list the databases").contains(name)
    }
}

/// A name already taken on the server is never shared: another is tried, and after three
/// taken names in a row the error says so.
@Suite("Database name collisions")
struct NameCollisionTests {
    @Test func aTakenNameIsSkippedAndThreeInARowAreAClearError() async throws {
        let server = SeekDBTestServer.shared
        let taken = try await server.makeDatabase(prefix: "collide", suffix: SeekDBTestServer.randomSuffix)
        let takenSuffix = String(taken.name.dropFirst("collide_".count))
        let calls = Mutex(0)
        let fresh = try await server.makeDatabase(prefix: "collide") {
            calls.withLock {
                $0 += 1
                return $0 == 1 ? takenSuffix : SeekDBTestServer.randomSuffix()
            }
        }
        #expect(fresh.name != taken.name)
        #expect(calls.withLock { $0 } == 2)
        try await server.removeDatabase(fresh)

        let error = await #expect(throws: SeekDBTestingError.self) {
            _ = try await server.makeDatabase(prefix: "collide") { takenSuffix }
        }
        #expect(error?.description.contains("names like '\(taken.name)' were already taken") == true)
        try await server.removeDatabase(taken)
    }
}
