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
