import SeekDB

/// Runs an embedding function over many texts in small batches, advancing a progress bar
/// after each batch (the model is the slow part of a large import).
enum BatchEmbedding {
    static let batchSize = 32

    /// Embeddings of `texts`, in order. `onBatch` receives each batch's vectors as it is done.
    static func embed(
        _ texts: [String], with function: any EmbeddingFunction, label: String = "embedding",
        onBatch: ([[Float]]) throws -> Void = { _ in }
    ) async throws -> [[Float]] {
        var progress = ProgressBar(label: label, total: texts.count)
        defer { progress.finish() }
        var vectors: [[Float]] = []
        vectors.reserveCapacity(texts.count)
        var start = 0
        while start < texts.count {
            let batch = Array(texts[start..<min(start + batchSize, texts.count)])
            let computed = try await function.embed(batch)
            guard computed.count == batch.count else {
                throw CLIError(
                    code: "embeddingFailed", message: "the embedding function returned \(computed.count) vectors for \(batch.count) texts")
            }
            try onBatch(computed)
            vectors += computed
            progress.advance(by: batch.count)
            start += batch.count
        }
        return vectors
    }
}
