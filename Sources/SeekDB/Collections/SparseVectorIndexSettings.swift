public import SeekDBEmbeddings

/// The sparse vector index pyseekdb 1.4 can give a collection (`settings.sparse_vector_index`):
/// a `sparse_embedding` column derived from a source (the document, or one metadata key) by a
/// sparse embedding function such as `"bm25"`.
///
/// The SDK reads it so that no write leaves the sparse column stale: a write that changes the
/// source must write the sparse vector too, or it is refused (see
/// ``SeekDBError/Code/unsupportedDerivedColumn``).
public struct SparseVectorIndexSettings: Sendable, Hashable {
    /// Where the sparse vector is computed from.
    public enum Source: Sendable, Hashable, CustomStringConvertible {
        /// The record's document (`"#document"` in the settings).
        case document
        /// The value of one metadata key.
        case metadata(key: String)

        public var description: String {
            switch self {
            case .document: "the document"
            case .metadata(let key): "metadata key '\(key)'"
            }
        }
    }

    /// Where the sparse vector is computed from.
    public var source: Source
    /// The sparse embedding function's registry name (pyseekdb's `"bm25"`), or `nil` when the
    /// collection stores none.
    public var functionName: String?
    /// The function's properties as stored, as JSON text (`{"k": 1.2, "b": 0.75, …}`).
    public var functionPropertiesJSON: String?
    /// The function a collection was created with in this process (its ``functionName`` and
    /// properties are the stored ones); not part of equality.
    var attachedFunction: (any SparseEmbeddingFunction)?

    /// The sparse embedding function the SDK computes this index with: the one the collection
    /// was created with, else pyseekdb's `"bm25"` with the stored properties, or `nil` when the
    /// function (or one of its properties) is one the SDK does not implement; writes that need
    /// it are then refused.
    public var function: (any SparseEmbeddingFunction)? {
        if let attachedFunction { return attachedFunction }
        guard functionName == "bm25" else { return nil }
        var properties: [(key: String, value: EmbeddingPropertyValue)] = []
        if let text = functionPropertiesJSON, let json = try? JSONReader.parse(text) {
            guard case .object(let members) = json else { return nil }
            properties = members.map { ($0.key, EmbeddingPropertyValue(MetadataValue($0.value))) }
        }
        return try? BM25SparseEmbeddingFunction(properties: properties)
    }

    /// Equal source, function name and properties (as JSON values: the server reorders an
    /// object's keys when it stores them, so the text is not compared).
    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.source == rhs.source && lhs.functionName == rhs.functionName && lhs.normalizedProperties == rhs.normalizedProperties
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(source)
        hasher.combine(functionName)
        hasher.combine(normalizedProperties)
    }

    /// The properties with object keys sorted, or the text itself if it is not JSON.
    private var normalizedProperties: String? {
        guard let text = functionPropertiesJSON, let value = try? JSONReader.parse(text) else { return functionPropertiesJSON }
        func sorted(_ value: JSONValue) -> JSONValue {
            switch value {
            case .object(let members): .object(members.map { ($0.key, sorted($0.value)) }.sorted { $0.0 < $1.0 })
            case .array(let items): .array(items.map(sorted))
            default: value
            }
        }
        return (try? JSONWriter.string(sorted(value))) ?? text
    }

    public init(source: Source, functionName: String?, functionPropertiesJSON: String? = nil) {
        self.source = source
        self.functionName = functionName
        self.functionPropertiesJSON = functionPropertiesJSON
    }

    /// The `sparse_vector_index` member of the settings JSON.
    init(json: JSONValue) {
        if case .string(let key)? = json["source_key"], key != "#document" {
            source = .metadata(key: key)
        } else {
            source = .document
        }
        if case .string(let name)? = json["embedding_function"]?["name"] { functionName = name }
        if let properties = json["embedding_function"]?["properties"] {
            functionPropertiesJSON = try? JSONWriter.string(properties)
        }
    }

    /// The new source text of each record a write changes the source of (`nil` where the
    /// source is left alone), or an error naming a record whose new source is not a string.
    func sourceTexts(
        documents: [String?]?, metadatas: [Metadata?]?, metadataMode: MetadataUpdateMode,
        count: Int, ids: [String], operation: SeekDBOperation
    ) throws(SeekDBError) -> [String?] {
        switch source {
        case .document:
            return documents ?? Array(repeating: nil, count: count)
        case .metadata(let key):
            var texts = [String?](repeating: nil, count: count)
            guard let metadatas else { return texts }
            for (index, metadata) in metadatas.enumerated() {
                guard let metadata else { continue }
                let value = metadata[key]
                if metadataMode == .merge && value == nil { continue }  // the patch leaves the key alone
                guard case .string(let text)? = value else {
                    throw SeekDBError.invalidArgument(
                        "\(operation): the record at index \(index) (id '\(ids[index])') would leave metadata key '\(key)', the source of "
                            + "the collection's sparse vectors, \(value == nil || value == .null ? "without a value" : "not a string"); "
                            + "give it a string"
                    )
                }
                texts[index] = text
            }
            return texts
        }
    }

    /// Whether a write changes the source: documents given (document source), or metadata
    /// replaced, or a merge patch naming the key (metadata source).
    func isSource(changedBy documents: [String?]?, metadatas: [Metadata?]?, metadataMode: MetadataUpdateMode) -> Bool {
        switch source {
        case .document:
            return documents?.contains { $0 != nil } ?? false
        case .metadata(let key):
            let member = String(key.split(separator: ".", maxSplits: 1).first ?? Substring(key))
            return metadatas?.contains { metadata in
                guard let metadata else { return false }
                return metadataMode == .replace || metadata[member] != nil
            } ?? false
        }
    }
}
