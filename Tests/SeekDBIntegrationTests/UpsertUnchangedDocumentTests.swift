import Foundation
import SeekDB
import SeekDBTesting
import Synchronization
import Testing

/// `upsert` skips unchanged documents as `update` does; given embeddings are written as given.
@Suite(.enabled(if: TestEnvironment.isEnabled), .seekdbDatabase)
struct UpsertUnchangedDocumentTests {
    @Test func upsertSkipsUnchangedDocuments() async throws {
        let counting = UnchangedDocumentTests.CountingEmbedding()
        try await withTestCollection(dimension: 4, embeddingFunction: counting) { _, collection in
            try await collection.add(ids: ["a", "b"], documents: ["aaa", "bbb"], metadatas: [["v": 1], ["v": 1]])
            counting.texts.withLock { $0 = [] }
            var result = UpsertResult()
            let written = try await vectorsWritten {
                // a: the same document (not embedded, not rewritten); b: a new one; n: a new record.
                result = try await collection.upsert(
                    ids: ["a", "b", "n"], documents: ["aaa", "bab", "ndd"],
                    metadatas: [["v": 2], nil, ["v": 3]])
            }
            #expect(counting.texts.withLock { $0 } == ["bab", "ndd"])
            #expect(written == [[1, 2, 0, 0], [0, 0, 0, 2]])
            #expect(result == UpsertResult(insertedIDs: ["n"], updatedIDs: ["a", "b"], unchangedIDs: ["a"]))
            let read = try await collection.get(ids: ["a", "b", "n"], include: [.documents, .metadatas, .embeddings])
            #expect(read.documents == ["aaa", "bab", "ndd"])
            #expect(read.metadatas == [["v": 2], ["v": 1], ["v": 3]])
            #expect(read.embeddings == [[3, 0, 0, 0], [1, 2, 0, 0], [0, 0, 0, 2]])

            // A one-record upsert of an unchanged document is not embedded either.
            counting.texts.withLock { $0 = [] }
            result = try await collection.upsert(ids: "a", documents: "aaa")
            #expect(result == UpsertResult(updatedIDs: ["a"], unchangedIDs: ["a"]))
            #expect(counting.texts.withLock { $0 }.isEmpty)
        }
    }

    @Test func givenEmbeddingsAreWrittenAsGiven() async throws {
        try await withTestCollection(dimension: 3) { _, collection in
            try await collection.add(ids: ["a", "b"], embeddings: [[1, 2, 3], [4, 5, 6]])
            var result = UpdateResult(updatedCount: 0)
            // seekdb compares nothing for us; the SDK sends both vectors, the equal one included,
            // in one statement (comparing first was measured to cost more than the write).
            let written = try await vectorsWritten {
                result = try await collection.update(ids: ["a", "b"], embeddings: [[1, 2, 3], [4, 5, 7]])
            }
            #expect(written == [[1, 2, 3], [4, 5, 7]])
            #expect(result == UpdateResult(updatedCount: 2))
            #expect(try await collection.get(ids: ["a", "b"], include: .embeddings).embeddings == [[1, 2, 3], [4, 5, 7]])
        }
    }
}
