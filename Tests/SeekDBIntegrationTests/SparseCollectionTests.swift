import Foundation
import SeekDB
import SeekDBTesting
import Testing

@testable import SeekDBDriver

/// Sparse collections the SDK creates: the same table, index and settings as pyseekdb 1.4's,
/// opened and searched by pyseekdb.
@Suite(.enabled(if: TestEnvironment.isEnabled), .seekdbDatabase)
struct SparseCollectionTests {
    /// Creates `names` through `body` and deletes every one of them afterwards.
    static func withCollections<R>(_ count: Int, _ body: (SeekDBClient, [String]) async throws -> R) async throws -> R {
        try await withTestClient { client in
            let names = (0..<count).map { _ in TestEnvironment.uniqueName("sp") }
            do {
                let result = try await body(client, names)
                for name in names { try? await client.deleteCollection(name: name) }
                return result
            } catch {
                for name in names { try? await client.deleteCollection(name: name) }
                throw error
            }
        }
    }

    static func createBM25(
        _ client: SeekDBClient, _ name: String,
        index: SparseVectorIndexConfiguration? = nil
    ) async throws -> SeekDBCollection {
        let index = try index ?? SparseVectorIndexConfiguration(function: BM25SparseEmbeddingFunction())
        return try await client.createCollection(
            name: name, configuration: .init(dimension: 3, distance: .l2),
            embeddingFunction: nil, sparseVectorIndex: index)
    }

    @Test func createdAsPyseekdbCreatesIt() async throws {
        try await Self.withCollections(2) { client, names in
            let collection = try await Self.createBM25(client, names[0])
            #expect(collection.sparseVectorIndex?.functionName == "bm25")
            _ = try Python.run("write-bm25", names[1], "#document")
            let sdk = try Python.run("schema", names[0])
            let python = try Python.run("schema", names[1])
            #expect(sdk["settings"] as? String == python["settings"] as? String)
            #expect(sdk["ddl"] as? String == python["ddl"] as? String)
            #expect(sdk["sparse_function"] as? String == "BM25SparseEmbeddingFunction")
            try await collection.add(
                ids: ["a", "b"], embeddings: [[1, 0, 0], [0, 1, 0]],
                documents: ["apples are red fruit", "pears are green"])
            let found = try Python.run("sparse-query", names[0], "apples", "1")["ids"] as? [String]
            #expect(found == ["a"] || found == ["b"])  // pyseekdb ranks by ascending inner product
            let all = try Python.run("sparse-query", names[0], "apples", "2")["ids"] as? [String]
            #expect(Set(all ?? []) == ["a", "b"])
        }
    }

    @Test func metadataSourceAndIndexOptionsAsPyseekdb() async throws {
        try await Self.withCollections(2) { client, names in
            let function = try BM25SparseEmbeddingFunction(k: 1.5, b: 0.5, averageDocumentLength: 100, dimension: 1000)
            let index = SparseVectorIndexConfiguration(
                function: function, source: .metadata(key: "title"), prune: true,
                refine: true, dropRatioBuild: 0.1, dropRatioSearch: 0.2, refineK: 8)
            let collection = try await Self.createBM25(client, names[0], index: index)
            _ = try Python.run(
                "write-bm25", names[1], "title",
                #"""
                {"bm25": {"k": 1.5, "b": 0.5, "avg_doc_length": 100, "dim": 1000},
                 "index": {"prune": true, "refine": true, "drop_ratio_build": 0.1, "drop_ratio_search": 0.2, "refine_k": 8.0}}
                """#)
            let sdk = try Python.run("schema", names[0])
            let python = try Python.run("schema", names[1])
            #expect(sdk["settings"] as? String == python["settings"] as? String)
            #expect(sdk["ddl"] as? String == python["ddl"] as? String)
            try await collection.add(ids: ["a"], embeddings: [[1, 0, 0]], metadatas: [["title": "plums and cherries"]])
            let found = try Python.run("sparse-query", names[0], "cherries", "5")["ids"] as? [String]
            #expect(found == ["a"])
            // Reopened, the SDK reads back what it wrote.
            let reopened = try await client.getCollection(name: names[0], embeddingFunction: nil)
            #expect(reopened.sparseVectorIndex == collection.sparseVectorIndex)
        }
    }

    @Test func badIndexOptionsAreRefusedBeforeSQL() async throws {
        try await withTestClient { client in
            let counter = StatementCounter()
            let bm25 = try BM25SparseEmbeddingFunction()
            let bad: [SparseVectorIndexConfiguration] = [
                .init(function: bm25, dropRatioBuild: 0.95),
                .init(function: bm25, dropRatioSearch: -0.1),
                .init(function: bm25, refineK: 0.5),
                .init(function: bm25, refineK: .nan),
                .init(function: bm25, source: .metadata(key: "#title")),
                .init(function: bm25, source: .metadata(key: ""))
            ]
            for index in bad {
                let error = await StatementTracing.$counter.withValue(counter) {
                    await #expect(throws: SeekDBError.self) {
                        try await Self.createBM25(client, TestEnvironment.uniqueName("bad"), index: index)
                    }
                }
                #expect(error?.code == .invalidArgument)
            }
            #expect(counter.value == 0)
        }
    }

    @Test func getOrCreateCreatesOnceWithTheSparseIndex() async throws {
        try await Self.withCollections(1) { client, names in
            let index = try SparseVectorIndexConfiguration(function: BM25SparseEmbeddingFunction(), source: .metadata(key: "title"))
            let first = try await client.getOrCreateCollection(
                name: names[0], configuration: .init(dimension: 3),
                embeddingFunction: nil, sparseVectorIndex: index)
            let second = try await client.getOrCreateCollection(
                name: names[0], configuration: .init(dimension: 3),
                embeddingFunction: nil, sparseVectorIndex: nil)
            #expect(first.id == second.id)
            #expect(second.sparseVectorIndex == first.sparseVectorIndex)
            #expect(second.sparseVectorIndex?.source == .metadata(key: "title"))
        }
    }
}
