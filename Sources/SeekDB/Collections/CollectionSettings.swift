/// The `settings` JSON of an `sdk_collections` row, as pyseekdb writes and reads it.
struct CollectionSettings: Sendable {
    /// `settings.embedding_function.name`, e.g. `"default"`.
    var embeddingFunctionName: String?
    /// Namespace collections (LakeBase) are not collections this SDK (or pyseekdb on seekdb) serves.
    var usesNamespace = false
    /// `settings.sparse_vector_index`: the sparse column and what derives it, if the collection has one.
    var sparseVectorIndex: SparseVectorIndexSettings?
    /// The `sparse_vector_index` member a new collection stores (``json`` writes it).
    var sparseVectorIndexJSON: JSONValue?

    init(embeddingFunctionName: String?) {
        self.embeddingFunctionName = embeddingFunctionName
    }

    /// Reads the stored JSON; unreadable settings count as `{"version": 2}`.
    init(json text: String?) {
        guard let text, let value = try? JSONReader.parse(text) else { return }
        if case .string(let name)? = value["embedding_function"]?["name"] { embeddingFunctionName = name }
        if case .bool(true)? = value["use_namespace"] { usesNamespace = true }
        if let sparse = value["sparse_vector_index"], case .object = sparse {
            sparseVectorIndex = SparseVectorIndexSettings(json: sparse)
        }
    }

    /// `{"version": 2}`, with `"embedding_function": {"name": …, "properties": {}}` and
    /// `"sparse_vector_index": {…}` when the collection has them, as pyseekdb writes it.
    var json: String {
        var members: [(key: String, value: JSONValue)] = [("version", .int(2))]
        if let embeddingFunctionName {
            members.append(("embedding_function", .object([("name", .string(embeddingFunctionName)), ("properties", .object([]))])))
        }
        if let sparseVectorIndexJSON { members.append(("sparse_vector_index", sparseVectorIndexJSON)) }
        return (try? JSONWriter.string(.object(members))) ?? #"{"version":2}"#
    }
}
