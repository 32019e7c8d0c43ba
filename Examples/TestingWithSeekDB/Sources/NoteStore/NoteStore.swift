public import SeekDB

/// Notes with a topic, stored in a seekdb collection: the application code under test.
///
/// A note's vector comes from the caller (a real app would use an embedding function); the
/// store keeps the topic in the metadata so notes can be listed by topic and searched within one.
public struct NoteStore: Sendable {
    /// One stored note.
    public struct Note: Sendable, Hashable {
        public var id: String
        public var text: String
        public var topic: String

        public init(id: String, text: String, topic: String) {
            self.id = id
            self.text = text
            self.topic = topic
        }
    }

    /// The collection's name.
    public static let collectionName = "notes"

    let collection: SeekDBCollection

    /// Opens the `notes` collection of `client`'s database, creating it (dimension 3, cosine
    /// distance) if it does not exist.
    public init(client: SeekDBClient) async throws {
        collection = try await client.getOrCreateCollection(
            name: Self.collectionName, configuration: .init(dimension: 3, distance: .cosine), embeddingFunction: nil)
    }

    /// Saves a note, replacing one with the same id.
    public func save(_ note: Note, vector: [Float]) async throws {
        try await collection.upsert(
            ids: [note.id], embeddings: [vector], documents: [note.text],
            metadatas: [["topic": .string(note.topic)]])
    }

    /// The notes about `topic`, ordered by id.
    public func notes(about topic: String) async throws -> [Note] {
        let result = try await collection.get(where: .field("topic") == .string(topic), limit: 1_000)
        return result.records.map(Self.note).sorted { $0.id < $1.id }
    }

    /// The note closest to `vector`, if any is stored (an exact search, so a note saved just
    /// before is found too).
    public func nearest(to vector: [Float]) async throws -> Note? {
        let result = try await collection.query(embeddings: [vector], nResults: 1, consistency: .exact)
        guard let id = result.ids.first?.first else { return nil }
        return try await collection.get(ids: [id]).records.first.map(Self.note)
    }

    private static func note(_ record: GetResult.Record) -> Note {
        Note(id: record.id, text: record.document ?? "", topic: record.metadata?["topic"]?.stringValue ?? "")
    }
}
