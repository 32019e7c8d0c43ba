import Foundation
import SeekDB
import SeekDBTesting
import Testing

/// `fork(name:)`: a copy with the same records and settings that pyseekdb opens; a failed fork
/// leaves nothing behind.
@Suite(.enabled(if: TestEnvironment.isEnabled), .seekdbDatabase)
struct ForkTests {
    @Test func forkCopiesRecordsAndSettingsAndPyseekdbOpensIt() async throws {
        try await SparseCollectionTests.withCollections(2) { client, names in
            let source = try await SparseQueryTests.fruitCollection(client, names[0])
            let fork = try await source.fork(name: names[1])
            #expect(fork.sparseVectorIndex == source.sparseVectorIndex)
            #expect(fork.dimension == 3 && fork.distance == .l2)
            #expect(try await fork.count() == SparseQueryTests.fruitDocuments.count)
            // Independent: a write to the fork leaves the source alone, and is kept current.
            try await fork.update(ids: "r5", embeddings: [[0, 1, 0]], documents: "cherries are dark")
            #expect(try await source.get(ids: "r5").documents == ["plums"])
            let sourceSchema = try Python.run("schema", names[0])
            let forkSchema = try Python.run("schema", names[1])
            #expect(forkSchema["settings"] as? String == sourceSchema["settings"] as? String)
            #expect(forkSchema["sparse_function"] as? String == "BM25SparseEmbeddingFunction")
            let found = try Python.run("sparse-query", names[1], "cherries", "1")["ids"] as? [String]
            #expect(found == ["r5"] || (found?.count == 1))
            let ours = try await fork.query(texts: "cherries", using: .sparse, consistency: .readYourWrites)
            #expect(ours.ids[0] == ["r5"])
            let reopened = try await client.getCollection(name: names[1], embeddingFunction: nil)
            #expect(reopened.sparseVectorIndex == source.sparseVectorIndex)
            // Existing name: refused; the catalog is unchanged.
            let exists = await #expect(throws: SeekDBError.self) { try await source.fork(name: names[1]) }
            #expect(exists?.code == .collectionExists)
        }
    }

    @Test func aFailedForkLeavesNothingBehind() async throws {
        try await SparseCollectionTests.withCollections(2) { client, names in
            let source = try await SparseCollectionTests.createBM25(client, names[0])
            // The table disappears under the handle: FORK TABLE fails.
            try await client.executeText("DROP TABLE `c$v2$\(source.id!)`")
            let error = await #expect(throws: SeekDBError.self) { try await source.fork(name: names[1]) }
            #expect(error != nil)
            #expect(try await client.hasCollection(name: names[1]) == false)
            let bad = await #expect(throws: SeekDBError.self) { try await source.fork(name: "no-dashes") }
            #expect(bad?.code == .invalidArgument)
        }
    }
}
