import Foundation
import NoteStore
import SeekDB
import SeekDBTesting
import Testing

/// Every test runs in a database of its own (`.seekdbDatabase`), on the server `SEEKDB_HOST`
/// names or else on a local seekdb started for the test process.
@Suite("NoteStore against a real seekdb")
struct NoteStoreTests {
    /// The store, on the running test's database.
    func makeStore() async throws -> NoteStore {
        try await NoteStore(client: SeekDBTestDatabase.current.client)
    }

    @Test(.seekdbDatabase) func savedNotesAreListedByTopic() async throws {
        let store = try await makeStore()
        try await store.save(.init(id: "a", text: "buy milk", topic: "shopping"), vector: [1, 0, 0])
        try await store.save(.init(id: "b", text: "fix the tap", topic: "house"), vector: [0, 1, 0])
        #expect(try await store.notes(about: "shopping") == [.init(id: "a", text: "buy milk", topic: "shopping")])
    }

    @Test(.seekdbDatabase) func savingAgainReplacesTheNote() async throws {
        let store = try await makeStore()
        try await store.save(.init(id: "a", text: "buy milk", topic: "shopping"), vector: [1, 0, 0])
        try await store.save(.init(id: "a", text: "buy oat milk", topic: "shopping"), vector: [1, 0, 0])
        let collection = try await SeekDBTestDatabase.current.client.getCollection(name: NoteStore.collectionName, embeddingFunction: nil)
        #expect(
            try await collection.snapshot()
                == CollectionSnapshot(records: [
                    .init(id: "a", document: "buy oat milk", metadata: ["topic": "shopping"], embedding: [1, 0, 0])
                ]))
    }

    /// A fixture file in the `seekdb` tool's record format, loaded before the store opens it.
    @Test(.seekdbDatabase) func findsTheNearestNoteOfAFixture() async throws {
        let file = try #require(Bundle.module.url(forResource: "notes", withExtension: "jsonl", subdirectory: "Fixtures"))
        let client = try SeekDBTestDatabase.current.client
        try await client.createCollection(
            name: NoteStore.collectionName, distance: .cosine,
            records: try FixtureRecord.records(jsonLinesAt: file))
        let store = try await makeStore()
        #expect(try await store.nearest(to: [0, 0.9, 0.1])?.id == "n2")
        #expect(try await store.notes(about: "shopping").map(\.id) == ["n1", "n3"])
    }

    /// Ten cases at once, all writing id "same": none sees another's note.
    @Test(.seekdbDatabase, arguments: 0..<10) func parallelTestsAreIsolated(index: Int) async throws {
        let store = try await makeStore()
        try await store.save(.init(id: "same", text: "note \(index)", topic: "t"), vector: [1, Float(index), 0])
        #expect(try await store.notes(about: "t").map(\.text) == ["note \(index)"])
    }
}
