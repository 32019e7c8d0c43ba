public import Logging
import SeekDBDriver

extension SeekDBCollection {
    /// Deletes records by id and/or filter, in one transaction. Ids that do not exist are ignored.
    ///
    /// With ids and filters, only the listed records that also match the filters are deleted.
    /// At least one of the three is required; to empty a collection say so explicitly with
    /// `delete(where: .all)`.
    ///
    /// ```swift
    /// try await books.delete(ids: "a")
    /// let removed = try await books.delete(where: .field("year") < 1900)
    /// ```
    /// - Returns: how many records were deleted.
    /// - Throws: ``SeekDBError/Code/invalidArgument`` when no ids or filter are given, or for
    ///   an invalid id or filter, before any SQL is sent.
    @discardableResult
    public func delete(
        ids: IDs? = nil, where metadataFilter: MetadataFilter? = nil,
        whereDocument: DocumentFilter? = nil, logger: Logger? = nil
    ) async throws -> Int {
        try await client.withCall(.delete, collection: name, batchSize: ids?.values.count) { [self] in
            guard ids != nil || metadataFilter != nil || whereDocument != nil else {
                throw SeekDBError.invalidArgument("delete: give ids, where or whereDocument (delete(where: .all) deletes every record)")
            }
            let filter = try RecordFilter(where: metadataFilter, whereDocument: whereDocument, operation: .delete)
            let statements = self.statements
            guard let ids = ids?.values else {
                let condition = filter.whereClause
                return try await client.withDriverConnection(logger: logger, collection: name, table: table, retry: .idempotentWrite) {
                    connection, logger in
                    Int(
                        try await connection.execute(statements.delete(condition: condition.sql), condition.parameters, logger: logger)
                            .affectedRows)
                }
            }
            try RecordValidation.validateIDs(ids, operation: .delete)
            let chunks = StatementChunker.ids.chunks(count: ids.count) { ids[$0].utf8.count }
            let extra = filter.andClause
            let deleteChunks: @Sendable (MariaDBConnection, Logger) async throws -> Int = { connection, logger in
                var deleted = 0
                for chunk in chunks {
                    let idValues = RecordStatements.idValues(chunk.map { ids[$0] })
                    let sql = statements.delete(ids: idValues.count, filter: extra.sql)
                    let parameters = idValues + extra.parameters
                    deleted += Int(try await connection.execute(sql, parameters, logger: logger).affectedRows)
                }
                return deleted
            }
            // One statement is atomic by itself; more need a transaction to be all-or-nothing.
            if chunks.count == 1 {
                return try await client.withDriverConnection(
                    logger: logger, collection: name, table: table, retry: .idempotentWrite, deleteChunks)
            }
            return try await client.withDriverTransaction(
                logger: logger, collection: name, table: table, retry: .idempotentWrite, deleteChunks)
        }
    }
}
