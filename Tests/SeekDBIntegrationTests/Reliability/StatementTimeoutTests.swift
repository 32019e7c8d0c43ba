import Foundation
import SeekDBDriver
import SeekDBTesting
import Testing

@testable import SeekDB

/// Schema changes run with their own server statement timeout (`options.ddlTimeout`), and the
/// session's own (`options.queryTimeout`, or the server's default) is restored after them; a
/// statement that reaches either timeout is a `.timeout` naming the setting to raise.
@Suite(.enabled(if: TestEnvironment.isEnabled), .seekdbDatabase)
struct StatementTimeoutTests {
    /// A client with one connection, so every call sees the same session.
    static func configuration(queryTimeout: Duration?, ddlTimeout: Duration) throws -> SeekDBClient.Configuration {
        var configuration = try TestEnvironment.configuration
        configuration.pool.maximumConnections = 1
        configuration.options.queryTimeout = queryTimeout
        configuration.options.ddlTimeout = ddlTimeout
        return configuration
    }

    static func sessionTimeout(_ client: SeekDBClient) async throws -> Int64? {
        try await client.executeText("SELECT @@session.ob_query_timeout").rows.first?.first?.intValue
    }

    @Test("create, refresh and delete a collection with the DDL timeout, then restore the session's")
    func collectionDDLUsesTheDDLTimeout() async throws {
        try await SeekDBClient.withClient(configuration: Self.configuration(queryTimeout: .seconds(45), ddlTimeout: .seconds(90))) {
            client in
            let name = TestEnvironment.uniqueName("ddl")
            let counter = StatementCounter()
            try await StatementTracing.$counter.withValue(counter) {
                let collection = try await client.createCollection(name: name, configuration: .init(dimension: 2), embeddingFunction: nil)
                try await collection.refreshIndex()
                try await client.deleteCollection(name: name)
            }
            let sql = counter.executedSQL
            let raise = "SET SESSION ob_query_timeout = 90000000"
            let restore = "SET SESSION ob_query_timeout = 45000000"
            for statement in ["CREATE TABLE `c$v2$", "CALL dbms_index_manager.refresh()", "DROP TABLE IF EXISTS `c$v2$"] {
                let index = try #require(sql.firstIndex { $0.hasPrefix(statement) }, "\(statement) not sent: \(sql)")
                let lastSet = sql[..<index].lastIndex { $0.hasPrefix("SET SESSION ob_query_timeout") }
                #expect(lastSet.map { sql[$0] } == raise, "\(statement) ran with the DDL timeout: \(sql)")
                #expect(sql[index...].first { $0.hasPrefix("SET SESSION ob_query_timeout") } == restore, "restored after \(statement)")
            }
            #expect(sql.last == restore)
            #expect(try await Self.sessionTimeout(client) == 45_000_000, "the session's own timeout is back")
        }
    }

    @Test("without a configured queryTimeout, the server's default comes back after DDL")
    func restoresTheServerDefault() async throws {
        try await SeekDBClient.withClient(configuration: Self.configuration(queryTimeout: nil, ddlTimeout: .seconds(60))) { client in
            let name = TestEnvironment.uniqueName("ddl")
            _ = try await client.createCollection(name: name, configuration: .init(dimension: 2), embeddingFunction: nil)
            try await client.deleteCollection(name: name)
            let global = try await client.executeText("SELECT @@global.ob_query_timeout").rows.first?.first?.intValue
            #expect(try await Self.sessionTimeout(client) == global)
        }
    }

    @Test("the server applies the DDL timeout: a statement longer than queryTimeout but shorter than ddlTimeout completes")
    func serverAppliesTheDDLTimeout() async throws {
        // 5 s, not less: on a busy machine even a trivial statement of this test can take a second.
        let configuration = try Self.configuration(queryTimeout: .seconds(5), ddlTimeout: .seconds(60))
        try await SeekDBClient.withClient(configuration: configuration) { client in
            let inside = try await client.withDriverConnection(logger: nil) { connection, logger in
                try await configuration.statementTimeouts.runSchemaChange(on: connection, logger: logger) {
                    _ = try await connection.query("SELECT SLEEP(6)", logger: logger)
                    return try await connection.query("SELECT @@session.ob_query_timeout", logger: logger).rows.first?.first?.intValue
                }
            }
            #expect(inside == 60_000_000)
            #expect(try await Self.sessionTimeout(client) == 5_000_000)
        }
    }

    @Test("a statement that reaches the DDL timeout is a .timeout naming options.ddlTimeout; the session is restored")
    func ddlTimeoutReached() async throws {
        let configuration = try Self.configuration(queryTimeout: .seconds(30), ddlTimeout: .seconds(1))
        try await SeekDBClient.withClient(configuration: configuration) { client in
            let error = await #expect(throws: SeekDBError.self) {
                try await client.withDriverConnection(logger: nil) { connection, logger in
                    try await configuration.statementTimeouts.runSchemaChange(on: connection, logger: logger) {
                        _ = try await connection.query("SELECT SLEEP(5)", logger: logger)
                    }
                }
            }
            #expect(error?.code == .timeout)
            #expect(error?.serverErrorNumber == 4012)
            #expect(error?.message.contains("DDL timeout of 1 s") == true, "\(String(describing: error))")
            #expect(error?.message.contains("options.ddlTimeout") == true)
            let restored = try await Self.sessionTimeout(client)
            #expect(restored == 30_000_000)
        }
    }

    @Test("a read past queryTimeout is a .timeout (4012) naming the timeout and options.queryTimeout")
    func readTimeoutReached() async throws {
        try await SeekDBClient.withClient(configuration: Self.configuration(queryTimeout: .seconds(1), ddlTimeout: .seconds(60))) {
            client in
            let error = await #expect(throws: SeekDBError.self) { _ = try await client.executeText("SELECT SLEEP(5)") }
            #expect(error?.code == .timeout)
            #expect(error?.serverErrorNumber == 4012)
            #expect(error?.message.contains("statement timeout of 1 s") == true, "\(String(describing: error))")
            #expect(error?.message.contains("options.queryTimeout") == true)
        }
    }

    /// Runs `body` again (up to ten times) while it fails with a statement timeout.
    static func retryingTimeouts<R>(_ body: () async throws -> R) async throws -> R {
        for _ in 1..<10 {
            do { return try await body() } catch let error as SeekDBError where error.code == .timeout { continue }
        }
        return try await body()
    }

    /// seekdb answers a lock wait that outlasts the statement timeout with 1205.
    @Test("a write that waits for a row lock past queryTimeout is a .timeout naming options.queryTimeout")
    func writeTimeoutReached() async throws {
        try await withTestCollection(dimension: 2) { holder, created in
            try await created.add(ids: ["a"], embeddings: [[1, 1]])
            try await SeekDBClient.withClient(configuration: Self.configuration(queryTimeout: .seconds(1), ddlTimeout: .seconds(60))) {
                client in
                // Only the update is under test: on a busy machine the catalog read may itself
                // outlast 1 s, so it is tried again.
                let collection = try await Self.retryingTimeouts {
                    try await client.getCollection(name: created.name, embeddingFunction: nil)
                }
                // The holder's transaction keeps record a locked until the other client's update has failed.
                let error: SeekDBError? = try await holder.withDriverTransaction(logger: nil) { connection, logger in
                    _ = try await connection.execute(
                        "UPDATE \(created.quotedTable) SET document = 'held' WHERE _id = ?",
                        [.bytes(Array("a".utf8))], logger: logger)
                    do {
                        try await collection.update(ids: ["a"], metadatas: [["k": 1]])
                        return nil
                    } catch let error as SeekDBError {
                        return error
                    }
                }
                #expect(error?.code == .timeout, "\(String(describing: error))")
                #expect(error?.serverErrorNumber == 1205 || error?.serverErrorNumber == 4012)
                #expect(error?.message.contains("options.queryTimeout") == true, "\(String(describing: error))")
            }
        }
    }

    @Test(
        "racing getOrCreate among other schema changes leaves one catalog row, one table, no orphan table",
        .seekdbDatabase)
    func getOrCreateUnderDDLContention() async throws {
        let client = try SeekDBTestDatabase.current.client
        do {
            let name = TestEnvironment.uniqueName("race")
            let ids = try await withThrowingTaskGroup(of: String?.self) { group in
                for task in 0..<16 {
                    group.addTask {
                        if task.isMultiple(of: 2) {
                            return try await client.getOrCreateCollection(
                                name: name, configuration: .init(dimension: 3), embeddingFunction: nil
                            ).id
                        }
                        // Other schema changes at the same moment queue up on the server.
                        let other = TestEnvironment.uniqueName("other")
                        _ = try await client.createCollection(name: other, configuration: .init(dimension: 3), embeddingFunction: nil)
                        try await client.deleteCollection(name: other)
                        return nil
                    }
                }
                var ids: [String] = []
                for try await id in group { if let id { ids.append(id) } }
                return ids
            }
            #expect(ids.count == 8 && Set(ids).count == 1, "\(ids)")
            let catalog = try await client.executeText("SELECT collection_id FROM sdk_collections").rows.compactMap {
                $0.first?.stringValue
            }
            #expect(catalog == [ids.first], "one catalog row, for the collection that was kept")
            let tables = try await client.executeText(
                "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME LIKE 'c$v2$%'"
            ).rows.compactMap { $0.first?.stringValue }
            #expect(tables == ids.first.map { ["c$v2$" + $0] }, "no orphan table: \(tables)")
        }
    }
}
