public import Logging
import SeekDBDriver

extension SeekDBCollection {
    /// Changes the metadata of every record matching a filter, in one `UPDATE` statement:
    /// bulk metadata updates (tagging, archiving, re-labelling) without reading the records.
    ///
    /// ```swift
    /// // Merge: set "archived", remove "draft", keep every other key.
    /// let n = try await books.update(where: .field("year") < 1900, metadata: ["archived": true, "draft": nil])
    /// // Every record, said explicitly:
    /// try await books.update(where: .all, metadata: ["source": "import-2024"])
    /// ```
    ///
    /// - Parameters:
    ///   - metadataFilter: (`where:`) a condition on the metadata; see ``MetadataFilter``. Pass
    ///     ``MetadataFilter/all`` to change every record: a call with neither filter is refused.
    ///   - whereDocument: a condition on the document; see ``DocumentFilter``.
    ///   - metadata: the patch (``MetadataUpdateMode/merge``) or the new metadata
    ///     (``MetadataUpdateMode/replace``).
    ///   - mode: ``MetadataUpdateMode/merge`` (default) applies `metadata` as an RFC 7396 JSON
    ///     merge patch on the server — keys set, `nil` values remove their key, nested objects
    ///     merge, other keys stay, and a record without metadata starts from `{}`;
    ///     ``MetadataUpdateMode/replace`` replaces each record's metadata wholesale.
    ///   - logger: logs the statements at debug level; the client's logger by default.
    /// - Returns: how many records matched (and were updated, even where the patch changed nothing).
    /// - Throws: ``SeekDBError/Code/invalidArgument`` when no filter is given, for an invalid
    ///   filter or a non-finite number in `metadata`, before any SQL is sent;
    ///   ``SeekDBError/Code/permissionDenied`` without the UPDATE privilege.
    @discardableResult
    public func update(where metadataFilter: MetadataFilter? = nil, whereDocument: DocumentFilter? = nil,
                       metadata: Metadata, mode: MetadataUpdateMode = .merge, logger: Logger? = nil) async throws -> Int {
        try await client.withCall("update", collection: name) { [self] in
            let operation = "update(where:)"
            guard metadataFilter != nil || whereDocument != nil else {
                throw SeekDBError.invalidArgument("\(operation): give where or whereDocument; to change every record pass where: .all")
            }
            let filter = try RecordFilter(where: metadataFilter, whereDocument: whereDocument, operation: operation)
            let patch = try MetadataCodec.encode(metadata, record: "\(operation)'s metadata")
            try checkBulkMetadataWrite(metadata, mode: mode, operation: operation)
            let condition = filter.whereClause
            let sql = statements.updateMetadata(condition: condition.sql, mode: mode)
            let parameters = [SQLValue.string(patch)] + condition.parameters
            return try await client.withDriverConnection(logger: logger, collection: name, table: table) { connection, logger in
                Int(try await connection.execute(sql, parameters, logger: logger).affectedRows)
            }
        }
    }
}
