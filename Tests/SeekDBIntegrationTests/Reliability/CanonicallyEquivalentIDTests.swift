import SeekDB
import SeekDBTesting
import Testing

/// `"é"` (U+00E9) and `"e\u{301}"` are equal to Swift's `==` but are two different ids to the
/// server (`_id` is `varbinary`) and to pyseekdb. The SDK must keep them apart everywhere.
@Suite(.enabled(if: TestEnvironment.isEnabled), .seekdbDatabase)
struct CanonicallyEquivalentIDTests {
    static let composed = "caf\u{E9}"
    static let decomposed = "cafe\u{301}"

    @Test func canonicallyEquivalentIDsAreDistinctRecords() async throws {
        #expect(Self.composed == Self.decomposed)  // Swift's view; the bytes differ
        try await withTestCollection(dimension: 2) { _, collection in
            try await collection.add(
                ids: [Self.composed, Self.decomposed], embeddings: [[1, 1], [2, 2]], documents: ["composed", "decomposed"])
            let both = try await collection.get(ids: [Self.decomposed, Self.composed])
            #expect(both.ids.map { Array($0.utf8) } == [Array(Self.decomposed.utf8), Array(Self.composed.utf8)])
            #expect(both.documents == ["decomposed", "composed"])

            let updated = try await collection.update(ids: [Self.decomposed], embeddings: [[3, 3]], documents: ["decomposed 2"])
            #expect(updated.updatedCount == 1)
            let upserted = try await collection.upsert(ids: [Self.composed, "cafe\u{301}\u{301}"], embeddings: [[4, 4], [5, 5]])
            #expect(upserted.updatedIDs.map { Array($0.utf8) } == [Array(Self.composed.utf8)])
            #expect(upserted.insertedIDs.count == 1)

            let after = try await collection.get(ids: [Self.composed, Self.decomposed], include: [.documents, .embeddings])
            #expect(after.documents == ["composed", "decomposed 2"])
            #expect(after.embeddings == [[4, 4], [3, 3]])
            #expect(try await collection.delete(ids: [Self.composed]) == 1)
            #expect(try await collection.get(ids: [Self.decomposed]).documents == ["decomposed 2"])
        }
    }
}
