extension SeekDBCollection {
    /// The sparse vectors a write must store with its records: the ones `given` (used as
    /// they are), and for the other records, recomputed in the same call from every source
    /// (document or metadata key) the write changes, so the sparse column is never left stale.
    /// `nil` for a collection without a sparse vector index (which refuses given vectors).
    ///
    /// When the collection's sparse function is one the SDK cannot compute, a write that
    /// changes the source of a record without a given vector is refused before any SQL with
    /// ``SeekDBError/Code/unsupportedDerivedColumn``, naming the function and the column. The
    /// dense embedding needs no check here: a document written without an embedding is
    /// embedded by the collection's function, or refused when there is none.
    ///
    /// - Parameters:
    ///   - given: the caller's sparse vectors, one per id (`nil` entries: compute or keep).
    ///   - inserts: the write may insert records (add, upsert), whose sparse vector must be
    ///     computed even if the function is the only thing missing.
    func sparseEmbeddings(
        ids: [String], given: [SparseVector?]? = nil, documents: [String?]?, metadatas: [Metadata?]?,
        metadataMode: MetadataUpdateMode, inserts: Bool, operation: SeekDBOperation
    ) async throws -> [SparseVector?]? {
        try RecordValidation.validateCount(given?.count, name: "sparseEmbeddings", ids: ids.count, operation: operation)
        guard let sparse = sparseVectorIndex else {
            if let index = given?.firstIndex(where: { $0 != nil }) {
                throw SeekDBError.invalidArgument(
                    "\(operation): a sparse embedding was given for the record at index \(index) (id '\(ids[index])'), but collection "
                        + "'\(name)' has no sparse vector index; leave sparseEmbeddings out, or create the collection with "
                        + "sparseVectorIndex:"
                )
            }
            return nil
        }
        var vectors = given ?? Array(repeating: nil, count: ids.count)
        let open = { (index: Int) in vectors[index] == nil }
        guard ids.indices.contains(where: open) else { return vectors }
        // Records with a given vector need nothing computed: their sources are left out.
        let documents = documents.map { values in values.indices.map { open($0) ? values[$0] : nil } }
        let metadatas = metadatas.map { values in values.indices.map { open($0) ? values[$0] : nil } }
        let touched = inserts || sparse.isSource(changedBy: documents, metadatas: metadatas, metadataMode: metadataMode)
        guard touched else { return vectors }
        guard let function = sparse.function else {
            let described = sparse.functionName.map { "the sparse embedding function '\($0)'" } ?? "no sparse embedding function stored"
            let what = inserts ? "writes that may insert records" : "writes that change \(sparse.source)"
            throw SeekDBError(
                .unsupportedDerivedColumn,
                "\(operation): collection '\(name)' derives its sparse_embedding column from \(sparse.source) with \(described), which "
                    + "this SDK cannot compute; \(what) are refused so the column never goes stale, unless sparseEmbeddings are given for "
                    + "those records (nothing was sent; writes that leave \(sparse.source) alone, and reads, work)"
            )
        }
        let texts = try sparse.sourceTexts(
            documents: documents, metadatas: metadatas, metadataMode: metadataMode,
            count: ids.count, ids: ids, operation: operation)
        let changing = texts.indices.filter { texts[$0] != nil }
        guard !changing.isEmpty else { return vectors }
        let computed = try await embed(changing.map { texts[$0]! }, with: function, operation: operation)
        for (offset, index) in changing.enumerated() { vectors[index] = computed[offset] }
        return vectors
    }

    /// Refuses a metadata-only bulk write (``update(where:whereDocument:metadata:metadataMode:logger:)``)
    /// that would change a metadata key the sparse vectors derive from: it would need each
    /// matching record read and recomputed. Other bulk writes leave the source alone.
    func checkBulkMetadataWrite(_ metadata: Metadata, mode: MetadataUpdateMode, operation: SeekDBOperation) throws(SeekDBError) {
        guard let sparse = sparseVectorIndex, sparse.isSource(changedBy: nil, metadatas: [metadata], metadataMode: mode) else { return }
        throw SeekDBError(
            .unsupportedDerivedColumn,
            "\(operation): collection '\(name)' derives its sparse_embedding column from \(sparse.source); a bulk metadata update that "
                + "changes it would leave the sparse vectors stale, so it is refused (nothing was sent); update those records by id "
                + "instead, which recomputes them"
        )
    }
}
