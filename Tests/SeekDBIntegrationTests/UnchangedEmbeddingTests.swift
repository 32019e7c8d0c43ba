import Foundation
import SeekDB
import SeekDBTesting
import Synchronization
@testable import SeekDBDriver
import Testing

/// A given embedding equal to the stored one is not rewritten (seekdb rewrites a row and its
/// vector index entries for any assignment to a VECTOR column, even of the same vector), and
/// `upsert` skips unchanged documents as `update` does.
@Suite(.enabled(if: TestEnvironment.isEnabled), .seekdbDatabase)
struct UnchangedEmbeddingTests {
    /// The vectors the write statements of `body` bound (the `UPDATE`s and `INSERT`s), as floats.
    private func writtenVectors(_ body: () async throws -> Void) async throws -> [[Float]] {
        let counter = StatementCounter()
        try await StatementTracing.$counter.withValue(counter) { try await body() }
        return counter.executedStatements.filter { $0.sql.hasPrefix("UPDATE") || $0.sql.hasPrefix("INSERT") }
            .flatMap(\.parameters).compactMap { if case .vector(let vector) = $0 { vector } else { nil } }
    }

    @Test func equalEmbeddingsAreNotRewritten() async throws {
        try await withTestCollection(dimension: 3) { _, collection in
            try await collection.add(ids: ["a", "b", "c"], embeddings: [[1, 2, 3], [4, 5, 6], [7, 8, 9]],
                                     metadatas: [["v": 1], ["v": 1], ["v": 1]])
            var result = UpdateResult(updatedCount: 0)
            let written = try await writtenVectors {
                // a: equal vector only; b: a new vector; c: equal vector and a new metadata.
                result = try await collection.update(ids: ["a", "b", "c"], embeddings: [[1, 2, 3], [4, 5, 7], [7, 8, 9]],
                                                     metadatas: [nil, nil, ["v": 2]])
            }
            #expect(written == [[4, 5, 7]], "only the changed vector is written")
            #expect(result == UpdateResult(updatedCount: 3, unchangedIDs: ["a", "c"]))
            let read = try await collection.get(ids: ["a", "b", "c"], include: [.metadatas, .embeddings])
            #expect(read.embeddings == [[1, 2, 3], [4, 5, 7], [7, 8, 9]])
            #expect(read.metadatas == [["v": 1], ["v": 1], ["v": 2]])

            // One float32 step away is a change: the server compares exactly (its printed form
            // has about 6 significant digits and could not tell these apart).
            let near = Float(1).nextUp
            let nearWritten = try await writtenVectors {
                result = try await collection.update(ids: ["a", "b"], embeddings: [[near, 2, 3], [4, 5, 7]])
            }
            #expect(nearWritten == [[near, 2, 3]])
            #expect(result.unchangedIDs == ["b"])
            // The stored vector is now exactly the near one.
            result = try await collection.update(ids: ["a", "b"], embeddings: [[near, 2, 3], [4, 5, 7]])
            #expect(result.unchangedIDs == ["a", "b"])
        }
    }

    @Test func upsertSkipsEqualEmbeddingsAndUnchangedDocuments() async throws {
        let counting = UnchangedDocumentTests.CountingEmbedding()
        try await withTestCollection(dimension: 4, embeddingFunction: counting) { _, collection in
            try await collection.add(ids: ["a", "b"], documents: ["aaa", "bbb"], metadatas: [["v": 1], ["v": 1]])
            counting.texts.withLock { $0 = [] }
            var result = UpsertResult()
            let written = try await writtenVectors {
                // a: the same document (not embedded, not rewritten); b: a new one; n: a new record.
                result = try await collection.upsert(ids: ["a", "b", "n"], documents: ["aaa", "bab", "ndd"],
                                                     metadatas: [["v": 2], nil, ["v": 3]])
            }
            #expect(counting.texts.withLock { $0 } == ["bab", "ndd"])
            #expect(written.count == 2)
            #expect(result == UpsertResult(insertedIDs: ["n"], updatedIDs: ["a", "b"], unchangedIDs: ["a"]))
            let read = try await collection.get(ids: ["a", "b", "n"], include: [.documents, .metadatas, .embeddings])
            #expect(read.documents == ["aaa", "bab", "ndd"])
            #expect(read.metadatas == [["v": 2], ["v": 1], ["v": 3]])
            #expect(read.embeddings == [[3, 0, 0, 0], [1, 2, 0, 0], [0, 0, 0, 2]])

            // Embeddings given: the equal one is left out of the INSERT … ON DUPLICATE KEY UPDATE.
            let vectors = try await writtenVectors {
                result = try await collection.upsert(ids: ["a", "b"], embeddings: [[3, 0, 0, 0], [9, 9, 9, 9]])
            }
            #expect(vectors == [[9, 9, 9, 9]])
            #expect(result.unchangedIDs == ["a"] && result.updatedIDs == ["a", "b"])

            // A one-record upsert of an unchanged document is not embedded either.
            counting.texts.withLock { $0 = [] }
            result = try await collection.upsert(ids: "a", documents: "aaa")
            #expect(result == UpsertResult(updatedIDs: ["a"], unchangedIDs: ["a"]))
            #expect(counting.texts.withLock { $0 }.isEmpty)
        }
    }
}
