import SeekDB

/// Records of a JSON-lines input as the SDK's column arguments. A column is `nil` when no
/// line gives that field; otherwise it has one entry per record, `nil` where a line leaves the
/// field out or sets it to `null`.
struct RecordBatch: Sendable {
    var ids: [String]
    var documents: [String?]?
    var embeddings: [[Float]?]?
    var metadatas: [Metadata?]?

    init(_ records: [RecordLine]) {
        ids = records.map(\.id)
        documents = records.contains { $0.document.isPresent } ? records.map(\.document.value) : nil
        embeddings = records.contains { $0.embedding.isPresent } ? records.map(\.embedding.value) : nil
        metadatas = records.contains { $0.metadata.isPresent } ? records.map(\.metadata.value) : nil
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
}
