import Foundation
import SeekDB
import SeekDBTesting
import Testing

@testable import SeekDBDriver

/// The shapes Swift callers reach for: ids in `[String]` and `String` variables, one
/// embedding as `[Float]`, query texts and vectors in plain arrays, and `getCollection(id:)`.
@Suite(.enabled(if: TestEnvironment.isEnabled), .seekdbDatabase)
struct PlainArgumentTests {
    @Test func idsAndListsInPlainArrays() async throws {
        try await withTestCollection(dimension: 2) { _, collection in
            let ids: [String] = ["b", "a", "c"]
            let vectors: [[Float]] = [[2, 2], [1, 1], [3, 3]]
            let texts: [String] = ["B", "A", "C"]
            let metadatas: [Metadata] = [["n": 2], ["n": 1], ["n": 3]]
            try await collection.add(ids: ids, embeddings: vectors, documents: texts, metadatas: metadatas)

            let newVectors: [[Float]?] = [[2, 2], nil, [3, 3]]
            let newTexts: [String?] = ["B2", nil, "C2"]
            let newMetadatas: [Metadata?] = [nil, ["n": 10], nil]
            let updated = try await collection.update(ids: ids, embeddings: newVectors, documents: newTexts, metadatas: newMetadatas)
            #expect(updated.updatedCount == 3)
            let upserted = try await collection.upsert(ids: ["a", "d"], embeddings: [[1, 1], [4, 4]], documents: ["A2", "D"])
            #expect(upserted == UpsertResult(insertedIDs: ["d"], updatedIDs: ["a"]))

            let read = try await collection.get(ids: ids + ["d"], include: [.documents, .metadatas, .embeddings])
            #expect(read.ids == ["b", "a", "c", "d"])
            #expect(read.documents == ["B2", "A2", "C2", "D"])
            #expect(read.metadatas == [["n": 2], ["n": 10], ["n": 3], nil])
            #expect(read.embeddings == [[2, 2], [1, 1], [3, 3], [4, 4]])

            let removed: [String] = ["c", "d", "missing"]
            #expect(try await collection.delete(ids: removed) == 2)
            #expect(try await collection.count() == 2)
        }
    }

    @Test func oneRecordInPlainValues() async throws {
        try await withTestCollection(dimension: 3) { _, collection in
            let id = "dune"
            let embedding: [Float] = [0.1, 0.2, 0.3]
            let document = "Dune"
            let metadata: Metadata = ["year": 1965]
            try await collection.add(ids: id, embeddings: embedding, documents: document, metadatas: metadata)
            try await collection.add(ids: "emma", embeddings: [0.3, 0.2, 0.1])  // pyseekdb's one List[float]

            let newEmbedding: [Float] = [0.2, 0.2, 0.2]
            try await collection.update(ids: id, embeddings: newEmbedding, metadatas: ["read": true], metadataMode: .merge)
            try await collection.upsert(ids: id, embeddings: newEmbedding, documents: "Dune (1965)")
            let read = try await collection.get(ids: id, include: [.documents, .metadatas, .embeddings])
            #expect(read.documents == ["Dune (1965)"])
            #expect(read.metadatas == [["year": 1965, "read": true]])
            #expect(read.embeddings == [newEmbedding])

            let hits = try await collection.query(embeddings: newEmbedding, nResults: 2, consistency: .exact)
            #expect(hits.ids == [["dune", "emma"]])
            let batch: [[Float]] = [newEmbedding, [0.3, 0.2, 0.1]]
            let both = try await collection.query(embeddings: batch, nResults: 1, consistency: .exact)
            #expect(both.ids == [["dune"], ["emma"]])

            #expect(try await collection.delete(ids: id) == 1)
            #expect(try await collection.get(ids: id).ids.isEmpty)
        }
    }

    @Test func queryTextsInPlainValues() async throws {
        try await withTestCollection(dimension: 4, embeddingFunction: LetterCountEmbedding()) { _, collection in
            try await collection.add(ids: ["a", "d"], documents: ["aaa", "ddd"])
            let text = "aa"
            #expect(try await collection.query(texts: text, nResults: 1, consistency: .exact).ids == [["a"]])
            let texts: [String] = ["dd", "a"]
            #expect(try await collection.query(texts: texts, nResults: 1, consistency: .exact).ids == [["d"], ["a"]])
        }
    }

    @Test func emptyListsMeanTheSameWhicheverOverloadTakesThem() async throws {
        try await withTestCollection(dimension: 2) { _, collection in
            let single = await #expect(throws: SeekDBError.self) { try await collection.query(embeddings: []) }
            #expect(single?.message.contains("give at least one query embedding") == true)
            let empty: [Float] = []
            let variable = await #expect(throws: SeekDBError.self) { try await collection.query(embeddings: empty) }
            #expect(variable?.message == single?.message)
            let added = await #expect(throws: SeekDBError.self) { try await collection.add(ids: "a", embeddings: empty) }
            #expect(added?.code == .invalidArgument)
        }
    }

    @Test func getCollectionByID() async throws {
        try await withTestCollection(dimension: 2) { client, collection in
            let id = try #require(collection.id)
            let opened = try await client.getCollection(id: id, embeddingFunction: nil)
            #expect(opened.name == collection.name)
            #expect(opened.id == id)
            #expect(opened.dimension == 2)
            #expect(try await client.getCollection(id: id.uppercased()).name == collection.name)

            let missing = await #expect(throws: SeekDBError.self) {
                try await client.getCollection(id: String(repeating: "0", count: 32))
            }
            #expect(missing?.code == .collectionNotFound)

            let counter = StatementCounter()
            for bad in ["", "not-an-id", String(repeating: "a", count: 33), "x'; DROP TABLE t; --", "ä"] {
                let error = await StatementTracing.$counter.withValue(counter) {
                    await #expect(throws: SeekDBError.self) { try await client.getCollection(id: bad) }
                }
                #expect(error?.code == .invalidArgument)
            }
            #expect(counter.value == 0)
        }
    }

    @Test func anIDIsNotReusedByACollectionCreatedAgainUnderTheSameName() async throws {
        try await withTestClient { client in
            let name = TestEnvironment.uniqueName("byid")
            let first = try await client.createCollection(name: name, configuration: .init(dimension: 2), embeddingFunction: nil)
            try await client.deleteCollection(name: name)
            let second = try await client.createCollection(name: name, configuration: .init(dimension: 2), embeddingFunction: nil)
            do {
                let stale = await #expect(throws: SeekDBError.self) { try await client.getCollection(id: first.id ?? "") }
                #expect(stale?.code == .collectionNotFound)
                #expect(try await client.getCollection(id: second.id ?? "").id == second.id)
                try await client.deleteCollection(name: name)
            } catch {
                try? await client.deleteCollection(name: name)
                throw error
            }
        }
    }

    @Test func aDefaultCollectionOpenedByIDGetsItsEmbeddingFunction() async throws {
        try await withTestClient { client in
            let name = TestEnvironment.uniqueName("byid")
            let created = try await client.createCollection(name: name)  // DefaultEmbeddingFunction, persisted as "default"
            do {
                let opened = try await client.getCollection(id: created.id ?? "")
                #expect(opened.embeddingFunction is DefaultEmbeddingFunction)
                #expect(try await client.getCollection(id: created.id ?? "", embeddingFunction: nil).embeddingFunction == nil)
                try await client.deleteCollection(name: name)
            } catch {
                try? await client.deleteCollection(name: name)
                throw error
            }
        }
    }

    @Test("getCollection's embedding-function choice: persisted by default, none, a given function, nil in the pyseekdb spelling")
    func embeddingFunctionChoiceIsExplicit() async throws {
        try await withTestClient { client in
            let name = TestEnvironment.uniqueName("choice")
            let created = try await client.createCollection(name: name)  // persisted as "default"
            do {
                #expect(try await client.getCollection(name: name).embeddingFunction is DefaultEmbeddingFunction)
                #expect(try await client.getCollection(name: name, using: .persisted).embeddingFunction is DefaultEmbeddingFunction)
                #expect(try await client.getCollection(name: name, using: .none).embeddingFunction == nil)
                let custom = try await client.getCollection(name: name, using: .function(LetterCountEmbedding()))
                #expect(custom.embeddingFunction is LetterCountEmbedding)
                #expect(try await client.getCollection(name: name, embeddingFunction: nil).embeddingFunction == nil)
                #expect(try await client.getCollection(id: created.id ?? "", using: .none).embeddingFunction == nil)
                // A choice kept in a variable reads the same at the call site.
                let choice: EmbeddingFunctionChoice = .persisted
                #expect(try await client.getCollection(id: created.id ?? "", using: choice).embeddingFunction is DefaultEmbeddingFunction)
                try await client.deleteCollection(name: name)
            } catch {
                try? await client.deleteCollection(name: name)
                throw error
            }
        }
    }
}
