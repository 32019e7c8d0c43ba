import Foundation
import SeekDB
import SeekDBTesting
import Testing

@Suite("Fixtures and snapshots")
struct FixtureTests {
    static let lines = """
        {"id": "b", "document": "second", "embedding": [0, 1, 0], "metadata": {"n": 2}}

        {"id": "a", "document": "first", "embedding": [1, 0, 0.5], "metadata": {"n": 1, "tags": ["x"]}}
        {"id": "c", "embedding": [0, 0, 1], "document": null}
        """

    @Test func parsesTheCLIRecordFormat() throws {
        let records = try FixtureRecord.records(jsonLines: Self.lines)
        #expect(
            records == [
                FixtureRecord(id: "b", document: "second", embedding: [0, 1, 0], metadata: ["n": 2]),
                FixtureRecord(id: "a", document: "first", embedding: [1, 0, 0.5], metadata: ["n": 1, "tags": ["x"]]),
                FixtureRecord(id: "c", embedding: [0, 0, 1])
            ])
    }

    @Test func namesTheLineOfABadRecord() {
        let error = #expect(throws: SeekDBError.self) {
            try FixtureRecord.records(jsonLines: "{\"id\": \"a\"}\n{\"id\": \"b\", \"documnet\": \"x\"}", source: "notes.jsonl")
        }
        #expect(error?.message.contains("notes.jsonl line 2: unknown field \"documnet\"") == true)
    }

    @Test(.seekdbDatabase) func loadsAFileAndSnapshotsTheCollection() async throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("fixture-\(UUID().uuidString).jsonl")
        try Self.lines.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let client = try SeekDBTestDatabase.current.client
        let collection = try await client.createCollection(
            name: "notes", configuration: .init(dimension: 3, distance: .l2),
            embeddingFunction: nil)
        try await collection.load(jsonLinesAt: file)
        let snapshot = try await collection.snapshot()
        #expect(
            snapshot
                == CollectionSnapshot(records: [
                    .init(id: "c", embedding: [0, 0, 1]),
                    .init(id: "a", document: "first", metadata: ["n": 1, "tags": ["x"]], embedding: [1, 0, 0.5]),
                    .init(id: "b", document: "second", metadata: ["n": 2], embedding: [0, 1, 0])
                ]))
        #expect(
            snapshot.description == """
                a | "first" | {"n":1,"tags":["x"]} | [1.0, 0.0, 0.5]
                b | "second" | {"n":2} | [0.0, 1.0, 0.0]
                c | nil | nil | [0.0, 0.0, 1.0]
                """)
    }

    struct Note: Encodable {
        var id: String
        var document: String
        var embedding: [Float]
        var metadata: [String: String]
    }

    @Test(.seekdbDatabase) func loadsEncodableValues() async throws {
        let client = try SeekDBTestDatabase.current.client
        let notes = [Note(id: "n1", document: "milk", embedding: [1, 2, 3], metadata: ["list": "shopping"])]
        let collection = try await client.createCollection(name: "notes", records: try FixtureRecord.records(encoding: notes))
        #expect(
            try await collection.snapshot().records == [
                .init(id: "n1", document: "milk", metadata: ["list": "shopping"], embedding: [1, 2, 3])
            ])
    }
}
