import Foundation
import SeekDB
import Testing

/// Concurrent calls on the same records given in opposite orders. seekdb does not detect such
/// a deadlock (both sessions wait out the lock wait timeout, error 1205), so the SDK writes
/// each call's rows in primary-key order: the calls then queue behind each other instead.
@Suite(.enabled(if: TestEnvironment.isEnabled))
struct LockOrderTests {
    /// `mixedFields`: every other record also gets an embedding, so each call spans two field
    /// sets; otherwise all records change the same fields, across three statements.
    @Test(arguments: [false, true])
    func updatesAndUpsertsOfTheSameIDsInOppositeOrdersDoNotDeadlock(mixedFields: Bool) async throws {
        try await withTestCollection(dimension: 2) { _, collection in
            let ids = (0..<1_200).map { String(format: "k%04d", $0) }
            try await collection.add(ids: IDs(ids), embeddings: Embeddings(ids.map { _ in [1, 1] }))
            // A deadlock would end both calls with `.timeout` after the server's statement
            // timeout (10 s by default).
            let orders = [ids, ids.reversed()]
            try await withThrowingTaskGroup(of: Void.self) { group in
                for (task, order) in orders.enumerated() {
                    group.addTask {
                        for round in 0..<8 {
                            let metadatas = Metadatas(order.indices.map { _ in ["task": .int(Int64(task)), "round": .int(Int64(round))] as Metadata? })
                            let embeddings = Embeddings(order.indices.map { !mixedFields || $0 % 2 == 0 ? [Float(round), 1] : nil })
                            if round % 3 == 2 {
                                try await collection.upsert(ids: IDs(order), embeddings: embeddings, metadatas: metadatas)
                            } else {
                                try await collection.update(ids: IDs(order), embeddings: embeddings, metadatas: metadatas)
                            }
                        }
                    }
                }
                try await group.waitForAll()
            }
            let stored = try await collection.get(ids: IDs(ids), include: [.metadatas])
            #expect(stored.metadatas?.allSatisfy { $0?["round"] == 7 } == true)
        }
    }
}
