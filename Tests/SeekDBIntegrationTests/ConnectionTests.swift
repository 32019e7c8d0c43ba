import Foundation
import SeekDBTesting
import Testing

@testable import SeekDB

@Suite(.enabled(if: TestEnvironment.isEnabled), .seekdbDatabase)
struct ConnectionTests {
    @Test func selectOneAnswers() async throws {
        try await withTestClient { client in
            let result = try await client.execute("SELECT 1 + ?", [.int(1)])
            #expect(result.rows.first?.first?.intValue == 2)
        }
    }

    @Test func boundValuesRoundTripThroughPreparedStatements() async throws {
        try await withTestClient { client in
            let text = "quote ' backslash \\ NUL \u{0} emoji 🦊 rtl שלום"
            let result = try await client.execute(
                "SELECT ?, ?, ?, ?, ?, CAST(? AS BINARY), ? IS NULL",
                [.int(-42), .uint(UInt64(Int64.max) + 5), .double(0.125), .string(text), .bool(true), .bytes([0, 255, 1]), .null])
            let row = try #require(result.rows.first)
            #expect(row[0].intValue == -42)
            #expect(row[1] == .uint(UInt64(Int64.max) + 5) || row[1].stringValue == String(UInt64(Int64.max) + 5))
            #expect(row[2].doubleValue == 0.125)
            #expect(row[3].stringValue == text)
            #expect(row[4].intValue == 1)
            #expect(row[5].bytesValue == [0, 255, 1])
            #expect(row[6].intValue == 1)
        }
    }

    @Test func eightConcurrentStatementsRunAtTheSameTime() async throws {
        // Eight reads of one record wait for its row lock, which another client holds until the
        // server's process list shows all eight waiting at once. A client that serialised its
        // statements would never show more than one, whatever the machine's load.
        try await withTestCollection(dimension: 2) { holder, collection in
            try await collection.add(ids: ["gate"], embeddings: [[1, 1]])
            let gate = "SELECT _id FROM \(collection.quotedTable) WHERE _id = CAST(? AS BINARY) FOR UPDATE"
            let waitingCount = "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE INFO LIKE ?"
            let pattern = "SELECT _id FROM \(collection.quotedTable)%FOR UPDATE"
            try await withTestClient { client in
                let (mostAtOnce, readers) = try await holder.withDriverTransaction(logger: nil) { connection, logger in
                    _ = try await connection.execute(
                        "SELECT _id FROM \(collection.quotedTable) WHERE _id = CAST(? AS BINARY) FOR UPDATE",
                        [.bytes(Array("gate".utf8))], logger: logger)
                    let readers = Task {
                        try await withThrowingTaskGroup(of: Void.self) { group in
                            for _ in 0..<8 { group.addTask { _ = try await client.execute(gate, [.bytes(Array("gate".utf8))]) } }
                            try await group.waitForAll()
                        }
                    }
                    var mostAtOnce = 0
                    let giveUp = ContinuousClock.now + .seconds(90)  // only reached when the test fails
                    while mostAtOnce < 8, ContinuousClock.now < giveUp {
                        let waiting = try await connection.execute(waitingCount, [.string(pattern)], logger: logger)
                        mostAtOnce = max(mostAtOnce, Int(waiting.rows.first?.first?.intValue ?? 0))
                        try await Task.sleep(for: .milliseconds(20))
                    }
                    return (mostAtOnce, readers)
                }
                try await readers.value
                #expect(mostAtOnce == 8)
            }
        }
    }

    @Test func wrongPortIsATypedConnectionError() async throws {
        var configuration = try TestEnvironment.configuration
        configuration.port = 1
        configuration.password = "s3cret-password-value"
        let error = try await #require(throws: SeekDBError.self) {
            _ = try await SeekDBClient(configuration: configuration)
        }
        #expect(error.code == .connectionFailed)
        #expect([2002, 2003].contains(error.serverErrorNumber ?? 0))
        #expect(!"\(error)".contains("s3cret-password-value"))
        #expect(!String(reflecting: error).contains("s3cret-password-value"))
    }

    @Test func wrongPasswordIsATypedAuthenticationError() async throws {
        var configuration = try TestEnvironment.configuration
        configuration.password = "s3cret-password-value"
        let error = try await #require(throws: SeekDBError.self) {
            _ = try await SeekDBClient(configuration: configuration)
        }
        #expect(error.code == .authenticationFailed)
        #expect(error.serverErrorNumber == 1045)
        #expect(!"\(error)".contains("s3cret-password-value"))
        #expect(!String(reflecting: error).contains("s3cret-password-value"))
        #expect(!"\(configuration)".contains("s3cret-password-value"))
    }

    @Test func cancellationKillsTheRunningQuery() async throws {
        try await withTestClient { client in
            // SLEEP returns 0 when it runs to the end and 1 when the server interrupts it, so the
            // outcome shows whether KILL QUERY reached the server — no clock involved.
            let task = Task { try await client.execute("SELECT SLEEP(60)") }
            try await Task.sleep(for: .milliseconds(400))
            task.cancel()
            switch await task.result {
            case .success(let result):
                #expect(result.rows.first?.first?.intValue == 1, "SLEEP(60) was not interrupted")
            case .failure(let error):
                #expect(error is CancellationError || (error as? SeekDBError)?.code == .cancelled, "\(error)")
            }
            // The client still works afterwards (the interrupted connection was dropped).
            let result = try await client.execute("SELECT 7")
            #expect(result.rows.first?.first?.intValue == 7)
        }
    }

    @Test func poolNeverExceedsItsMaximum() async throws {
        var configuration = try TestEnvironment.configuration
        configuration.pool.maximumConnections = 2
        try await SeekDBClient.withClient(configuration: configuration) { client in
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<6 { group.addTask { _ = try await client.execute("SELECT SLEEP(0.1)") } }
                try await group.waitForAll()
            }
            #expect(await client.openConnections <= 2)
        }
    }
}

@Suite(.enabled(if: TestEnvironment.isEnabled), .seekdbDatabase)
struct StatementCacheLimitTests {
    @Test func oneConnectionOutlivesMoreStatementsThanTheServersCursorLimit() async throws {
        // seekdb allows 50 open cursors per session; each collection below prepares its own
        // statements, so a cache larger than the limit failed with 5930 after ~24 collections.
        var configuration = try TestEnvironment.configuration
        configuration.pool.maximumConnections = 1
        try await SeekDBClient.withClient(configuration: configuration) { client in
            for _ in 0..<30 {
                let name = TestEnvironment.uniqueName("cur")
                let collection = try await client.createCollection(name: name, configuration: .init(dimension: 2), embeddingFunction: nil)
                try await collection.add(ids: ["a"], embeddings: [[1, 2]], metadatas: [["k": 1]])
                try await collection.update(ids: "a", metadatas: ["k": 2])
                #expect(try await collection.get(ids: "a").metadatas == [["k": 2]])
                try await client.deleteCollection(name: name)
            }
        }
    }
}
