import SeekDBEmbeddings

extension SeekDBCollection {
    /// Runs an embedding function: its errors become ``SeekDBError/Code/embeddingFailed``
    /// (cancellation passes through), and it must return one vector per text.
    ///
    /// - Parameter what: the texts' name in error messages ("documents", "query texts").
    func embed(_ texts: [String], with function: any EmbeddingFunction, operation: String, what: String) async throws -> [[Float]] {
        try await Self.run("\(operation): the embedding function", texts: texts, what: what) { try await function.embed(texts) }
    }

    /// Runs a sparse embedding function, with the same rules as ``embed(_:with:operation:what:)``.
    func embed(_ texts: [String], with function: any SparseEmbeddingFunction, operation: String) async throws -> [SparseVector] {
        try await Self.run("\(operation): the sparse embedding function '\(function.name)'", texts: texts, what: "texts") {
            try await function.embed(texts)
        }
    }

    /// `body`'s vectors, one per text; its errors (but cancellation) become
    /// ``SeekDBError/Code/embeddingFailed`` messages starting with `function`.
    private static func run<Vector>(_ function: String, texts: [String], what: String,
                                    _ body: () async throws -> [Vector]) async throws -> [Vector] {
        let vectors: [Vector]
        do {
            vectors = try await body()
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
