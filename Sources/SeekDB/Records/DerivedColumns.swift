extension SeekDBCollection {
    /// The sparse vectors a write must store with its records: recomputed, in the same call,
    /// from every source (document or metadata key) the write changes, so the sparse column is
    /// never left stale. `nil` for a collection without a sparse vector index.
    ///
    /// When the collection's sparse function is one the SDK cannot compute, a write that
    /// changes the source is refused before any SQL with ``SeekDBError/Code/unsupportedDerivedColumn``,
    /// naming the function and the column. The dense embedding needs no check here: a document
    /// written without an embedding is embedded by the collection's function, or refused when
    /// there is none.
    ///
    /// - Parameters:
    ///   - inserts: the write may insert records (upsert), whose sparse vector must be computed
    ///     even if the function is the only thing missing.
    func sparseEmbeddings(ids: [String], documents: [String?]?, metadatas: [Metadata?]?, metadataMode: MetadataUpdateMode,
                          inserts: Bool, operation: String) async throws -> [SparseVector?]? {
        guard let sparse = sparseVectorIndex else { return nil }
        let touched = inserts || sparse.isSource(changedBy: documents, metadatas: metadatas, metadataMode: metadataMode)
        guard touched else { return Array(repeating: nil, count: ids.count) }
        guard let function = sparse.function else {
            let described = sparse.functionName.map { "the sparse embedding function '\($0)'" } ?? "no sparse embedding function stored"
            let what = inserts ? "writes that may insert records" : "writes that change \(sparse.source)"
            throw SeekDBError(.unsupportedDerivedColumn,
                              "\(operation): collection '\(name)' derives its sparse_embedding column from \(sparse.source) with \(described), which this SDK cannot compute; \(what) are refused so the column never goes stale (nothing was sent; writes that leave \(sparse.source) alone, and reads, work)")
        }
        let texts = try sparse.sourceTexts(documents: documents, metadatas: metadatas, metadataMode: metadataMode,
                                           count: ids.count, ids: ids, operation: operation)
        let changing = texts.indices.filter { texts[$0] != nil }
        var vectors = [SparseVector?](repeating: nil, count: ids.count)
        guard !changing.isEmpty else { return vectors }
        let computed: [SparseVector]
        do {
            computed = try await client.instruments.observeEmbedding(kind: "sparse", texts: changing.count) {
                try await function.embed(changing.map { texts[$0]! })
            }
        } catch let error as CancellationError {
            throw error
        } catch {
            throw SeekDBError(.embeddingFailed, "\(operation): the sparse embedding function '\(function.name)' failed: \(error)", underlying: error)
        }
        guard computed.count == changing.count else {
            throw SeekDBError(.embeddingFailed, "\(operation): the sparse embedding function returned \(computed.count) vectors for \(changing.count) texts")
        }
        for (offset, index) in changing.enumerated() { vectors[index] = computed[offset] }
        return vectors
    }

    /// Refuses a metadata-only bulk write (``update(where:whereDocument:metadata:mode:logger:)``)
    /// that would change a metadata key the sparse vectors derive from: it would need each
    /// matching record read and recomputed. Other bulk writes leave the source alone.
    func checkBulkMetadataWrite(_ metadata: Metadata, mode: MetadataUpdateMode, operation: String) throws(SeekDBError) {
        guard let sparse = sparseVectorIndex, sparse.isSource(changedBy: nil, metadatas: [metadata], metadataMode: mode) else { return }
        throw SeekDBError(.unsupportedDerivedColumn,
                          "\(operation): collection '\(name)' derives its sparse_embedding column from \(sparse.source); a bulk metadata update that changes it would leave the sparse vectors stale, so it is refused (nothing was sent); update those records by id instead, which recomputes them")
    }
}
