import SeekDBEmbeddings

extension SeekDBCollection {
    /// Runs an embedding function: its errors become ``SeekDBError/Code/embeddingFailed``
    /// (cancellation passes through), and it must return one vector per text. The run is
    /// measured and traced as an `embed` of kind `dense`.
    ///
    /// - Parameter what: the texts' name in error messages ("documents", "query texts").
    func embed(_ texts: [String], with function: any EmbeddingFunction, operation: SeekDBOperation, what: String) async throws -> [[Float]]
    {
        try await run("\(operation): the embedding function", kind: "dense", texts: texts, what: what) { try await function.embed(texts) }
    }

    /// Runs a sparse embedding function, with the same rules as ``embed(_:with:operation:what:)``
    /// (an `embed` of kind `sparse`).
    func embed(_ texts: [String], with function: any SparseEmbeddingFunction, operation: SeekDBOperation) async throws -> [SparseVector] {
        try await run("\(operation): the sparse embedding function '\(function.name)'", kind: "sparse", texts: texts, what: "texts") {
            try await function.embed(texts)
        }
    }

    /// `body`'s vectors, one per text; its errors (but cancellation) become
    /// ``SeekDBError/Code/embeddingFailed`` messages starting with `function`.
    private func run<Vector>(
        _ function: String, kind: String, texts: [String], what: String,
        _ body: () async throws -> [Vector]
    ) async throws -> [Vector] {
        let vectors: [Vector]
        do {
            vectors = try await client.instruments.observeEmbedding(kind: kind, texts: texts.count, body)
        } catch let error as CancellationError {
            throw error
        } catch {
            throw SeekDBError(.embeddingFailed, "\(function) failed: \(error)", underlying: error)
        }
        guard vectors.count == texts.count else {
            throw SeekDBError(.embeddingFailed, "\(function) returned \(vectors.count) vectors for \(texts.count) \(what)")
        }
        return vectors
    }
}
