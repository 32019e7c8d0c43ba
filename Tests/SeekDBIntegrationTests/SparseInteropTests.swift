import Foundation
import SeekDB
import SeekDBTesting
import Testing

/// The SDK writes pyseekdb's BM25 sparse collections without leaving a sparse vector stale:
/// pyseekdb creates the collection, the SDK adds, updates and upserts, and every row's
/// `sparse_embedding` must equal what pyseekdb's own BM25 computes from the row's current source.
@Suite(.enabled(if: TestEnvironment.isEnabled), .seekdbDatabase)
struct SparseInteropTests {
    static func withBM25Collection<R>(source: String, _ body: (SeekDBCollection, String) async throws -> R) async throws -> R {
        try await withTestClient { client in
            let name = TestEnvironment.uniqueName("bm25")
            _ = try Python.run("write-bm25", name, source)
            do {
                let collection = try await client.getCollection(name: name, embeddingFunction: nil)
                let result = try await body(collection, name)
                try await client.deleteCollection(name: name)
                return result
            } catch {
                try? await client.deleteCollection(name: name)
                throw error
            }
        }
    }

    /// Every row's stored sparse vector against pyseekdb's BM25 of its current source.
    static func expectSparseColumnCurrent(_ name: String, rows expectedRows: Int) throws {
        let rows = try Python.run("sparse", name)
        #expect(rows.count == expectedRows)
        for (id, value) in rows {
            let row = value as? [String: Any]
            let stored = row?["stored"] as? [String: Double]
            let expected = row?["expected"] as? [String: Double]
            #expect(stored != nil && expected != nil, "record \(id): \(String(describing: row))")
            guard let stored, let expected else { continue }
            #expect(
                Set(stored.keys) == Set(expected.keys), "record \(id): indices \(stored.keys.sorted()) against \(expected.keys.sorted())")
            for (index, weight) in expected {
                let got = stored[index] ?? .nan
                // The server prints weights with 6 significant digits.
                #expect(abs(got - weight) <= 1e-5 * abs(weight), "record \(id) index \(index): \(got) against \(weight)")
            }
        }
    }

    @Test func documentSourcedVectorsFollowEveryWrite() async throws {
        try await Self.withBM25Collection(source: "#document") { collection, name in
            #expect(collection.sparseVectorIndex?.functionName == "bm25")
            #expect(collection.sparseVectorIndex?.function != nil)
            try await collection.update(ids: "a", embeddings: [[0, 0, 1]], documents: "cherries are dark")
            try await collection.add(ids: ["c"], embeddings: [[1, 1, 0]], documents: ["plums and running runners"])
            let upserted = try await collection.upsert(
                ids: ["b", "d"], embeddings: [[0, 1, 1], [1, 0, 1]],
                documents: ["pears are yellow now", "dark cherries again"])
            #expect(upserted == UpsertResult(insertedIDs: ["d"], updatedIDs: ["b"]))
            try await collection.upsert(ids: "e", embeddings: [[0.5, 0.5, 0.5]], documents: "a single new record")
            try await collection.update(ids: "b", metadatas: ["title": "kept"])  // the source is untouched
            try Self.expectSparseColumnCurrent(name, rows: 5)
            let read = try await collection.get(ids: ["a", "b"], include: [.documents, .sparseEmbeddings])
            let expected = try await BM25SparseEmbeddingFunction().embed(["cherries are dark", "pears are yellow now"])
            #expect(read.sparseEmbeddings?.map { $0?.indices } == expected.map(\.indices))
            for (got, want) in zip(read.sparseEmbeddings ?? [], expected) {
                for (g, w) in zip(got?.values ?? [], want.values) { #expect(abs(g - w) <= 1e-5 * abs(w)) }
            }
            let found = try Python.run("sparse-query", name, "cherries")["ids"] as? [String] ?? []
            #expect(found.contains("a"), "\(found)")
        }
    }

    @Test func metadataSourcedVectorsFollowTheKey() async throws {
        try await Self.withBM25Collection(source: "title") { collection, name in
            #expect(collection.sparseVectorIndex?.source == .metadata(key: "title"))
            try await collection.update(ids: "a", metadatas: ["title": "cherries are dark", "n": 1])
            try await collection.update(ids: "b", metadatas: ["n": 2], metadataMode: .merge)  // title unchanged
            try await collection.update(ids: "b", embeddings: [[0, 1, 0]], documents: "the document is not the source")
            try Self.expectSparseColumnCurrent(name, rows: 2)
            let refused = await #expect(throws: SeekDBError.self) {
                try await collection.update(where: .all, metadata: ["title": "everything"])
            }
            #expect(refused?.code == .unsupportedDerivedColumn)
            let missingKey = await #expect(throws: SeekDBError.self) {
                try await collection.update(ids: "a", metadatas: ["n": 3])  // replace would drop the source key
            }
            #expect(missingKey?.code == .invalidArgument)
            #expect(missingKey?.message.contains("metadata key 'title'") == true, "\(String(describing: missingKey))")
            let plain = try await collection.client.createCollection(
                name: TestEnvironment.uniqueName(), configuration: .init(dimension: 3),
                embeddingFunction: nil)
            let noSparse = await #expect(throws: SeekDBError.self) { try await plain.get(ids: "a", include: [.sparseEmbeddings]) }
            #expect(noSparse?.code == .invalidArgument)
            try await collection.client.deleteCollection(name: plain.name)
        }
    }
}
