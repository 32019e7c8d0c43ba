import SeekDB

/// One record of a JSON-lines file:
/// `{"id": "...", "document": "...", "embedding": [...], "metadata": {...},
/// "sparse_embedding": {"indices": [...], "values": [...]}}`.
/// Only `id` is required; any other field may be left out or be `null`.
struct RecordLine: Sendable, Equatable {
    /// The 1-based line number in the input, for error messages.
    var line: Int
    var id: String
    var document: RecordField<String>
    var embedding: RecordField<[Float]>
    var metadata: RecordField<Metadata>
    /// The record's sparse vector, for a collection with a sparse vector index.
    var sparseEmbedding: RecordField<SparseVector> = .absent

    static let fieldNames = ["id", "document", "embedding", "metadata", "sparse_embedding"]

    /// Parses one line.
    ///
    /// - Throws: ``CLIError`` naming the line: invalid JSON, not an object, a missing or
    ///   non-string `id`, a field of the wrong type, or an unknown field (a typo would
    ///   otherwise be dropped silently).
    init(parsing text: String, line: Int) throws(CLIError) {
        let value: MetadataValue
        do {
            value = try MetadataValue(json: text)
        } catch {
            throw .invalidArgument("line \(line): \(error.message)")
        }
        guard case .object(let fields) = value else {
            throw .invalidArgument("line \(line): expected a JSON object such as {\"id\": \"a\", \"document\": \"...\"}")
        }
        if let unknown = fields.keys.sorted().first(where: { !Self.fieldNames.contains($0) }) {
            throw .invalidArgument("line \(line): unknown field \"\(unknown)\"; a record has \(Self.fieldNames.joined(separator: ", "))")
        }
        guard let id = fields["id"]?.stringValue else {
            throw .invalidArgument("line \(line): \"id\" must be given as a string")
        }
        self.line = line
        self.id = id
        self.document = try Self.field(fields["document"], name: "document", line: line) { $0.stringValue }
        self.embedding = try Self.field(fields["embedding"], name: "embedding", line: line, Self.vector)
        self.metadata = try Self.field(fields["metadata"], name: "metadata", line: line) {
            if case .object(let object) = $0 { object } else { nil }
        }
        switch fields["sparse_embedding"] {
        case nil: self.sparseEmbedding = .absent
        case .null?: self.sparseEmbedding = .null
        case let value?: self.sparseEmbedding = .value(try Self.sparseVector(value, name: "line \(line): \"sparse_embedding\""))
        }
    }

    /// A sparse vector given as `{"indices": [3, 7], "values": [1.25, 0.5]}` (indices ascending,
    /// unique, at most ``SparseVector/maximumIndex``; values finite).
    static func sparseVector(_ value: MetadataValue, name: String) throws(CLIError) -> SparseVector {
        let shape = "an object {\"indices\": [3, 7], \"values\": [1.25, 0.5]}"
        guard case .object(let members) = value, Set(members.keys) == ["indices", "values"],
            case .array(let indexValues)? = members["indices"], let values = vector(members["values"] ?? .null)
        else {
            throw .invalidArgument("\(name) must be \(shape)")
        }
        var indices: [UInt32] = []
        for index in indexValues {
            guard case .int(let number) = index, let converted = UInt32(exactly: number) else {
                throw .invalidArgument("\(name): indices must be integers from 0 to \(UInt32.max), got \(index)")
            }
            indices.append(converted)
        }
        do {
            return try SparseVector(indices: indices, values: values)
        } catch {
            throw .invalidArgument("\(name): \(error.message)")
        }
    }

    /// The one record of `update --id ID [--document] [--metadata JSON] [--embedding JSON]`;
    /// options not given are absent (left unchanged).
    ///
    /// - Throws: ``CLIError`` naming the option whose JSON is invalid.
    init(id: String, document: String?, metadataJSON: String?, embeddingJSON: String?) throws(CLIError) {
        self.line = 1
        self.id = id
        self.document = document.map(RecordField.value) ?? .absent
        self.metadata =
            try metadataJSON.map { json throws(CLIError) in
                guard case .object(let object) = try Self.parseOption(json, name: "--metadata") else {
                    throw .invalidArgument("--metadata: expected a JSON object such as {\"k\": 1}")
                }
                return .value(object)
            } ?? .absent
        self.embedding = try embeddingJSON.map { json throws(CLIError) in .value(try Self.vector(json, name: "--embedding")) } ?? .absent
        self.sparseEmbedding = .absent
    }

    /// A vector given as JSON text in option `name` (`--embedding`).
    static func vector(_ json: String, name: String) throws(CLIError) -> [Float] {
        guard let vector = vector(try parseOption(json, name: name)), !vector.isEmpty else {
            throw .invalidArgument("\(name): expected a JSON array of numbers such as [0.1, 0.2, 0.3]")
        }
        return vector
    }

    static func parseOption(_ json: String, name: String) throws(CLIError) -> MetadataValue {
        do { return try MetadataValue(json: json) } catch { throw .invalidArgument("\(name): \(error.message)") }
    }

    private static let expected = ["document": "a string", "embedding": "an array of numbers", "metadata": "an object"]

    private static func field<Value>(
        _ value: MetadataValue?, name: String, line: Int,
        _ convert: (MetadataValue) -> Value?
    ) throws(CLIError) -> RecordField<Value> {
        switch value {
        case nil: return .absent
        case .null?: return .null
        case let value?:
            guard let converted = convert(value) else {
                throw .invalidArgument("line \(line): \"\(name)\" must be \(expected[name] ?? "valid") or null")
            }
            return .value(converted)
        }
    }

    /// The numbers of a JSON array as a vector, or `nil` if it is not an array of numbers.
    static func vector(_ value: MetadataValue) -> [Float]? {
        guard case .array(let elements) = value else { return nil }
        var vector: [Float] = []
        vector.reserveCapacity(elements.count)
        for element in elements {
            guard let number = element.doubleValue else { return nil }
            vector.append(Float(number))
        }
        return vector
    }
}
