import Foundation
import SeekDB
import SeekDBTesting
import Testing

@testable import SeekDBDriver

/// Explicit sparse vectors on add, update and upsert: stored as given, refused before any SQL
/// when they cannot be stored.
@Suite(.enabled(if: TestEnvironment.isEnabled), .seekdbDatabase)
struct SparseWriteTests {
    @Test func givenSparseVectorsAreStoredAsGiven() async throws {
        try await SparseCollectionTests.withCollections(1) { client, names in
            let collection = try await SparseCollectionTests.createBM25(client, names[0])
            let mine = try SparseVector([7: 0.5, 3: 1.25])
            try await collection.add(
                ids: ["a", "b"], embeddings: [[1, 0, 0], [0, 1, 0]], sparseEmbeddings: [mine, nil],
                documents: ["apples are red", "pears are green"])
            let bm25 = try BM25SparseEmbeddingFunction()
            var read = try await collection.get(ids: ["a", "b"], include: [.sparseEmbeddings])
            #expect(read.sparseEmbeddings?[0] == mine)
            #expect(read.sparseEmbeddings?[1]?.indices == bm25.sparseVector(for: "pears are green").indices)
            // A sparse-only update; a given vector wins over the new document's.
            let other = try SparseVector([11: 2])
            try await collection.update(ids: "b", sparseEmbeddings: [other])
            let third = try SparseVector(indices: [1, 500_000], values: [-1, 0])
            try await collection.update(ids: "a", embeddings: [[1, 1, 0]], sparseEmbeddings: [third], documents: "plums")
            let upserted = try await collection.upsert(
                ids: ["a", "c"], embeddings: [[1, 0, 1], [0, 0, 1]], sparseEmbeddings: [nil, mine],
                documents: ["cherries", "figs"])
            #expect(upserted == UpsertResult(insertedIDs: ["c"], updatedIDs: ["a"]))
            read = try await collection.get(ids: ["a", "b", "c"], include: [.documents, .sparseEmbeddings])
            #expect(read.documents == ["cherries", "pears are green", "figs"])
            #expect(read.sparseEmbeddings?[0]?.indices == bm25.sparseVector(for: "cherries").indices)
            #expect(read.sparseEmbeddings?[1] == other)
            #expect(read.sparseEmbeddings?[2] == mine)
        }
    }

    @Test func badSparseInputIsRefusedBeforeSQL() async throws {
        let invalid: [(String, () throws -> SparseVector)] = [
            ("unsorted", { try SparseVector(indices: [5, 3], values: [1, 1]) }),
            ("duplicate", { try SparseVector(indices: [3, 3], values: [1, 1]) }),
            ("NaN", { try SparseVector(indices: [3], values: [.nan]) }),
            ("infinite", { try SparseVector([3: .infinity]) }),
            ("over the limit", { try SparseVector([SparseVector.maximumIndex + 1: 1]) }),
            ("lengths differ", { try SparseVector(indices: [1, 2], values: [1]) })
        ]
        try await SparseCollectionTests.withCollections(1) { client, names in
            let collection = try await SparseCollectionTests.createBM25(client, names[0])
            let counter = StatementCounter()
            try await StatementTracing.$counter.withValue(counter) {
                for (name, make) in invalid {
                    let error = await #expect(throws: EmbeddingError.self, "\(name)") {
                        try await collection.add(ids: "a", embeddings: [[1, 0, 0]], sparseEmbeddings: [try make()], documents: "x")
                    }
                    #expect(error?.code == .invalidSparseVector, "\(name)")
                }
                let v = try SparseVector([1: 1])
                let calls: [(String, @Sendable () async throws -> Void)] = [
                    ("count", { try await collection.add(ids: ["a", "b"], embeddings: [[1, 0, 0], [0, 1, 0]], sparseEmbeddings: [v]) }),
                    ("update count", { try await collection.update(ids: "a", sparseEmbeddings: [v, v]) })
                ]
                for (name, call) in calls {
                    let error = await #expect(throws: SeekDBError.self, "\(name)") { try await call() }
                    #expect(error?.code == .invalidArgument, "\(name)")
                }
            }
            #expect(counter.value == 0)
        }
        try await withTestCollection { _, plain in
            let counter = StatementCounter()
            let v = try SparseVector([1: 1])
            let errors: [SeekDBError?] = await StatementTracing.$counter.withValue(counter) {
                [
                    await #expect(throws: SeekDBError.self) {
                        try await plain.add(ids: "a", embeddings: [[1, 2, 3]], sparseEmbeddings: [v])
                    },
                    await #expect(throws: SeekDBError.self) { try await plain.update(ids: "a", sparseEmbeddings: [v]) },
                    await #expect(throws: SeekDBError.self) {
                        try await plain.upsert(ids: "a", embeddings: [[1, 2, 3]], sparseEmbeddings: [v])
                    }
                ]
            }
            #expect(counter.value == 0)
            for error in errors {
                #expect(error?.code == .invalidArgument)
                #expect(error?.message.contains("no sparse vector index") == true, "\(String(describing: error))")
            }
        }
    }

    /// A sparse function the SDK cannot compute: writes that give every needed vector work.
    @Test func givenVectorsLetWritesThroughAnUnknownFunction() async throws {
        try await SparseCollectionTests.withCollections(1) { client, names in
            let created = try await SparseCollectionTests.createBM25(client, names[0])
            let settings =
                ##"{"version": 2, "sparse_vector_index": {"source_key": "#document", "embedding_function": "##
                + ##"{"name": "splade", "properties": {"model": "naver/splade-v3"}}}}"##
            try await client.execute(
                "UPDATE sdk_collections SET settings = ? WHERE collection_id = ?",
                [.string(settings), .string(created.id!)])
            let collection = try await client.getCollection(name: names[0], embeddingFunction: nil)
            let v = try SparseVector([5: 0.25])
            let refused = await #expect(throws: SeekDBError.self) {
                try await collection.add(
                    ids: ["a", "b"], embeddings: [[1, 0, 0], [0, 1, 0]], sparseEmbeddings: [v, nil], documents: ["x", "y"])
            }
            #expect(refused?.code == .unsupportedDerivedColumn)
            try await collection.add(ids: ["a", "b"], embeddings: [[1, 0, 0], [0, 1, 0]], sparseEmbeddings: [v, v], documents: ["x", "y"])
            try await collection.update(ids: "a", embeddings: [[0, 0, 1]], sparseEmbeddings: [v], documents: "z")
            let read = try await collection.get(ids: ["a", "b"], include: [.documents, .sparseEmbeddings])
            #expect(read.documents == ["z", "y"])
            #expect(read.sparseEmbeddings == [v, v])
        }
    }
}
