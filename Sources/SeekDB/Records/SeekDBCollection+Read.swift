public import Logging
import SeekDBDriver

extension SeekDBCollection {
    /// pyseekdb's default `LIMIT` for a `get` without ids: 100.
    public static let defaultGetLimit = 100

    /// Reads records by id and/or filter.
    ///
    /// ```swift
    /// let some = try await books.get(ids: ["b", "a"])                       // in the order asked
    /// let sf = try await books.get(where: .field("genre") == "sf", limit: 20)
    /// let both = try await books.get(ids: ["a", "b"], whereDocument: .contains("dune"))
    /// ```
    ///
    /// - Parameters:
    ///   - ids: the records to read, returned **in the order asked** (missing ids, and ids
    ///     the filters reject, are left out). `nil` reads records in the server's order.
    ///   - metadataFilter: (`where:`) a condition on the metadata; see ``MetadataFilter``.
    ///   - whereDocument: a condition on the document; see ``DocumentFilter``.
    ///   - limit: most records to return. Default: all requested ids, or
    ///     ``defaultGetLimit`` (**100**, as pyseekdb) when no ids are given — pass a larger
    ///     `limit` (with `offset` to page) to read more.
    ///   - offset: records to skip first. Default 0.
    ///   - include: fields besides ids. Default documents and metadatas.
    ///   - logger: logs the statements at debug level; the client's logger by default.
    /// - Throws: ``SeekDBError/Code/invalidArgument`` for a negative limit or offset, an
    ///   unknown include option, an invalid id or an invalid filter, before any SQL is sent.
    public func get(
        ids: IDs? = nil, where metadataFilter: MetadataFilter? = nil,
        whereDocument: DocumentFilter? = nil, limit: Int? = nil, offset: Int = 0,
        include: Include = .default, logger: Logger? = nil
    ) async throws -> GetResult {
        try await client.withCall(.get, collection: name, batchSize: ids?.values.count) { [self] in
            if let limit, limit < 0 { throw SeekDBError.invalidArgument("get: limit must not be negative, got \(limit)") }
            guard offset >= 0 else { throw SeekDBError.invalidArgument("get: offset must not be negative, got \(offset)") }
            guard include.isSubset(of: Include.all.union(.sparseEmbeddings)) else {
                throw SeekDBError.invalidArgument(
                    "get: include has unknown options (raw value \(include.rawValue)); use .documents, .metadatas, .embeddings, "
                        + ".sparseEmbeddings"
                )
            }
            try checkSparseInclude(include, operation: .get)
            let filter = try RecordFilter(where: metadataFilter, whereDocument: whereDocument, operation: .get)
            let columns = selectColumns(include)
            if let ids {
                try RecordValidation.validateIDs(ids.values, operation: .get)
                let rows = try await rowsByID(ids.values, columns: columns, filter: filter, logger: logger)
                let ordered = ids.values.compactMap { rows[Array($0.utf8)] }
                let page = ordered.dropFirst(offset).prefix(limit ?? Int.max)
                return try makeResult(Array(page), include: include)
            }
            let condition = filter.whereClause
            let sql = statements.selectPage(columns, condition: condition.sql)
            let parameters = condition.parameters + [.int(Int64(limit ?? Self.defaultGetLimit)), .int(Int64(offset))]
            let result = try await client.withDriverConnection(logger: logger, collection: name, table: table, retry: .read) {
                connection, logger in
                try await connection.execute(sql, parameters, logger: logger)
            }
            return try makeResult(result.rows, include: include)
        }
    }

    /// The first `limit` records with documents, metadatas and embeddings, as pyseekdb's `peek`.
    public func peek(limit: Int = 10, logger: Logger? = nil) async throws -> GetResult {
        try await client.withCall(.peek, collection: name) { [self] in
            try await get(limit: limit, include: [.documents, .metadatas, .embeddings], logger: logger)
        }
    }

    /// Number of records in the collection.
    public func count(logger: Logger? = nil) async throws -> Int {
        try await client.withCall(.count, collection: name) { [self] in
            let result = try await client.withDriverConnection(logger: logger, collection: name, table: table, retry: .read) {
                connection, logger in
                try await connection.query(statements.count(), logger: logger)
            }
            return Int(result.rows.first?.first?.intValue ?? 0)
        }
    }

    // MARK: Helpers

    /// Sparse vectors can only be included from a collection that has a sparse vector index.
    func checkSparseInclude(_ include: Include, operation: SeekDBOperation) throws(SeekDBError) {
        if include.contains(.sparseEmbeddings) && sparseVectorIndex == nil {
            throw SeekDBError.invalidArgument(
                "\(operation): include .sparseEmbeddings needs a collection with a sparse vector index; '\(name)' has none")
        }
    }

    /// `_id` first, then the included fields in a fixed order the decoders rely on.
    func selectColumns(_ include: Include) -> String {
        var columns = ["_id"]
        if include.contains(.documents) { columns.append("document") }
        if include.contains(.metadatas) { columns.append("metadata") }
        if include.contains(.embeddings) { columns.append("embedding") }
        if include.contains(.sparseEmbeddings) { columns.append("sparse_embedding") }
        return columns.joined(separator: ", ")
    }

    /// Rows for `ids` (that also match `filter`, if given), keyed by the id's bytes (not
    /// `String`, whose `==` merges canonically equivalent ids), read in chunks.
    func rowsByID(
        _ ids: [String], columns: String, filter: RecordFilter? = nil,
        logger: Logger?
    ) async throws -> [[UInt8]: [SQLValue]] {
        // In key order: the server reads the rows in one pass over the key (the caller orders
        // the result as asked).
        let ids = ids.count > 1 ? ids.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) } : ids
        let chunks = StatementChunker.ids.chunks(count: ids.count) { ids[$0].utf8.count }
        let statements = self.statements
        let extra = filter?.andClause ?? SQLFragment("")
        return try await client.withDriverConnection(logger: logger, collection: name, table: self.table, retry: .read) {
            connection, logger in
            var rows: [[UInt8]: [SQLValue]] = [:]
            for chunk in chunks {
                let idValues = RecordStatements.idValues(chunk.map { ids[$0] })
                let sql = statements.select(columns, ids: idValues.count, filter: extra.sql)
                let parameters = idValues + extra.parameters
                let result = try await connection.execute(sql, parameters, logger: logger)
                for row in result.rows { rows[row[0].bytesValue ?? []] = row }
            }
            return rows
        }
    }

    func makeResult(_ rows: [[SQLValue]], include: Include) throws(SeekDBError) -> GetResult {
        var result = GetResult(ids: rows.map { RecordDecoding.id($0[0]) })
        var column = 1
        if include.contains(.documents) {
            let index = column
            result.documents = rows.map { $0[index].stringValue }
            column += 1
        }
        if include.contains(.metadatas) {
            var metadatas: [Metadata?] = []
            for row in rows { metadatas.append(try RecordDecoding.metadata(row[column])) }
            result.metadatas = metadatas
            column += 1
        }
        if include.contains(.embeddings) {
            var embeddings: [[Float]?] = []
            for row in rows { embeddings.append(try RecordDecoding.embedding(row[column])) }
            result.embeddings = embeddings
            column += 1
        }
        if include.contains(.sparseEmbeddings) {
            var sparse: [SparseVector?] = []
            for row in rows { sparse.append(try RecordDecoding.sparseEmbedding(row[column])) }
            result.sparseEmbeddings = sparse
        }
        return result
    }
}
