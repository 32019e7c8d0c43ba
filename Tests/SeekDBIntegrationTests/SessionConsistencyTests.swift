import Foundation
import SeekDBDriver
import SeekDBTesting
import Testing

@testable import SeekDB

/// `.session`, the default consistency of `query`: a client's own writes are found at once,
/// without an index refresh, and a client that wrote nothing recently pays nothing.
@Suite(.enabled(if: TestEnvironment.isEnabled), .seekdbDatabase)
struct SessionConsistencyTests {
    @Test func aClientsOwnWritesAreFoundAtOnceWithoutARefresh() async throws {
        try await withTestCollection(dimension: 3) { _, collection in
            try await collection.add(ids: ["old1", "old2"], embeddings: [[1, 0, 0], [0, 1, 0]])
            try await collection.refreshIndex()
            let counter = StatementCounter()
            try await StatementTracing.$counter.withValue(counter) {
                for round in 0..<20 {
                    let id = "new\(round)"
                    let vector: [Float] = [5, 5, Float(5 + round)]
                    try await collection.add(
                        ids: IDs(id), embeddings: Embeddings(single: vector), metadatas: [["round": .int(Int64(round))]])
                    let seen = try await collection.query(embeddings: Embeddings(single: vector), nResults: 1, include: [.distances])
                    #expect(seen.ids == [[id]], "round \(round)")
                    #expect(seen.distances == [[0]])
                    // The filters apply to the records scored exactly, too.
                    let filtered = try await collection.query(
                        embeddings: Embeddings(single: vector), nResults: 1, where: ["round": -1], include: [])
                    #expect(filtered.ids.first?.contains(id) == false)
                }
                // A vector moved far away is found at its new place, and only once.
                try await collection.update(ids: ["old1"], embeddings: [[-50, -50, -50]])
                let moved = try await collection.query(embeddings: [[-50, -50, -50]], nResults: 3, include: [])
                #expect(moved.ids.first?.first == "old1")
                #expect(moved.ids.first?.filter { $0 == "old1" }.count == 1)
                // A deleted record is not returned.
                #expect(try await collection.delete(ids: ["new19"]) == 1)
                let afterDelete = try await collection.query(embeddings: [[5, 5, 24]], nResults: 1, include: [])
                #expect(afterDelete.ids.first?.first != "new19")
            }
            #expect(!counter.executedSQL.contains { $0.hasPrefix("CALL dbms_index_manager.refresh") }, "no refresh was needed")
        }
    }

    @Test func aClientWithoutRecentWritesSendsOneStatementPerQuery() async throws {
        try await withTestCollection(dimension: 2) { writer, created in
            try await created.add(ids: ["a", "b"], embeddings: [[1, 1], [2, 2]])
            // Another client has written nothing: the index search alone.
            try await withTestClient { reader in
                let collection = try await reader.getCollection(name: created.name, embeddingFunction: nil)
                let quiet = StatementCounter()
                _ = try await StatementTracing.$counter.withValue(quiet) {
                    try await collection.query(embeddings: [[1, 1], [2, 2]], nResults: 1, include: [])
                }
                #expect(quiet.executedSQL.count == 2)
                #expect(quiet.executedSQL.allSatisfy { $0.contains("APPROXIMATE") })
            }
            // The writer scores its own recent records by primary key beside each index search
            // (written again just now: on a busy machine the reader's part can outlast the horizon).
            try await created.upsert(ids: ["a", "b"], embeddings: [[1, 1], [2, 2]])
            let busy = StatementCounter()
            _ = try await StatementTracing.$counter.withValue(busy) {
                try await created.query(embeddings: [[1, 1], [2, 2]], nResults: 1, include: [])
            }
            #expect(busy.executedSQL.count == 4)
            #expect(busy.executedSQL.filter { $0.contains("WHERE _id IN") }.count == 2)
            // .eventual never does.
            let eventual = StatementCounter()
            _ = try await StatementTracing.$counter.withValue(eventual) {
                try await created.query(embeddings: [[1, 1]], nResults: 1, include: [], consistency: .eventual)
            }
            #expect(eventual.executedSQL.count == 1)
            _ = writer
        }
    }

    @Test func pastTheLimitOfRecentIDsTheIndexIsRefreshedOnce() async throws {
        try await withTestCollection(dimension: 2) { _, collection in
            let ids = (0...RecentWrites.limit).map { "r\($0)" }
            try await collection.add(ids: IDs(ids), embeddings: Embeddings(ids.indices.map { [Float($0), 1] }))
            let first = StatementCounter()
            let hit = try await StatementTracing.$counter.withValue(first) {
                try await collection.query(embeddings: [[Float(RecentWrites.limit), 1]], nResults: 1, include: [])
            }
            #expect(hit.ids == [["r\(RecentWrites.limit)"]])
            #expect(first.executedSQL.contains { $0.hasPrefix("CALL dbms_index_manager.refresh") })
            let second = StatementCounter()
            _ = try await StatementTracing.$counter.withValue(second) {
                try await collection.query(embeddings: [[1, 1]], nResults: 1, include: [])
            }
            #expect(second.executedSQL.count == 1, "the refresh brought every write into the index: \(second.executedSQL)")
        }
    }
}
