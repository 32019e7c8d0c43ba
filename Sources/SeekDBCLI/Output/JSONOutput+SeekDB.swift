import SeekDB

extension JSONOutput {
    /// A metadata value; object keys sorted, so output is the same from run to run.
    init(_ value: MetadataValue) {
        switch value {
        case .null: self = .null
        case .bool(let b): self = .bool(b)
        case .int(let i): self = .int(i)
        case .double(let d): self = .double(d)
        case .string(let s): self = .string(s)
        case .array(let a): self = .array(a.map(JSONOutput.init))
        case .object(let o): self = JSONOutput(o)
        }
    }

    /// A metadata object, keys sorted.
    init(_ metadata: Metadata) {
        self = .object(metadata.sorted { $0.key < $1.key }.map { ($0.key, JSONOutput($0.value)) })
    }

    /// An embedding.
    init(_ vector: [Float]) {
        self = .array(vector.map(JSONOutput.float))
    }

    /// A column value of a raw SQL result.
    init(_ value: SQLValue) {
        switch value {
        case .null: self = .null
        case .int(let i): self = .int(i)
        case .uint(let u): self = Int64(exactly: u).map(JSONOutput.int) ?? .string(String(u))
        case .double(let d): self = .double(d)
        case .bool(let b): self = .bool(b)
        case .string(let s): self = .string(s)
        case .bytes: self = .string(value.stringValue ?? "")
        case .vector(let v): self = JSONOutput(v)
        }
    }

    /// `get`'s result in pyseekdb's shape: `ids`, then `documents`, `metadatas` and
    /// `embeddings` for the fields included (absent keys for fields not included), and
    /// `sparse_embeddings` (`{"indices": […], "values": […]}` or `null` per record) when asked
    /// for. As pyseekdb does, a record without metadata shows `{}`.
    init(_ result: GetResult) {
        var members: [(String, JSONOutput)] = [("ids", .array(result.ids.map(JSONOutput.string)))]
        if let documents = result.documents {
            members.append(("documents", .array(documents.map { $0.map(JSONOutput.string) ?? .null })))
        }
        if let metadatas = result.metadatas {
            members.append(("metadatas", .array(metadatas.map { JSONOutput($0 ?? [:]) })))
        }
        if let embeddings = result.embeddings {
            members.append(("embeddings", .array(embeddings.map { $0.map(JSONOutput.init) ?? .null })))
        }
        if let sparse = result.sparseEmbeddings {
            members.append(("sparse_embeddings", .array(sparse.map { $0.map(JSONOutput.init) ?? .null })))
        }
        self = .object(members)
    }

    /// A sparse vector: `{"indices": […], "values": […]}`, indices ascending.
    init(_ vector: SparseVector) {
        self = .object([
            ("indices", .array(vector.indices.map { .int(Int64($0)) })),
            ("values", .array(vector.values.map { .float($0) }))
        ])
    }
}

extension JSONOutput {
    /// A string, or `null`.
    static func nullable(_ string: String?) -> JSONOutput {
        string.map(JSONOutput.string) ?? .null
    }

    /// `dimension`, `distance` and `embedding_function` of a collection, and
    /// `sparse_vector_index` (`{"source_key": "#document" | KEY, "embedding_function": NAME}`)
    /// when it has one.
    static func settings(of collection: SeekDBCollection) -> [(String, JSONOutput)] {
        var settings: [(String, JSONOutput)] = [
            ("dimension", .int(Int64(collection.dimension))), ("distance", .nullable(collection.distance?.rawValue)),
            ("embedding_function", .nullable(collection.persistedEmbeddingFunctionName))
        ]
        if let sparse = collection.sparseVectorIndex {
            let source =
                switch sparse.source {
                case .document: "#document"
                case .metadata(let key): key
                }
            settings.append(
                (
                    "sparse_vector_index",
                    .object([
                        ("source_key", .string(source)),
                        ("embedding_function", .nullable(sparse.functionName))
                    ])
                ))
        }
        return settings
    }
}

extension JSONOutput {
    /// A SQL value as a table cell: strings as they are, anything else as JSON.
    static func cell(_ value: SQLValue) -> String {
        if case .string(let text) = JSONOutput(value) { return text }
        return JSONOutput(value).text
    }
}
