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
    /// The vector index is updated asynchronously (about 0.2 s after a write). With the default
    /// ``QueryConsistency/session`` the records this client wrote in the last seconds are
    /// scored exactly beside the index search, so a record written a moment ago is found;
    /// other clients' writes may be missing for that moment (``QueryConsistency/readYourWrites``
    /// and ``QueryConsistency/exact`` see every committed write). Records without an embedding, and records whose distance
    /// the server cannot compute (a stored all-zero vector in a cosine collection), are never
    /// returned. With filters the index may find fewer than `nResults` matches.
    ///
    /// - Parameters:
    ///   - embeddings: one or more query vectors, each of the collection's dimension.
    ///   - nResults: most hits per query, 1…16384. Default 10.
    ///   - metadataFilter: (`where:`) a condition on the metadata; see ``MetadataFilter``.
    ///   - whereDocument: a condition on the document; see ``DocumentFilter``.
    ///   - include: fields besides ids. Default documents, metadatas and distances.
    ///   - consistency: whether writes made just before must be seen. Default
    ///     ``QueryConsistency/session`` (this client's own writes).
    ///   - logger: logs the statements at debug level; the client's logger by default.
    /// - Returns: one list of hits per query vector, nearest first.
    /// - Throws: ``SeekDBError/Code/invalidArgument`` (no vectors, `nResults` out of range, a
    ///   non-finite component, an all-zero vector in a cosine collection, an invalid filter)
    ///   or ``SeekDBError/Code/dimensionMismatch``, before any SQL is sent.
    public func query(
        embeddings: Embeddings, nResults: Int = 10, where metadataFilter: MetadataFilter? = nil,
        whereDocument: DocumentFilter? = nil, include: Include = .queryDefault,
        consistency: QueryConsistency = .session, logger: Logger? = nil
    ) async throws -> QueryResult {
        try await client.withCall(.query, collection: name, batchSize: embeddings.values.count) { [self] in
            try Self.validateNResults(nResults)
            let filter = try RecordFilter(where: metadataFilter, whereDocument: whereDocument, operation: .query)
            let vectors = try validateQueryVectors(embeddings.values)
            return try await nearest(
                vectors.map(SQLValue.vector), distance: denseDistance, nResults: nResults, filter: filter,
                include: include, consistency: consistency, logger: logger)
        }
    }

    /// Finds the records nearest to each query text, embedded by the collection's embedding
    /// function (for example the local `DefaultEmbeddingFunction`).
    ///
    /// ```swift
    /// let hits = try await notes.query(texts: "vector search in swift", nResults: 3)
    /// ```
    /// Otherwise the same as `query(embeddings:…)` taking ``Embeddings``.
    ///
    /// - Throws: ``SeekDBError/Code/invalidArgument`` when the collection has no embedding
    ///   function, for an empty list or a `nil` text, and as the embeddings variant;
    ///   ``SeekDBError/Code/embeddingFailed`` when the embedding function fails.
    public func query(
        texts: Documents, nResults: Int = 10, where metadataFilter: MetadataFilter? = nil,
        whereDocument: DocumentFilter? = nil, include: Include = .queryDefault,
        consistency: QueryConsistency = .session, logger: Logger? = nil
    ) async throws -> QueryResult {
        try await client.withCall(.query, collection: name, batchSize: texts.values.count) { [self] in
            try Self.validateNResults(nResults)
            let filter = try RecordFilter(where: metadataFilter, whereDocument: whereDocument, operation: .query)
            let vectors = try validateQueryVectors(try await embedQueryTexts(texts.values, operation: .query))
            return try await nearest(
                vectors.map(SQLValue.vector), distance: denseDistance, nResults: nResults, filter: filter,
                include: include, consistency: consistency, logger: logger)
        }
    }

    // MARK: Helpers

    static func validateNResults(_ nResults: Int) throws(SeekDBError) {
        guard nResultsRange.contains(nResults) else {
            throw .invalidArgument(
                "query: nResults must be between \(nResultsRange.lowerBound) and \(nResultsRange.upperBound), got \(nResults)")
        }
    }

    /// Every query vector present, of the collection's dimension, finite, and not all zeros
    /// in a cosine collection (whose distance to it is undefined).
    func validateQueryVectors(_ vectors: [[Float]?]) throws(SeekDBError) -> [[Float]] {
        guard !vectors.isEmpty else { throw .invalidArgument("query: give at least one query embedding or text") }
        var result: [[Float]] = []
        for (index, vector) in vectors.enumerated() {
            guard let vector else { throw .invalidArgument("query: the query embedding at index \(index) is nil") }
            try RecordValidation.validateEmbedding(vector, dimension: dimension, index: index, id: "query \(index)", operation: .query)
            if distance == .cosine, vector.allSatisfy({ $0 == 0 }) {
                throw .invalidArgument(
                    "query: the query embedding at index \(index) is all zeros; its cosine distance to any record is undefined")
            }
            result.append(vector)
        }
        return result
    }

    /// Embeds query texts with the collection's embedding function.
    func embedQueryTexts(_ texts: [String?], operation: SeekDBOperation) async throws -> [[Float]?] {
        guard !texts.isEmpty else { throw SeekDBError.invalidArgument("\(operation): give at least one query text") }
        var strings: [String] = []
        for (index, text) in texts.enumerated() {
            guard let text else { throw SeekDBError.invalidArgument("\(operation): the query text at index \(index) is nil") }
            strings.append(text)
        }
        guard let embeddingFunction else {
            throw SeekDBError.invalidArgument(
                "\(operation): query texts were given, and collection '\(name)' has no embedding function; give query embeddings or open "
                    + "the collection with an embedding function"
            )
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

    /// The dense ranking: the collection's distance to the `embedding` column, the query
    /// vector bound as binary.
    var denseDistance: QueryDistance {
        QueryDistance(sql: "\(distanceFunction)(embedding, CAST(? AS BINARY))", column: "embedding")
    }

    /// Runs one ranked statement per query value (bound to the `?` of `distance.sql`).
    func nearest(
        _ vectors: [SQLValue], distance: QueryDistance, nResults: Int, filter: RecordFilter, include: Include,
        consistency: QueryConsistency, logger: Logger?
    ) async throws -> QueryResult {
        if include.contains(.sparseEmbeddings) {
            throw SeekDBError.invalidArgument(
                "query: include .sparseEmbeddings is not supported by query; read them with get(ids:include:)")
        }
        var conditions: [SQLFragment] = []
        if consistency == .exact { conditions.append(SQLFragment("\(distance.column) IS NOT NULL")) }
        if let condition = filter.condition { conditions.append(condition) }
        let sql = statements.nearest(
            selectColumns(include), distance: distance.sql, conditions: conditions.map(\.sql),
            approximate: consistency != .exact)
        let filterParameters = conditions.flatMap(\.parameters)
        let timeouts = client.configuration.statementTimeouts
        let recentWrites = client.recentWrites
        let pending = consistency == .session ? recentWrites.pending(table: table) : .none
        let refresh = consistency == .readYourWrites || pending == .refresh
        let rescore = sessionRescore(pending, distance: distance, include: include, filter: filter)
        let rowsPerQuery = try await client.withDriverConnection(logger: logger, collection: name, table: table, retry: .read) {
            connection, logger in
            if refresh {
                try await Self.refreshIndex(on: connection, timeouts: timeouts, recentWrites: recentWrites, logger: logger)
            }
            var rowsPerQuery: [[[SQLValue]]] = []
            for vector in vectors {
                let parameters = [vector] + filterParameters + [.int(Int64(nResults))]
                let approximate = try await connection.execute(sql, parameters, logger: logger).rows
                guard let rescore else {
                    rowsPerQuery.append(approximate)
                    continue
                }
                let exact = try await connection.execute(rescore.sql, [vector] + rescore.parameters, logger: logger).rows
                rowsPerQuery.append(Self.merge(exact: exact, approximate: approximate, limit: nResults))
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

    /// For a ``QueryConsistency/session`` query with recent writes: the statement scoring those
    /// records exactly (same columns, distance and filters as the index search; the query vector
    /// is its first parameter).
    private func sessionRescore(
        _ pending: RecentWrites.Pending, distance: QueryDistance, include: Include,
        filter: RecordFilter
    ) -> SQLFragment? {
        guard case .ids(let ids) = pending else { return nil }
        let idValues = RecordStatements.idValues(ids)
        let extra = filter.andClause
        let columns = "\(selectColumns(include)), \(distance.sql) AS distance"
        return SQLFragment(statements.select(columns, ids: idValues.count, filter: extra.sql), idValues + extra.parameters)
    }

    /// The index's hits and the exactly scored recent records as one list, nearest first, at
    /// most `limit`: a recent record found by both appears once; rows without a distance drop.
    static func merge(exact: [[SQLValue]], approximate: [[SQLValue]], limit: Int) -> [[SQLValue]] {
        var seen = Set<[UInt8]>()
        var rows: [(distance: Double, row: [SQLValue])] = []
        for row in exact + approximate {
            guard let distance = row.last?.doubleValue, let id = row.first?.bytesValue ?? row.first?.stringValue.map({ Array($0.utf8) }),
                seen.insert(id).inserted
            else { continue }
            rows.append((distance, row))
        }
        rows.sort { $0.distance < $1.distance }
        return rows.prefix(limit).map(\.row)
    }
}
