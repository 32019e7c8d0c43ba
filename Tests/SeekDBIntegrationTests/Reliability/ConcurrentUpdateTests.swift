import Foundation
import SeekDB
import SeekDBTesting
import Testing

/// 16 tasks × 1,000 updates on overlapping ids through one client: every update is a
/// single-id merge that sets the task's own counter key, so a lost update would show as a
/// counter below 1,000 or a missing key.
@Suite(.enabled(if: TestEnvironment.isEnabled), .seekdbDatabase)
struct ConcurrentUpdateTests {
    static let tasks = 16
    static let updatesPerTask = 1_000
    static let ids = 50

    @Test func sixteenTasksUpdatingOverlappingIDsLoseNothing() async throws {
        try await withTestCollection(dimension: 2) { client, collection in
            let ids = (0..<Self.ids).map { "shared\($0)" }
            try await collection.add(
                ids: IDs(ids), embeddings: Embeddings(ids.map { _ in [0, 0] }),
                metadatas: Metadatas(ids.map { _ in ["created": true] }))
            let start = ContinuousClock.now
            // Each task makes 1,000 update calls, each on 5 overlapping ids (sorted, so lock order
            // is the same in every transaction), in task order: task t writes key "t<t>" = n
            // on its n-th visit of an id.
            let retries = try await withThrowingTaskGroup(of: Int.self) { group in
                for task in 0..<Self.tasks {
                    group.addTask {
                        var visits = [String: Int64]()
                        var retried = 0
                        for step in 0..<Self.updatesPerTask {
                            let chosen = (0..<5).map { ids[(task * 7 + step * 3 + $0 * 11) % ids.count] }.sorted()
                            let patches: [Metadata] = chosen.map { id in
                                visits[id, default: 0] += 1
                                return ["t\(task)": .int(visits[id]!)]
                            }
                            while true {
                                do {
                                    try await collection.update(ids: IDs(chosen), metadatas: Metadatas(patches), metadataMode: .merge)
                                    break
                                } catch let error as SeekDBError where error.code == .timeout || error.serverErrorNumber == 1213 {
                                    // A reported lock timeout or deadlock: the whole call was rolled back; retry it.
                                    retried += 1
                                }
                            }
                        }
                        return retried
                    }
                }
                return try await group.reduce(0, +)
            }
            let elapsed = ContinuousClock.now - start

            // The expected final counters, replayed from the same deterministic choices.
            var expected = [String: [String: Int64]]()
            for task in 0..<Self.tasks {
                for step in 0..<Self.updatesPerTask {
                    for offset in 0..<5 {
                        let id = ids[(task * 7 + step * 3 + offset * 11) % ids.count]
                        expected[id, default: [:]]["t\(task)", default: 0] += 1
                    }
                }
            }
            let stored = try await collection.get(ids: IDs(ids), include: [.metadatas])
            var lost = 0
            for (index, id) in stored.ids.enumerated() {
                let metadata = stored.metadatas?[index] ?? [:]
                #expect(metadata["created"] == true)
                for (key, count) in expected[id] ?? [:] where metadata[key]?.intValue != count {
                    lost += 1
                    Issue.record("\(id).\(key) is \(String(describing: metadata[key])), expected \(count)")
                }
            }
            #expect(lost == 0)
            #expect(await client.openConnections <= client.configuration.pool.maximumConnections)
            let updates = Self.tasks * Self.updatesPerTask
            print(
                "ConcurrentUpdateTests: \(Self.tasks) tasks × \(Self.updatesPerTask) update calls (5 ids each, \(updates * 5) record "
                    + "updates) in \(elapsed), \(retries) retried after a reported lock timeout/deadlock"
            )
        }
    }
}
