import Foundation
import MetricsTestKit
import SeekDBDriver
import SeekDBTesting
import Synchronization
import Testing

@testable import SeekDB

/// The retry policy against real failures on the server: a lock wait that outlasts the statement
/// timeout, a deadlock, and a session killed between the last statement and `COMMIT`. Each
/// retried call ends with the records it asked for; a call that must not be repeated is not.
@Suite(.enabled(if: TestEnvironment.isEnabled), .seekdbDatabase)
struct RetryTests {
    /// A client whose lock waits end after 2 s (seekdb answers 1205 then), with room for retries.
    static func shortLockWaits(
        _ policy: RetryPolicy = RetryPolicy(maximumAttempts: 20, budget: .seconds(600))
    ) throws -> SeekDBClient.Configuration {
        var configuration = try TestEnvironment.configuration
        configuration.options.queryTimeout = .seconds(2)
        configuration.retryPolicy = policy
        return configuration
    }

    /// Waits (polling) until `condition` holds; gives up after `limit`, which only a failing test reaches.
    static func waitUntil(_ limit: Duration = .seconds(240), _ condition: () async throws -> Bool) async throws {
        let giveUp = ContinuousClock.now + limit
        while try await !condition(), ContinuousClock.now < giveUp { try await Task.sleep(for: .milliseconds(20)) }
    }

    @Test func aWriteThatWaitedOutALockIsSentAgainAndSucceeds() async throws {
        try await withTestCollection(dimension: 2) { holder, created in
            try await created.add(ids: ["a"], embeddings: [[1, 1]])
            let metrics = TestMetrics()
            var configuration = try Self.shortLockWaits()
            configuration.metricsFactory = metrics
            try await SeekDBClient.withClient(configuration: configuration) { client in
                let collection = try await StatementTimeoutTests.retryingTimeouts {
                    try await client.getCollection(name: created.name, embeddingFunction: nil)
                }
                // The holder keeps record a locked until the client has failed once (1205) and retried.
                let update = try await holder.withDriverTransaction(logger: nil) { connection, logger in
                    _ = try await connection.execute(
                        "UPDATE \(created.quotedTable) SET document = 'held' WHERE _id = CAST(? AS BINARY)",
                        [.bytes(Array("a".utf8))], logger: logger)
                    let update = Task { try await collection.update(ids: ["a"], metadatas: [["k": 1]]) }
                    try await Self.waitUntil { client.retries.load(ordering: .relaxed) > 0 }
                    return update
                }
                #expect(try await update.value.updatedCount == 1)
                #expect(client.retries.load(ordering: .relaxed) >= 1)
                #expect(try metrics.expectCounter("seekdb_call_retries_total", [("code", "1205")]).totalValue >= 1, "counted for metrics")
                let stored = try await created.get(ids: ["a"], include: [.documents, .metadatas])
                #expect(stored.documents == ["held"])
                #expect(stored.metadatas == [["k": 1]])
            }
        }
    }

    @Test func twoTransactionsLockingInOppositeOrderBothEndApplied() async throws {
        try await withTestCollection(dimension: 2) { holder, created in
            try await created.add(ids: ["a", "b"], embeddings: [[1, 1], [2, 2]])
            try await SeekDBClient.withClient(configuration: Self.shortLockWaits()) { client in
                let collection = try await StatementTimeoutTests.retryingTimeouts {
                    try await client.getCollection(name: created.name, embeddingFunction: nil)
                }
                let table = created.quotedTable
                let waiting = "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE INFO LIKE ?"
                let update = try await holder.withDriverTransaction(logger: nil) { connection, logger in
                    // The holder locks b; the client's two-record update waits for it; then the holder
                    // locks a too. If the client's statement had taken a first, that is a deadlock,
                    // which seekdb ends by timing out the client's wait (1205; it was measured to
                    // detect none); if not, the client still waits for b. Either way the client sees
                    // 1205 and tries again, and the holder commits only after that retry.
                    _ = try await connection.execute(
                        "UPDATE \(table) SET document = 'holder' WHERE _id = CAST(? AS BINARY)",
                        [.bytes(Array("b".utf8))], logger: logger)
                    let update = Task {
                        try await collection.update(ids: ["a", "b"], metadatas: [["k": 1], ["k": 2]])
                    }
                    try await Self.waitUntil {
                        let rows = try await connection.execute(waiting, [.string("UPDATE \(table)%")], logger: logger).rows
                        return (rows.first?.first?.intValue ?? 0) > 0
                    }
                    _ = try await connection.execute(
                        "UPDATE \(table) SET document = 'holder' WHERE _id = CAST(? AS BINARY)",
                        [.bytes(Array("a".utf8))], logger: logger)
                    try await Self.waitUntil { client.retries.load(ordering: .relaxed) > 0 }
                    return update
                }
                #expect(try await update.value.updatedCount == 2)
                #expect(client.retries.load(ordering: .relaxed) >= 1)
                let stored = try await created.get(ids: ["a", "b"], include: [.documents, .metadatas])
                #expect(stored.documents == ["holder", "holder"])
                #expect(stored.metadatas == [["k": 1], ["k": 2]])
            }
        }
    }

    /// Kills the session that is about to send its first `COMMIT`, and waits until it is gone.
    static func killingTheFirstCommit(watcher: SeekDBClient) -> @Sendable (String, UInt64) async -> Void {
        let done = Once()
        return { sql, session in
            guard sql == "COMMIT", done.first() else { return }
            _ = try? await watcher.executeText("KILL \(session)")
            try? await waitUntil {
                let rows = try await watcher.execute(
                    "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE ID = ?",
                    [.int(Int64(session))]
                ).rows
                return rows.first?.first?.intValue == 0
            }
        }
    }

    @Test func anUpdateLostAtCommitIsSentAgainButAnAddIsNot() async throws {
        try await withTestCollection(dimension: 2) { watcher, created in
            try await created.add(ids: ["a", "b"], embeddings: [[1, 1], [2, 2]])
            var configuration = try TestEnvironment.configuration
            configuration.retryPolicy = RetryPolicy(maximumAttempts: 3, budget: .seconds(600))
            try await SeekDBClient.withClient(configuration: configuration) { client in
                let collection = try await client.getCollection(name: created.name, embeddingFunction: nil)

                // An update without conditions leaves the same records when repeated: sent again.
                try await StatementTracing.$beforeStatement.withValue(Self.killingTheFirstCommit(watcher: watcher)) {
                    let result = try await collection.update(ids: ["a", "b"], metadatas: [["k": 1], ["k": 2]])
                    #expect(result.updatedCount == 2)
                }
                #expect(client.retries.load(ordering: .relaxed) == 1)
                #expect(try await created.get(ids: ["a", "b"], include: [.metadatas]).metadatas == [["k": 1], ["k": 2]])

                // An add lost at COMMIT may or may not have been applied: the caller is told.
                let error = await #expect(throws: SeekDBError.self) {
                    try await StatementTracing.$beforeStatement.withValue(Self.killingTheFirstCommit(watcher: watcher)) {
                        try await collection.add(ids: ["c", "d"], embeddings: [[3, 3], [4, 4]])
                    }
                }
                #expect(error?.code == .connectionClosed, "\(String(describing: error))")
                #expect(client.retries.load(ordering: .relaxed) == 1, "the add was not retried")
                // The session died before its COMMIT reached the server, so nothing was added.
                #expect(try await created.get(ids: ["c", "d"], include: []).ids.isEmpty)
            }
        }
    }

    @Test func theSameKillWithRetriesOffReachesTheCaller() async throws {
        try await withTestCollection(dimension: 2) { watcher, created in
            try await created.add(ids: ["a", "b"], embeddings: [[1, 1], [2, 2]])
            var configuration = try TestEnvironment.configuration
            configuration.retryPolicy = .never
            try await SeekDBClient.withClient(configuration: configuration) { client in
                let collection = try await client.getCollection(name: created.name, embeddingFunction: nil)
                let error = await #expect(throws: SeekDBError.self) {
                    try await StatementTracing.$beforeStatement.withValue(Self.killingTheFirstCommit(watcher: watcher)) {
                        try await collection.update(ids: ["a", "b"], metadatas: [["k": 1], ["k": 2]])
                    }
                }
                #expect(error?.code == .connectionClosed, "\(String(describing: error))")
                #expect(client.retries.load(ordering: .relaxed) == 0)
                #expect(try await created.get(ids: ["a", "b"], include: [.metadatas]).metadatas == [nil, nil])
            }
        }
    }
}

/// True the first time ``first()`` is called, false afterwards.
private final class Once: Sendable {
    private let used = Atomic<Bool>(false)
    func first() -> Bool { !used.exchange(true, ordering: .relaxed) }
}
