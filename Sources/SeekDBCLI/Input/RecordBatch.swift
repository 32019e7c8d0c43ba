import SeekDB

/// Records of a JSON-lines input as the SDK's column arguments. A column is `nil` when no
/// line gives that field; otherwise it has one entry per record, `nil` where a line leaves the
/// field out (or, for `add`, sets it to `null`).
struct RecordBatch: Sendable {
    var ids: [String]
    var documents: [String?]?
    var embeddings: [[Float]?]?
    var metadatas: [Metadata?]?
    var sparseEmbeddings: [SparseVector?]?

    /// What a field set to JSON `null` means.
    enum NullField {
        /// No value (`add`: the record has no document, no metadata).
        case none
        /// An error naming the line (`update`, `upsert`): the SDK leaves a `nil` field
        /// unchanged, which a line says by leaving the field out, so `null` would be ambiguous.
        case rejected
    }

    init(_ records: [RecordLine], null: NullField = .none) throws(CLIError) {
        if null == .rejected {
            for record in records {
                let fields = [
                    ("document", record.document.isNull), ("embedding", record.embedding.isNull), ("metadata", record.metadata.isNull),
                    ("sparse_embedding", record.sparseEmbedding.isNull)
                ]
                if let field = fields.first(where: \.1)?.0 {
                    throw .invalidArgument(
                        "line \(record.line): \"\(field)\" is null; leave the field out to keep the stored "
                            + "value\(field == "metadata" ? ", or give {} to clear it" : "")"
                    )
                }
            }
        }
        ids = records.map(\.id)
        documents = records.contains { $0.document.isPresent } ? records.map(\.document.value) : nil
        embeddings = records.contains { $0.embedding.isPresent } ? records.map(\.embedding.value) : nil
        metadatas = records.contains { $0.metadata.isPresent } ? records.map(\.metadata.value) : nil
        sparseEmbeddings = records.contains { $0.sparseEmbedding.isPresent } ? records.map(\.sparseEmbedding.value) : nil
    }

    /// Indices of records with a document but no embedding: the ones an embedding function fills in.
    var needingEmbeddings: [Int] {
        ids.indices.filter { documents?[$0] != nil && embeddings?[$0] == nil }
    }

    /// Computes the missing embeddings with `function`, batch by batch with a progress bar,
    /// so the SDK receives every vector and the user sees the slow part advance.
    mutating func computeEmbeddings(with function: (any EmbeddingFunction)?) async throws {
        let needing = needingEmbeddings
        guard let function, !needing.isEmpty, let documents else { return }
        let vectors = try await BatchEmbedding.embed(needing.map { documents[$0]! }, with: function)
        var embeddings = self.embeddings ?? Array(repeating: nil, count: ids.count)
        for (offset, index) in needing.enumerated() { embeddings[index] = vectors[offset] }
        self.embeddings = embeddings
    }

    /// Opens `collection`, computes the missing embeddings (with a progress bar), then runs
    /// `write` with the SDK's arguments: ids, embeddings, documents, metadatas, sparse embeddings.
    func write<R: Sendable>(
        into collection: String, connection: ConnectionOptions,
        _ write: (SeekDBCollection, IDs, Embeddings?, Documents?, Metadatas?, SparseEmbeddings?) async throws -> R
    ) async throws -> R {
        var batch = self
        return try await connection.withClient { client in
            let collection = try await client.getCollection(name: collection)
            try await batch.computeEmbeddings(with: collection.embeddingFunction)
            return try await write(
                collection, IDs(batch.ids), batch.embeddings.map(Embeddings.init),
                batch.documents.map(Documents.init), batch.metadatas.map(Metadatas.init),
                batch.sparseEmbeddings.map(SparseEmbeddings.init))
        }
    }
}
