import Foundation
import SeekDB
import SeekDBTesting
import Testing

@testable import SeekDBDriver

/// A write never leaves a derived column stale: on a collection whose settings name a sparse
/// vector index the SDK cannot compute (a function it does not implement), writes that change
/// the source are refused before any SQL, and everything else works. The settings are the ones
/// pyseekdb 1.4 writes for a sparse index, with a function name the SDK does not know; they are
/// put into the catalog row directly, since the refusal reads only them.
@Suite(.enabled(if: TestEnvironment.isEnabled), .seekdbDatabase)
struct DerivedColumnTests {
    static func withSparseSettings<R>(source: String, _ body: (SeekDBClient, SeekDBCollection) async throws -> R) async throws -> R {
        try await withTestCollection { client, created in
            try await created.add(
                ids: ["a", "b"], embeddings: [[1, 1, 1], [2, 2, 2]], documents: ["apples are red", "pears"],
                metadatas: [["title": "apples", "n": 1], ["title": "pears", "n": 2]])
            let settings =
                #"{"version": 2, "sparse_vector_index": {"source_key": "\#(source)", "embedding_function": "#
                + #"{"name": "splade", "properties": {"model": "naver/splade-v3"}}}}"#
            try await client.execute(
                "UPDATE sdk_collections SET settings = ? WHERE collection_id = ?",
                [.string(settings), .string(created.id!)])
            let collection = try await client.getCollection(name: created.name, embeddingFunction: nil)
            return try await body(client, collection)
        }
    }

    @Test func documentSourcedSparseColumnRefusesDocumentWritesOnly() async throws {
        try await Self.withSparseSettings(source: "#document") { _, collection in
            #expect(
                collection.sparseVectorIndex
                    == SparseVectorIndexSettings(
                        source: .document, functionName: "splade", functionPropertiesJSON: #"{"model":"naver/splade-v3"}"#))
            #expect(collection.sparseVectorIndex?.function == nil)
            let counter = StatementCounter()
            let refused: [SeekDBError?] = await StatementTracing.$counter.withValue(counter) {
                [
                    await #expect(throws: SeekDBError.self) {
                        try await collection.update(ids: "a", embeddings: [[3, 3, 3]], documents: "cherries are dark")
                    },
                    await #expect(throws: SeekDBError.self) { try await collection.add(ids: "c", embeddings: [[1, 2, 3]]) },
                    await #expect(throws: SeekDBError.self) { try await collection.upsert(ids: "a", metadatas: ["n": 5]) }
                ]
            }
            #expect(counter.value == 0)
            for error in refused {
                #expect(error?.code == .unsupportedDerivedColumn)
                #expect(error?.message.contains("'splade'") == true, "\(String(describing: error))")
                #expect(error?.message.contains("sparse_embedding") == true)
            }
            // Writes that leave the document alone, and reads, work.
            try await collection.update(ids: "a", metadatas: ["n": 10], metadataMode: .merge)
            try await collection.update(ids: "b", embeddings: [[5, 5, 5]])
            try await collection.update(where: .field("n") == 2, metadata: ["seen": true])
            let read = try await collection.get(ids: ["a", "b"], include: [.documents, .metadatas])
            #expect(read.documents == ["apples are red", "pears"])
            #expect(read.metadatas == [["title": "apples", "n": 10], ["title": "pears", "n": 2, "seen": true]])
            try await collection.delete(ids: "b")
            #expect(try await collection.count() == 1)
        }
    }

    @Test func metadataSourcedSparseColumnRefusesChangesToThatKey() async throws {
        try await Self.withSparseSettings(source: "title") { _, collection in
            #expect(collection.sparseVectorIndex?.source == .metadata(key: "title"))
            let refusals: [(String, @Sendable () async throws -> Void)] = [
                ("replace", { try await collection.update(ids: "a", metadatas: ["n": 3]) }),
                ("merge naming the key", { try await collection.update(ids: "a", metadatas: ["title": "plums"], metadataMode: .merge) }),
                ("update(where:) merge naming the key", { try await collection.update(where: .all, metadata: ["title": nil]) }),
                ("update(where:) replace", { try await collection.update(where: .all, metadata: ["n": 1], metadataMode: .replace) })
            ]
            for (name, call) in refusals {
                let error = await #expect(throws: SeekDBError.self, "\(name)") { try await call() }
                #expect(error?.code == .unsupportedDerivedColumn, "\(name)")
                #expect(error?.message.contains("metadata key 'title'") == true, "\(name): \(String(describing: error))")
            }
            try await collection.update(
                ids: "a", embeddings: [[4, 4, 4]], documents: "apples are green", metadatas: ["n": 4],
                metadataMode: .merge)
            try await collection.update(where: .all, metadata: ["checked": true])
            let read = try await collection.get(ids: ["a", "b"], include: [.documents, .metadatas])
            #expect(read.documents == ["apples are green", "pears"])
            #expect(read.metadatas == [["title": "apples", "n": 4, "checked": true], ["title": "pears", "n": 2, "checked": true]])
        }
    }

    @Test func aNamespaceCollectionIsATypedErrorNotMissing() async throws {
        try await withTestCollection { client, created in
            try await client.execute(
                "UPDATE sdk_collections SET settings = ? WHERE collection_id = ?",
                [.string(#"{"version": 2, "use_namespace": true}"#), .string(created.id!)])
            let error = await #expect(throws: SeekDBError.self) {
                try await client.getCollection(name: created.name, embeddingFunction: nil)
            }
            #expect(error?.code == .unsupportedCollection)
            #expect(error?.message.contains("LakeBase") == true)
            #expect(try await client.hasCollection(name: created.name))
            // Put the settings back so the helper can delete it.
            try await client.execute(
                "UPDATE sdk_collections SET settings = ? WHERE collection_id = ?",
                [.string(#"{"version": 2}"#), .string(created.id!)])
        }
    }
}
