import Foundation
import SeekDB
import SeekDBEmbeddings
import SeekDBTesting
import Testing

@testable import SeekDBDriver

/// `with(timestampKey:)`: every write through the handle stamps a metadata key with the
/// server's time, in the statement that writes the record.
@Suite(.enabled(if: TestEnvironment.isEnabled), .seekdbDatabase)
struct TimestampTests {
    /// `2026-11-30T02:02:46.709Z`.
    static func isISO(_ text: String) -> Bool {
        text.wholeMatch(of: /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z/) != nil
    }

    static func stamp(_ collection: SeekDBCollection, _ id: String) async throws -> String {
        let metadata = try await collection.get(ids: IDs(id), include: [.metadatas]).metadatas?.first ?? nil
        return try #require(metadata?["updated_at"]?.stringValue, "no stamp on \(id): \(String(describing: metadata))")
    }

    @Test(.seekdbDatabase) func everyWriteStampsTheRecordsItWrites() async throws {
        let plain = try await SeekDBTestDatabase.current.client.createCollection(
            name: "notes", configuration: .init(dimension: 2), embeddingFunction: nil)
        let notes = try plain.with(timestampKey: "updated_at")
        #expect(notes.timestampKey == "updated_at")

        // add: with and without metadata.
        try await notes.add(ids: ["a", "b"], embeddings: [[1, 1], [2, 2]], documents: ["A", "B"], metadatas: [["k": 1], nil])
        let added = try await Self.stamp(notes, "a")
        #expect(Self.isISO(added), "\(added)")
        #expect(try await notes.get(ids: ["a"], include: [.metadatas]).metadatas?.first??["k"] == 1)
        #expect(Self.isISO(try await Self.stamp(notes, "b")))

        // update(ids:) of the embedding only (one record: one autocommitted statement), of
        // several records, with metadata replaced and merged: the stamp moves on, the rest stays.
        try await Task.sleep(for: .milliseconds(5))
        try await notes.update(ids: ["a"], embeddings: [[5, 5]])
        let updated = try await Self.stamp(notes, "a")
        #expect(updated > added, "\(updated) after \(added)")
        #expect(
            try await notes.get(ids: ["a"], include: [.metadatas]).metadatas?.first??["k"] == 1,
            "an embedding-only update keeps the metadata")
        try await notes.update(ids: ["a", "b"], metadatas: [["m": 1], ["m": 2]], metadataMode: .merge)
        let merged = try await notes.get(ids: ["a", "b"], include: [.metadatas]).metadatas
        #expect(merged?[0]?["k"] == 1 && merged?[0]?["m"] == 1 && merged?[0]?["updated_at"] != nil)
        try await notes.update(ids: ["b"], metadatas: [["r": true]])
        let replaced = try await notes.get(ids: ["b"], include: [.metadatas]).metadatas?.first ?? nil
        #expect(replaced?.keys.sorted() == ["r", "updated_at"])

        // upsert: a new record without metadata and an existing one given no metadata.
        try await notes.upsert(ids: ["a", "c"], embeddings: [[1, 1], [3, 3]], documents: ["A3", "C"])
        #expect(Self.isISO(try await Self.stamp(notes, "c")))
        let upserted = try await Self.stamp(notes, "a")
        #expect(upserted >= updated)
        #expect(try await notes.get(ids: ["a"], include: [.metadatas]).metadatas?.first??["k"] == 1)

        // update(where:).
        try await notes.update(where: .field("k") == 1, metadata: ["seen": true])
        #expect(try await notes.get(ids: ["a"], include: [.metadatas]).metadatas?.first??["seen"] == true)

        // A handle without the key writes no stamp and sends the statements it always sent.
        let counter = StatementCounter()
        try await StatementTracing.$counter.withValue(counter) {
            try await plain.add(ids: ["d"], embeddings: [[4, 4]])
            try await plain.update(ids: ["d"], embeddings: [[5, 5]])
        }
        #expect(!counter.executedSQL.contains { $0.contains("JSON_SET") })
        #expect(try await plain.get(ids: ["d"], include: [.metadatas]).metadatas == [nil])
    }

    @Test(.seekdbDatabase) func stampsFilterAsTimeAndDecodeAsDates() async throws {
        let notes = try await SeekDBTestDatabase.current.client.createCollection(
            name: "notes", configuration: .init(dimension: 2), embeddingFunction: nil
        ).with(timestampKey: "updated_at")
        try await notes.add(ids: ["old"], embeddings: [[1, 1]])
        let between = try await Self.stamp(notes, "old")
        try await Task.sleep(for: .milliseconds(20))
        try await notes.add(ids: ["new"], embeddings: [[2, 2]])
        let recent = try await notes.get(where: .field("updated_at") > .string(between), include: [])
        #expect(recent.ids == ["new"])

        // swift-format-ignore: AlwaysUseLowerCamelCase
        struct Stamped: Decodable { var updated_at: Date }  // the metadata key
        let decoded = try await notes.get(ids: ["old", "new"], include: [.metadatas]).metadatas(as: Stamped.self)
        #expect(decoded.count == 2 && decoded[0].updated_at < decoded[1].updated_at)
        #expect(abs(decoded[1].updated_at.timeIntervalSinceNow) < 3_600, "the server's clock, in UTC")
    }

    @Test func keysThatCannotBeAPathAreRefused() async throws {
        try await withTestCollection(dimension: 2) { _, collection in
            for key in ["", "has space", "quote\"", "dot.key", "$", String(repeating: "k", count: 65), "é"] {
                #expect(throws: SeekDBError.self, "\(key)") { _ = try collection.with(timestampKey: key) }
            }
            let cleared = try collection.with(timestampKey: "updated-at_2").with(timestampKey: nil)
            #expect(cleared.timestampKey == nil)
        }
    }

    @Test(.seekdbDatabase) func aKeyASparseVectorIsComputedFromIsRefused() async throws {
        let index = try SparseVectorIndexConfiguration(function: BM25SparseEmbeddingFunction(), source: .metadata(key: "title"))
        let collection = try await SeekDBTestDatabase.current.client.createCollection(
            name: "notes", configuration: .init(dimension: 2), embeddingFunction: nil, sparseVectorIndex: index)
        let error = try #require(throws: SeekDBError.self) { _ = try collection.with(timestampKey: "title") }
        #expect(error.code == .unsupportedDerivedColumn)
        #expect(try collection.with(timestampKey: "updated_at").timestampKey == "updated_at")
    }
}
