extension SeekDBCollection {
    /// Refuses, before any SQL, a write that would change the source of a column derived from
    /// it when the SDK cannot compute that column: the sparse vector of a collection with a
    /// sparse vector index (from the document or a metadata key). A write never leaves a
    /// derived column stale. The dense embedding needs no check here: a document written
    /// without an embedding is embedded by the collection's function, or refused when there is
    /// none (``completeEmbeddings(ids:given:documents:requireAll:operation:)``).
    ///
    /// - Parameters:
    ///   - inserts: the write may insert records (add, upsert), which need the derived column
    ///     whatever fields they are given.
    func checkDerivedColumns(documents: [String?]?, metadatas: [Metadata?]?, metadataMode: MetadataUpdateMode,
                             inserts: Bool, operation: String) throws(SeekDBError) {
        guard let sparse = sparseVectorIndex else { return }
        guard inserts || sparse.isSource(changedBy: documents, metadatas: metadatas, metadataMode: metadataMode) else { return }
        let function = sparse.functionName.map { "the sparse embedding function '\($0)'" } ?? "no sparse embedding function stored"
        let what = inserts ? "new records, which need their sparse vector" : "writes that change \(sparse.source)"
        throw SeekDBError(.unsupportedDerivedColumn,
                          "\(operation): collection '\(name)' derives its sparse_embedding column from \(sparse.source) with \(function), which this SDK cannot compute yet; \(what) are refused so the column never goes stale (nothing was sent; writes that leave \(sparse.source) alone, and reads, work)")
    }
}
