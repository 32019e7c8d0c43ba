import Foundation
import SeekDB
import SeekDBTesting
import Testing

/// Concurrent calls on the same records given in opposite orders. seekdb finds such a deadlock
/// only after seconds (error 1213, or the statement timeout, 1205, first), so the SDK writes
/// each call's rows in primary-key order: the calls then queue behind each other instead.
/// Without that order this test fails with 1213 within about 10 s.
@Suite(.enabled(if: TestEnvironment.isEnabled), .seekdbDatabase)
struct LockOrderTests {
    /// `mixedFields`: every other record also gets an embedding, so each call spans two field
    /// sets; otherwise all records change the same fields, across three statements.
    @Test(arguments: [false, true])
    func updatesAndUpsertsOfTheSameIDsInOppositeOrdersDoNotDeadlock(mixedFields: Bool) async throws {
        try await withTestCollection(dimension: 2) { _, created in
            let ids = (0..<1_200).map { String(format: "k%04d", $0) }  // three statements per field set
            try await created.add(ids: IDs(ids), embeddings: Embeddings(ids.map { _ in [1, 1] }))
            // The statement timeout (10 s by default) also bounds a lock wait, which a call merely
            // waiting for the other's transaction can reach on a slow machine (the thread-sanitizer
            // pass). This client waits up to 120 s, so only a deadlock (1213) fails the test.
            var configuration = try TestEnvironment.configuration
            configuration.options.queryTimeout = .seconds(120)
            try await SeekDBClient.withClient(configuration: configuration) { client in
                let collection = try await client.getCollection(name: created.name, embeddingFunction: nil)
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for (task, order) in [ids, ids.reversed()].enumerated() {
                        group.addTask {
                            try await Self.write(collection, ids: order, task: task, mixedFields: mixedFields)
                        }
                    }
                    try await group.waitForAll()
                }
                let stored = try await collection.get(ids: IDs(ids), include: [.metadatas])
                #expect(stored.metadatas?.allSatisfy { $0?["round"] == 7 } == true)
            }
        }
    }

    /// Eight calls on `ids` in the order given: updates, and an upsert every third round.
    private static func write(_ collection: SeekDBCollection, ids: [String], task: Int, mixedFields: Bool) async throws {
        for round in 0..<8 {
            let metadatas = Metadatas(ids.indices.map { _ in ["task": .int(Int64(task)), "round": .int(Int64(round))] as Metadata? })
            let embeddings = Embeddings(ids.indices.map { !mixedFields || $0 % 2 == 0 ? [Float(round), 1] : nil })
            if round % 3 == 2 {
                try await collection.upsert(ids: IDs(ids), embeddings: embeddings, metadatas: metadatas)
            } else {
                try await collection.update(ids: IDs(ids), embeddings: embeddings, metadatas: metadatas)
            }
        }
    }
}
