import Foundation
import SeekDB
import SeekDBTesting
import Synchronization
import Testing

/// A document equal, byte for byte, to the stored one is not a change: `update` neither
/// re-embeds nor rewrites it.
@Suite(.enabled(if: TestEnvironment.isEnabled), .seekdbDatabase)
struct UnchangedDocumentTests {
    /// LetterCountEmbedding that counts the texts it embeds.
    final class CountingEmbedding: EmbeddingFunction, Sendable {
        let texts = Mutex<[String]>([])
        var dimension: Int { 4 }
        func embed(_ texts: [String]) async throws -> [[Float]] {
            self.texts.withLock { $0 += texts }
            return try await LetterCountEmbedding().embed(texts)
        }
    }

    @Test func onlyChangedDocumentsAreEmbeddedAndWritten() async throws {
        let counting = CountingEmbedding()
        try await withTestCollection(dimension: 4, embeddingFunction: counting) { _, collection in
            try await collection.add(
                ids: ["a", "b", "c", "d"], documents: ["aaa", "bbb", "café", "ddd"],
                metadatas: [["v": 1], ["v": 1], ["v": 1], ["v": 1]])
            counting.texts.withLock { $0 = [] }
            // b and d unchanged; a changed; c canonically equivalent but different bytes: a change.
            let result = try await collection.update(
                ids: ["a", "b", "c", "d"], documents: ["abab", "bbb", "cafe\u{301}", "ddd"],
                metadatas: [nil, ["v": 2], nil, nil])
            #expect(result == UpdateResult(updatedCount: 4, unchangedIDs: ["b", "d"]))
            #expect(counting.texts.withLock { $0 } == ["abab", "cafe\u{301}"])
            let read = try await collection.get(ids: ["a", "b", "c", "d"], include: [.documents, .metadatas, .embeddings])
            #expect(read.documents == ["abab", "bbb", "cafe\u{301}", "ddd"])
            #expect(read.metadatas == [["v": 1], ["v": 2], ["v": 1], ["v": 1]])
            #expect(read.embeddings == [[2, 2, 0, 0], [0, 3, 0, 0], [1, 0, 1, 0], [0, 0, 0, 3]])

            // Nothing changed at all: no embedding, and the call still reports every record.
            counting.texts.withLock { $0 = [] }
            let again = try await collection.update(ids: ["a", "b"], documents: ["abab", "bbb"])
            #expect(again == UpdateResult(updatedCount: 2, unchangedIDs: ["a", "b"]))
            #expect(counting.texts.withLock { $0 }.isEmpty)
            let one = try await collection.update(ids: "d", documents: "dd")
            #expect(one == UpdateResult(updatedCount: 1))
            #expect(counting.texts.withLock { $0 } == ["dd"])
        }
    }

    @Test func missingIDsAndConflictsAreStillReportedWithDocuments() async throws {
        try await withTestCollection(dimension: 4, embeddingFunction: LetterCountEmbedding()) { _, collection in
            try await collection.add(ids: ["a", "b"], documents: ["aaa", "bbb"], metadatas: [["v": 1], ["v": 2]])
            let error = await #expect(throws: SeekDBError.self) { try await collection.update(ids: ["a", "zz"], documents: ["x", "y"]) }
            #expect(error?.missingIDs == ["zz"])
            let result = try await collection.update(
                ids: ["a", "b", "zz"], documents: ["aaa", "cc", "y"], where: .field("v") == 2,
                missing: .skip, conflicts: .skip)
            #expect(result == UpdateResult(updatedCount: 1, skippedIDs: ["zz"], conflictIDs: ["a"]))
            #expect(try await collection.get(ids: ["a", "b"]).documents == ["aaa", "cc"])
        }
    }
}
