public import Logging
import SeekDBDriver
import SeekDBEmbeddings

extension SeekDBCollection {
    /// Finds the records whose sparse vectors have the largest inner product with each query
    /// sparse vector, through the collection's sparse vector index.
    ///
    /// One statement per query vector: `SELECT …, negative_inner_product(sparse_embedding, ?)
    /// AS distance … ORDER BY distance APPROXIMATE LIMIT ?`, which the server answers from the
    /// `sindi` index with the **most similar record first**. `distances` are the server's
    /// negative inner products, as for dense `inner_product` collections, so `-distance` is the
    /// inner product (the value pyseekdb reports as the distance of its sparse query). pyseekdb
    /// ranks by ascending `inner_product` instead, which puts the least similar records first.
    ///
    /// ```swift
    /// let query = try SparseVector([68675: 1.2, 201005: 0.8])
    /// let hits = try await notes.query(sparseEmbeddings: [query], nResults: 5, where: .field("lang") == "en")
    /// ```
    ///
    /// Records without a sparse vector, and (on the index) records sharing no index with the
    /// query, are not returned. Filters and consistency work as for
    /// `query(embeddings:…)` taking ``Embeddings``.
    ///
    /// - Parameters:
    ///   - sparseEmbeddings: one or more query vectors, none empty.
    ///   - nResults: most hits per query, 1…16384. Default 10.
    ///   - metadataFilter: (`where:`) a condition on the metadata.
    ///   - whereDocument: a condition on the document.
    ///   - include: fields besides ids. Default documents, metadatas and distances.
    ///   - consistency: whether writes made just before must be seen.
    ///   - logger: logs the statements at debug level; the client's logger by default.
    /// - Returns: one list of hits per query vector, most similar first.
    /// - Throws: ``SeekDBError/Code/invalidArgument`` before any SQL (no vectors, a `nil` or
    ///   empty vector, `nResults` out of range, an invalid filter, a collection without a
    ///   sparse vector index).
    public func query(
        sparseEmbeddings: SparseEmbeddings, nResults: Int = 10, where metadataFilter: MetadataFilter? = nil,
        whereDocument: DocumentFilter? = nil, include: Include = .queryDefault,
        consistency: QueryConsistency = .session, logger: Logger? = nil
    ) async throws -> QueryResult {
        try await client.withCall(.query, collection: name, batchSize: sparseEmbeddings.values.count) { [self] in
            try Self.validateNResults(nResults)
            let filter = try RecordFilter(where: metadataFilter, whereDocument: whereDocument, operation: .query)
            _ = try sparseQueryIndex()
            let vectors = try Self.validateSparseQueryVectors(sparseEmbeddings.values)
            return try await nearest(
                vectors.map { .string($0.text) }, distance: Self.sparseDistance, nResults: nResults,
                filter: filter, include: include, consistency: consistency, logger: logger)
        }
    }

    /// Finds the records nearest to each query text through the chosen index: `.dense` embeds
    /// the texts with the collection's embedding function (as
    /// `query(texts:…)` taking ``Documents``), `.sparse`
    /// with its sparse function (pyseekdb's `query(query_texts=…, query_key=K.SPARSE_EMBEDDING)`;
    /// ranked as ``query(sparseEmbeddings:nResults:where:whereDocument:include:consistency:logger:)``).
    ///
    /// ```swift
    /// let hits = try await notes.query(texts: "red apples", using: .sparse, nResults: 5)
    /// ```
    ///
    /// - Throws: as the two queries; ``SeekDBError/Code/invalidArgument`` when the collection
    ///   has no sparse vector index or its sparse function is one this SDK cannot compute;
    ///   ``SeekDBError/Code/embeddingFailed`` when the function fails.
    public func query(
        texts: Documents, using index: VectorIndexKind, nResults: Int = 10,
        where metadataFilter: MetadataFilter? = nil, whereDocument: DocumentFilter? = nil,
        include: Include = .queryDefault, consistency: QueryConsistency = .session,
        logger: Logger? = nil
    ) async throws -> QueryResult {
        try await client.withCall(.query, collection: name, batchSize: texts.values.count) { [self] in
            guard index == .sparse else {
                return try await query(
                    texts: texts, nResults: nResults, where: metadataFilter, whereDocument: whereDocument,
                    include: include, consistency: consistency, logger: logger)
            }
            try Self.validateNResults(nResults)
            _ = try RecordFilter(where: metadataFilter, whereDocument: whereDocument, operation: .query)
            let vectors = try await sparseQueryVectors(texts.values, operation: .query)
            return try await query(
                sparseEmbeddings: SparseEmbeddings(vectors), nResults: nResults, where: metadataFilter,
                whereDocument: whereDocument, include: include, consistency: consistency, logger: logger)
        }
    }

    // MARK: Helpers

    /// The sparse ranking: the negative inner product with the `sparse_embedding` column, the
    /// query bound as seekdb's sparse text (`{3:1.25,7:0.5}`); the `sindi` index serves it.
    static let sparseDistance = QueryDistance(sql: "negative_inner_product(sparse_embedding, ?)", column: "sparse_embedding")

    /// The collection's sparse index, or the error for a collection without one.
    func sparseQueryIndex(operation: SeekDBOperation = .query) throws(SeekDBError) -> SparseVectorIndexSettings {
        guard let sparseVectorIndex else {
            throw .invalidArgument(
                "\(operation): collection '\(name)' has no sparse vector index; create it with sparseVectorIndex: to search sparse vectors")
        }
        return sparseVectorIndex
    }

    static func validateSparseQueryVectors(_ vectors: [SparseVector?]) throws(SeekDBError) -> [SparseVector] {
        guard !vectors.isEmpty else { throw .invalidArgument("query: give at least one query sparse vector or text") }
        var result: [SparseVector] = []
        for (index, vector) in vectors.enumerated() {
            guard let vector else { throw .invalidArgument("query: the query sparse vector at index \(index) is nil") }
            guard !vector.isEmpty else {
                throw .invalidArgument("query: the query sparse vector at index \(index) has no entries; it is similar to nothing")
            }
            result.append(vector)
        }
        return result
    }

    /// The query texts' sparse vectors, from the collection's sparse function.
    func sparseQueryVectors(_ texts: [String?], operation: SeekDBOperation) async throws -> [SparseVector] {
        let index = try sparseQueryIndex(operation: operation)
        guard !texts.isEmpty else { throw SeekDBError.invalidArgument("\(operation): give at least one query text") }
        var strings: [String] = []
        for (position, text) in texts.enumerated() {
            guard let text else { throw SeekDBError.invalidArgument("\(operation): the query text at index \(position) is nil") }
            strings.append(text)
        }
        guard let function = index.function else {
            let named = index.functionName.map { "'\($0)'" } ?? "(none stored)"
            throw SeekDBError.invalidArgument(
                "\(operation): collection '\(name)' computes sparse vectors with the function \(named), which this SDK does not "
                    + "implement; give query sparse vectors instead"
            )
        }
        let vectors = try await embed(strings, with: function, operation: operation)
        return vectors
    }
}
