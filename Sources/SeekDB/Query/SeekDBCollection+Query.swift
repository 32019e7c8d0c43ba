public import Logging
import SeekDBDriver

extension Include {
    /// Documents, metadatas and distances: the default of `query`.
    public static let queryDefault: Include = [.documents, .metadatas, .distances]
}

extension SeekDBCollection {
    /// pyseekdb's bounds for `nResults`: 1…16384.
    public static let nResultsRange = 1...16_384

    /// Finds the records nearest to each query embedding.
    ///
    /// One statement per query vector, all on one connection:
    /// `SELECT …, <distance>(embedding, ?) AS distance FROM … WHERE <filters> ORDER BY distance
    /// APPROXIMATE LIMIT ?`, using the collection's vector index. `inner_product` collections
    /// are ranked with `negative_inner_product`, which uses the index and puts the most
    /// similar record (the largest inner product) first; pyseekdb's ascending `inner_product`
    /// scans the table and returns the least similar first.
    ///
    /// ```swift
    /// let hits = try await books.query(embeddings: [[0.1, 0.2, 0.3]], nResults: 5,
    ///                                  where: .field("year") >= 1960)
    /// print(hits.ids[0], hits.distances?[0] ?? [])
    /// ```
    ///
    /// The vector index is updated asynchronously: a record written a moment ago may be
    /// missing from the result unless `consistency` is ``QueryConsistency/readYourWrites`` or
    /// ``QueryConsistency/exact``. Records without an embedding, and records whose distance
    /// the server cannot compute (a stored all-zero vector in a cosine collection), are never
    /// returned. With filters the index may find fewer than `nResults` matches.
    ///
    /// - Parameters:
    ///   - embeddings: one or more query vectors, each of the collection's dimension.
    ///   - nResults: most hits per query, 1…16384. Default 10.
    ///   - metadataFilter: (`where:`) a condition on the metadata; see ``MetadataFilter``.
    ///   - whereDocument: a condition on the document; see ``DocumentFilter``.
    ///   - include: fields besides ids. Default documents, metadatas and distances.
    ///   - consistency: whether writes made just before must be seen. Default ``QueryConsistency/eventual``.
    ///   - logger: logs the statements at debug level; the client's logger by default.
    /// - Returns: one list of hits per query vector, nearest first.
    /// - Throws: ``SeekDBError/Code/invalidArgument`` (no vectors, `nResults` out of range, a
    ///   non-finite component, an all-zero vector in a cosine collection, an invalid filter)
    ///   or ``SeekDBError/Code/dimensionMismatch``, before any SQL is sent.
    public func query(embeddings: Embeddings, nResults: Int = 10, where metadataFilter: MetadataFilter? = nil,
                      whereDocument: DocumentFilter? = nil, include: Include = .queryDefault,
                      consistency: QueryConsistency = .eventual, logger: Logger? = nil) async throws -> QueryResult {
        try await client.withCall("query", collection: name, batchSize: embeddings.values.count) { [self] in
            try Self.validateNResults(nResults)
            let filter = try RecordFilter(where: metadataFilter, whereDocument: whereDocument, operation: "query")
            let vectors = try validateQueryVectors(embeddings.values)
            return try await nearest(vectors, nResults: nResults, filter: filter, include: include,
                                     consistency: consistency, logger: logger)
        }
    }

    /// Finds the records nearest to each query text, embedded by the collection's embedding
    /// function (for example the local `DefaultEmbeddingFunction`).
    ///
    /// ```swift
    /// let hits = try await notes.query(texts: "vector search in swift", nResults: 3)
    /// ```
    /// Otherwise the same as ``query(embeddings:nResults:where:whereDocument:include:consistency:logger:)``.
    ///
    /// - Throws: ``SeekDBError/Code/invalidArgument`` when the collection has no embedding
    ///   function, for an empty list or a `nil` text, and as the embeddings variant;
    ///   ``SeekDBError/Code/embeddingFailed`` when the embedding function fails.
    public func query(texts: Documents, nResults: Int = 10, where metadataFilter: MetadataFilter? = nil,
                      whereDocument: DocumentFilter? = nil, include: Include = .queryDefault,
                      consistency: QueryConsistency = .eventual, logger: Logger? = nil) async throws -> QueryResult {
        try await client.withCall("query", collection: name, batchSize: texts.values.count) { [self] in
            try Self.validateNResults(nResults)
            let filter = try RecordFilter(where: metadataFilter, whereDocument: whereDocument, operation: "query")
            let vectors = try validateQueryVectors(try await embedQueryTexts(texts.values, operation: "query"))
            return try await nearest(vectors, nResults: nResults, filter: filter, include: include,
                                     consistency: consistency, logger: logger)
        }
    }

    // MARK: Helpers

    static func validateNResults(_ nResults: Int) throws(SeekDBError) {
        guard nResultsRange.contains(nResults) else {
            throw .invalidArgument("query: nResults must be between \(nResultsRange.lowerBound) and \(nResultsRange.upperBound), got \(nResults)")
        }
    }

    /// Every query vector present, of the collection's dimension, finite, and not all zeros
    /// in a cosine collection (whose distance to it is undefined).
    func validateQueryVectors(_ vectors: [[Float]?]) throws(SeekDBError) -> [[Float]] {
        guard !vectors.isEmpty else { throw .invalidArgument("query: give at least one query embedding or text") }
        var result: [[Float]] = []
        for (index, vector) in vectors.enumerated() {
            guard let vector else { throw .invalidArgument("query: the query embedding at index \(index) is nil") }
            try RecordValidation.validateEmbedding(vector, dimension: dimension, index: index, id: "query \(index)", operation: "query")
            if distance == .cosine, vector.allSatisfy({ $0 == 0 }) {
                throw .invalidArgument("query: the query embedding at index \(index) is all zeros; its cosine distance to any record is undefined")
            }
            result.append(vector)
        }
        return result
    }

    /// Embeds query texts with the collection's embedding function.
    func embedQueryTexts(_ texts: [String?], operation: String) async throws -> [[Float]?] {
        guard !texts.isEmpty else { throw SeekDBError.invalidArgument("\(operation): give at least one query text") }
        var strings: [String] = []
        for (index, text) in texts.enumerated() {
            guard let text else { throw SeekDBError.invalidArgument("\(operation): the query text at index \(index) is nil") }
            strings.append(text)
        }
        guard let embeddingFunction else {
            throw SeekDBError.invalidArgument("\(operation): query texts were given, and collection '\(name)' has no embedding function; give query embeddings or open the collection with an embedding function")
        }
        return try await embed(strings, with: embeddingFunction, operation: operation, what: "query texts")
    }

    /// The SQL distance function ranking this collection's records (lower is nearer).
    var distanceFunction: String {
        switch distance {
        case .cosine: "cosine_distance"
        case .innerProduct: "negative_inner_product"
        case .l2, nil: "l2_distance"
        }
    }

    private func nearest(_ vectors: [[Float]], nResults: Int, filter: RecordFilter, include: Include,
                         consistency: QueryConsistency, logger: Logger?) async throws -> QueryResult {
        if include.contains(.sparseEmbeddings) {
            throw SeekDBError.invalidArgument("query: include .sparseEmbeddings is not supported by query; read them with get(ids:include:)")
        }
        var conditions: [SQLFragment] = []
        if consistency == .exact { conditions.append(SQLFragment("embedding IS NOT NULL")) }
        if let condition = filter.condition { conditions.append(condition) }
        let whereSQL = conditions.isEmpty ? "" : " WHERE " + conditions.map(\.sql).joined(separator: " AND ")
        let sql = "SELECT \(selectColumns(include)), \(distanceFunction)(embedding, CAST(? AS BINARY)) AS distance FROM \(quotedTable)"
            + whereSQL + " ORDER BY distance" + (consistency == .exact ? "" : " APPROXIMATE") + " LIMIT ?"
        let filterParameters = conditions.flatMap(\.parameters)
        let timeouts = client.configuration.statementTimeouts
        let rowsPerQuery = try await client.withDriverConnection(logger: logger, collection: name, table: table) { connection, logger in
            if consistency == .readYourWrites { try await Self.refreshIndex(on: connection, timeouts: timeouts, logger: logger) }
            var rowsPerQuery: [[[SQLValue]]] = []
            for vector in vectors {
                let parameters = [SQLValue.vector(vector)] + filterParameters + [.int(Int64(nResults))]
                rowsPerQuery.append(try await connection.execute(sql, parameters, logger: logger).rows)
            }
            return rowsPerQuery
        }
        var result = QueryResult()
        for rows in rowsPerQuery {
            let rows = rows.filter { !($0.last?.isNull ?? true) }
            let records = try makeResult(rows, include: include)
            result.ids.append(records.ids)
            if include.contains(.documents) { result.documents = (result.documents ?? []) + [records.documents ?? []] }
            if include.contains(.metadatas) { result.metadatas = (result.metadatas ?? []) + [records.metadatas ?? []] }
            if include.contains(.embeddings) { result.embeddings = (result.embeddings ?? []) + [records.embeddings ?? []] }
            if include.contains(.distances) {
                result.distances = (result.distances ?? []) + [rows.map { $0.last?.doubleValue ?? .nan }]
            }
        }
        return result
    }
}
