extension SeekDBCollection {
    /// Runs an embedding function: its errors become ``SeekDBError/Code/embeddingFailed``
    /// (cancellation passes through), and it must return one vector per text.
    ///
    /// - Parameter what: the texts' name in error messages ("documents", "query texts").
    func embed(_ texts: [String], with function: any EmbeddingFunction, operation: String, what: String) async throws -> [[Float]] {
        let vectors: [[Float]]
        do {
            vectors = try await client.instruments.observeEmbedding(kind: "dense", texts: texts.count) {
                try await function.embed(texts)
            }
        } catch let error as CancellationError {
            throw error
        } catch {
            throw SeekDBError(.embeddingFailed, "\(operation): the embedding function failed: \(error)", underlying: error)
        }
        guard vectors.count == texts.count else {
            throw SeekDBError(.embeddingFailed, "\(operation): the embedding function returned \(vectors.count) vectors for \(texts.count) \(what)")
        }
        return vectors
    }
}
