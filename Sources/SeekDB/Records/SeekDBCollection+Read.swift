public import Logging
import SeekDBDriver

extension SeekDBCollection {
    /// pyseekdb's default `LIMIT` for a `get` without ids.
    public static let defaultGetLimit = 100

    /// Reads records.
    ///
    /// - Parameters:
    ///   - ids: the records to read, returned **in the order asked** (missing ids are left out).
    ///     `nil` reads records in the server's order.
    ///   - limit: most records to return. Default: all requested ids, or
    ///     ``defaultGetLimit`` (100, as pyseekdb) when no ids are given.
    ///   - offset: records to skip first. Default 0.
    ///   - include: fields besides ids. Default documents and metadatas.
    /// - Throws: ``SeekDBError/Code/invalidArgument`` for a negative limit or offset, an
    ///   unknown include option or an invalid id, before any SQL is sent.
    public func get(ids: IDs? = nil, limit: Int? = nil, offset: Int = 0, include: Include = .default,
                    logger: Logger? = nil) async throws -> GetResult {
        if let limit, limit < 0 { throw SeekDBError.invalidArgument("get: limit must not be negative, got \(limit)") }
        guard offset >= 0 else { throw SeekDBError.invalidArgument("get: offset must not be negative, got \(offset)") }
        guard include.isSubset(of: .all) else {
            throw SeekDBError.invalidArgument("get: include has unknown options (raw value \(include.rawValue)); use .documents, .metadatas, .embeddings")
        }
        let columns = selectColumns(include)
        if let ids {
            try RecordValidation.validateIDs(ids.values, operation: "get")
            let rows = try await rowsByID(ids.values, columns: columns, logger: logger)
            let ordered = ids.values.compactMap { rows[Array($0.utf8)] }
            let page = ordered.dropFirst(offset).prefix(limit ?? Int.max)
            return try makeResult(Array(page), include: include)
        }
        let sql = "SELECT \(columns) FROM \(quotedTable) LIMIT ? OFFSET ?"
        let result = try await client.withDriverConnection(logger: logger, collection: name, table: table) { connection, logger in
            try await connection.execute(sql, [.int(Int64(limit ?? Self.defaultGetLimit)), .int(Int64(offset))], logger: logger)
        }
        return try makeResult(result.rows, include: include)
    }

    /// The first `limit` records with documents, metadatas and embeddings, as pyseekdb's `peek`.
    public func peek(limit: Int = 10, logger: Logger? = nil) async throws -> GetResult {
        try await get(limit: limit, include: [.documents, .metadatas, .embeddings], logger: logger)
    }

    /// Number of records in the collection.
    public func count(logger: Logger? = nil) async throws -> Int {
        let result = try await client.withDriverConnection(logger: logger, collection: name, table: table) { connection, logger in
            try await connection.query("SELECT COUNT(*) FROM \(quotedTable)", logger: logger)
        }
        return Int(result.rows.first?.first?.intValue ?? 0)
    }

    /// Deletes records by id, in one transaction. Ids that do not exist are ignored.
    ///
    /// - Returns: how many records were deleted.
    @discardableResult
    public func delete(ids: IDs, logger: Logger? = nil) async throws -> Int {
        let ids = ids.values
        try RecordValidation.validateIDs(ids, operation: "delete")
        let chunks = StatementChunker(placeholdersPerRow: 1).chunks(count: ids.count) { ids[$0].utf8.count }
        let table = quotedTable
        return try await client.withDriverTransaction(logger: logger, collection: name, table: self.table) { connection, logger in
            var deleted = 0
            for chunk in chunks {
                let sql = "DELETE FROM \(table) WHERE _id IN (\(StatementChunker.repeated("?", count: chunk.count)))"
                let result = try await connection.execute(sql, chunk.map { .bytes(Array(ids[$0].utf8)) }, logger: logger)
                deleted += Int(result.affectedRows)
            }
            return deleted
        }
    }

    // MARK: Helpers

    /// `_id` first, then the included fields in a fixed order the decoders rely on.
    func selectColumns(_ include: Include) -> String {
        var columns = ["_id"]
        if include.contains(.documents) { columns.append("document") }
        if include.contains(.metadatas) { columns.append("metadata") }
        if include.contains(.embeddings) { columns.append("embedding") }
        return columns.joined(separator: ", ")
    }

    /// Rows for `ids`, keyed by the id's bytes (not `String`, whose `==` merges canonically
    /// equivalent ids), read in chunks.
    func rowsByID(_ ids: [String], columns: String, logger: Logger?) async throws -> [[UInt8]: [SQLValue]] {
        let chunks = StatementChunker(placeholdersPerRow: 1).chunks(count: ids.count) { ids[$0].utf8.count }
        let table = quotedTable
        return try await client.withDriverConnection(logger: logger, collection: name, table: self.table) { connection, logger in
            var rows: [[UInt8]: [SQLValue]] = [:]
            for chunk in chunks {
                let sql = "SELECT \(columns) FROM \(table) WHERE _id IN (\(StatementChunker.repeated("?", count: chunk.count)))"
                let result = try await connection.execute(sql, chunk.map { .bytes(Array(ids[$0].utf8)) }, logger: logger)
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
        }
        return result
    }
}
