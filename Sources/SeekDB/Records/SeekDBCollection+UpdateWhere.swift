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
    ///   - mode: (`metadataMode:`, the label `update(ids:)` uses) ``MetadataUpdateMode/merge``
    ///     (default) applies `metadata` as an RFC 7396 JSON merge patch on the server — keys set,
    ///     `nil` values remove their key, nested objects merge, other keys stay, and a record
    ///     without metadata starts from `{}`; ``MetadataUpdateMode/replace`` replaces each
    ///     record's metadata wholesale. The default differs from `update(ids:)`'s `.replace`
    ///     (pyseekdb's) on purpose: a filter can match thousands of records, and replacing
    ///     wholesale would drop every other key of every one of them, while tagging them (the
    ///     usual bulk change) is a merge.
    ///   - logger: logs the statements at debug level; the client's logger by default.
    /// - Returns: how many records matched (and were updated, even where the patch changed nothing).
    /// - Throws: ``SeekDBError/Code/invalidArgument`` when no filter is given, for an invalid
    ///   filter or a non-finite number in `metadata`, before any SQL is sent;
    ///   ``SeekDBError/Code/permissionDenied`` without the UPDATE privilege.
    @discardableResult
    public func update(
        where metadataFilter: MetadataFilter? = nil, whereDocument: DocumentFilter? = nil,
        metadata: Metadata, metadataMode mode: MetadataUpdateMode = .merge, logger: Logger? = nil
    ) async throws -> Int {
        try await client.withCall(.update, collection: name) { [self] in
            let (condition, patch) = try bulkMetadataUpdate(
                where: metadataFilter, whereDocument: whereDocument, metadata: metadata,
                mode: mode, operation: .updateWhere)
            let sql = statements.updateMetadata(condition: condition.sql, mode: mode)
            let parameters = [SQLValue.string(patch)] + condition.parameters
            return try await client.withDriverConnection(logger: logger, collection: name, table: table, retry: .write) {
                connection, logger in
                Int(try await connection.execute(sql, parameters, logger: logger).affectedRows)
            }
        }
    }

    /// Like ``update(where:whereDocument:metadata:metadataMode:logger:)``, and says which records it
    /// changed: their ids, and with `returning:` the records as they are after the write, read
    /// in the same transaction. With `dryRun: true` nothing is written: the result lists the
    /// records the call would change, as they are now.
    ///
    /// ```swift
    /// let preview = try await books.update(where: .field("year") < 1900, metadata: ["archived": true], dryRun: true)
    /// print(preview.matchedCount, preview.ids)
    /// let done = try await books.update(where: .field("year") < 1900, metadata: ["archived": true],
    ///                                   dryRun: false, returning: [.metadatas])
    /// ```
    ///
    /// The matching records are locked first (`SELECT … FOR UPDATE`), then updated by id, so
    /// the ids are exactly the records changed even while other clients write.
    ///
    /// - Parameters:
    ///   - metadataFilter: (`where:`) a condition on the metadata, as in the call without `dryRun:`.
    ///   - whereDocument: a condition on the document.
    ///   - metadata: the patch or the new metadata.
    ///   - mode: (`metadataMode:`) ``MetadataUpdateMode/merge`` (default) or ``MetadataUpdateMode/replace``.
    ///   - dryRun: `true` writes nothing.
    ///   - include: (`returning:`) the fields of the records to read back; `nil` reads none.
    ///   - logger: logs the statements at debug level; the client's logger by default.
    /// - Throws: as ``update(where:whereDocument:metadata:metadataMode:logger:)``.
    public func update(
        where metadataFilter: MetadataFilter? = nil, whereDocument: DocumentFilter? = nil,
        metadata: Metadata, metadataMode mode: MetadataUpdateMode = .merge, dryRun: Bool,
        returning include: Include? = nil, logger: Logger? = nil
    ) async throws -> UpdateWhereResult {
        try await client.withCall(.update, collection: name) { [self] in
            let (condition, patch) = try bulkMetadataUpdate(
                where: metadataFilter, whereDocument: whereDocument, metadata: metadata,
                mode: mode, operation: dryRun ? .updateWhereDryRun : .updateWhere)
            try checkReturning(include, operation: .updateWhere)
            let statements = self.statements
            return try await client.withDriverTransaction(logger: logger, collection: name, table: table, retry: .write) {
                connection, logger in
                let idValues = try await connection.execute(
                    statements.selectIDs(condition: condition.sql, lock: !dryRun),
                    condition.parameters, logger: logger
                ).rows.map { $0[0] }
                if !dryRun {
                    for chunk in StatementChunker.ids.chunks(count: idValues.count, rowBytes: { idValues[$0].bytesValue?.count ?? 0 }) {
                        let values = RecordStatements.padded(Array(idValues[chunk]))
                        _ = try await connection.execute(
                            statements.updateMetadata(ids: values.count, mode: mode),
                            [.string(patch)] + values, logger: logger)
                    }
                }
                var records: GetResult?
                if let include {
                    records = try await readBack(idValues: idValues, include: include, connection: connection, logger: logger)
                }
                return UpdateWhereResult(ids: idValues.map(RecordDecoding.id), records: records, isDryRun: dryRun)
            }
        }
    }

    /// ``update(where:whereDocument:metadata:metadataMode:dryRun:returning:logger:)`` with `dryRun: false`.
    public func update(
        where metadataFilter: MetadataFilter? = nil, whereDocument: DocumentFilter? = nil,
        metadata: Metadata, metadataMode mode: MetadataUpdateMode = .merge, returning include: Include,
        logger: Logger? = nil
    ) async throws -> UpdateWhereResult {
        try await update(
            where: metadataFilter, whereDocument: whereDocument, metadata: metadata, metadataMode: mode,
            dryRun: false, returning: include, logger: logger)
    }

    /// Checks a bulk metadata update before any SQL: a filter is given and valid, the metadata
    /// encodes, and no derived column depends on it. Returns the `WHERE` clause and the JSON.
    private func bulkMetadataUpdate(
        where metadataFilter: MetadataFilter?, whereDocument: DocumentFilter?, metadata: Metadata,
        mode: MetadataUpdateMode, operation: SeekDBOperation
    ) throws -> (SQLFragment, String) {
        guard metadataFilter != nil || whereDocument != nil else {
            throw SeekDBError.invalidArgument("\(operation): give where or whereDocument; to change every record pass where: .all")
        }
        let filter = try RecordFilter(where: metadataFilter, whereDocument: whereDocument, operation: operation)
        let patch = try MetadataCodec.encode(metadata, record: "\(operation)'s metadata")
        try checkBulkMetadataWrite(metadata, mode: mode, operation: operation)
        return (filter.whereClause, patch)
    }
}

extension SeekDBCollection {
    /// ``update(where:whereDocument:metadata:metadataMode:logger:)`` under its earlier label.
    @available(*, deprecated, renamed: "update(where:whereDocument:metadata:metadataMode:logger:)")
    @discardableResult
    public func update(
        where metadataFilter: MetadataFilter? = nil, whereDocument: DocumentFilter? = nil,
        metadata: Metadata, mode: MetadataUpdateMode, logger: Logger? = nil
    ) async throws -> Int {
        try await update(where: metadataFilter, whereDocument: whereDocument, metadata: metadata, metadataMode: mode, logger: logger)
    }

    /// ``update(where:whereDocument:metadata:metadataMode:dryRun:returning:logger:)`` under its earlier label.
    @available(*, deprecated, renamed: "update(where:whereDocument:metadata:metadataMode:dryRun:returning:logger:)")
    public func update(
        where metadataFilter: MetadataFilter? = nil, whereDocument: DocumentFilter? = nil,
        metadata: Metadata, mode: MetadataUpdateMode, dryRun: Bool,
        returning include: Include? = nil, logger: Logger? = nil
    ) async throws -> UpdateWhereResult {
        try await update(
            where: metadataFilter, whereDocument: whereDocument, metadata: metadata, metadataMode: mode,
            dryRun: dryRun, returning: include, logger: logger)
    }
}
