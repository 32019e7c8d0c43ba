public import SeekDB

/// One record to load into a collection: the CLI's record format, one JSON object per line:
/// `{"id": "a", "document": "…", "embedding": [0.1, 0.2], "metadata": {"k": 1}}`.
///
/// Only `id` is required; the other fields may be left out or be `null`. Unknown fields are
/// refused, so a misspelt field name fails the test instead of being dropped.
public struct FixtureRecord: Sendable, Hashable {
    /// The record's id (required).
    public var id: String
    /// The document, or `nil` for none.
    public var document: String?
    /// The embedding, or `nil` to let the collection's embedding function compute it from the
    /// document (a collection without one then refuses the record).
    public var embedding: [Float]?
    /// The metadata object, or `nil` for none.
    public var metadata: Metadata?

    /// A record from its fields.
    public init(id: String, document: String? = nil, embedding: [Float]? = nil, metadata: Metadata? = nil) {
        self.id = id
        self.document = document
        self.embedding = embedding
        self.metadata = metadata
    }

    static let fieldNames = ["id", "document", "embedding", "metadata"]

    /// Parses one JSON object in the record format.
    ///
    /// - Parameters:
    ///   - text: the JSON object.
    ///   - source: names the input in error messages (`notes.jsonl line 3`).
    /// - Throws: `SeekDBError` with code `.invalidArgument` naming `source`: invalid JSON, not an
    ///   object, a missing or non-string `id`, a field of the wrong type, an unknown field.
    public init(json text: String, source: String = "record") throws(SeekDBError) {
        let value: MetadataValue
        do { value = try MetadataValue(json: text) } catch { throw SeekDBError(.invalidArgument, "\(source): \(error.message)") }
        guard case .object(let fields) = value else {
            throw SeekDBError(.invalidArgument, "\(source): expected a JSON object such as {\"id\": \"a\", \"document\": \"...\"}")
        }
        if let unknown = fields.keys.sorted().first(where: { !Self.fieldNames.contains($0) }) {
            throw SeekDBError(
                .invalidArgument, "\(source): unknown field \"\(unknown)\"; a record has \(Self.fieldNames.joined(separator: ", "))")
        }
        guard let id = fields["id"]?.stringValue else { throw SeekDBError(.invalidArgument, "\(source): \"id\" must be a string") }
        self.id = id
        document = try Self.field(fields["document"], "document", "a string", source) { $0.stringValue }
        embedding = try Self.field(fields["embedding"], "embedding", "an array of numbers", source) { value in
            guard case .array(let elements) = value else { return nil }
            let numbers = elements.compactMap(\.doubleValue)
            return numbers.count == elements.count ? numbers.map(Float.init) : nil
        }
        metadata = try Self.field(fields["metadata"], "metadata", "an object", source) { value in
            if case .object(let object) = value { object } else { nil }
        }
    }

    private static func field<Value>(
        _ value: MetadataValue?, _ name: String, _ expected: String, _ source: String,
        _ convert: (MetadataValue) -> Value?
    ) throws(SeekDBError) -> Value? {
        guard let value, value != .null else { return nil }
        guard let converted = convert(value) else {
            throw SeekDBError(.invalidArgument, "\(source): \"\(name)\" must be \(expected) or null")
        }
        return converted
    }
}
