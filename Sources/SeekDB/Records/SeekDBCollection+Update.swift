public import Logging
import SeekDBDriver

extension SeekDBCollection {
    /// Changes the given fields of existing records, in one transaction.
    ///
    /// ```swift
    /// try await collection.update(ids: "a", metadatas: ["status": "done"])
    /// try await collection.update(ids: ["a", "b"], documents: ["new a", "new b"])   // re-embedded locally
    /// try await collection.update(ids: ids, metadatas: patches, metadataMode: .merge, missing: .skip)
    /// ```
    ///
    /// Only the fields given change; a `nil` entry in a list leaves that field of that record
    /// unchanged. A document given without an embedding is embedded by the collection's
    /// embedding function (only those records). Everything is validated before any SQL is
    /// sent. The ids are then locked and checked inside the same transaction as the write, and
    /// the changes go out as one batched statement per chunk of records (not one per record).
    /// Any error rolls the whole call back.
    ///
    /// - Parameters:
    ///   - ids: one id or a list; unique, non-empty, at most 512 bytes of UTF-8.
    ///   - embeddings: new embeddings, one per id (`nil` entries keep the stored one, or compute
    ///     it from a new document).
    ///   - documents: new documents, one per id (`nil` entries keep the stored one).
    ///   - metadatas: new metadata, one per id (`nil` entries keep the stored one).
    ///   - metadataMode: ``MetadataUpdateMode/replace`` (default, as pyseekdb) or
    ///     ``MetadataUpdateMode/merge`` (an RFC 7396 merge patch: `null` removes a key).
    ///   - missing: ``MissingRecordPolicy/fail`` (default) or ``MissingRecordPolicy/skip``.
    ///   - logger: logs the statements at debug level; the client's logger by default.
    /// - Returns: how many records were updated, and the skipped ids when skipping.
    /// - Throws: ``SeekDBError`` — ``SeekDBError/Code/invalidArgument`` or
    ///   ``SeekDBError/Code/dimensionMismatch`` before any SQL is sent (naming the index and
    ///   id); ``SeekDBError/Code/recordsNotFound`` with ``SeekDBError/missingIDs`` under the
    ///   fail policy (nothing changed); ``SeekDBError/Code/permissionDenied`` without the
    ///   UPDATE privilege; ``SeekDBError/Code/embeddingFailed``;
    ///   ``SeekDBError/Code/connectionClosed`` (the transaction is rolled back by the server).
    @discardableResult
    public func update(ids: IDs, embeddings: Embeddings? = nil, documents: Documents? = nil,
                       metadatas: Metadatas? = nil, metadataMode: MetadataUpdateMode = .replace,
                       missing: MissingRecordPolicy = .fail, logger: Logger? = nil) async throws -> UpdateResult {
        let changes = try await prepareChanges(ids: ids, embeddings: embeddings, documents: documents,
                                               metadatas: metadatas, operation: "update")
        let table = quotedTable
        let collection = name
        return try await client.withDriverTransaction(logger: logger, collection: name, table: self.table) { connection, logger in
            let existing = try await lockExisting(changes.ids, privilege: "UPDATE", connection: connection, logger: logger)
            let missingIDs = changes.ids.filter { !existing.contains(Array($0.utf8)) }
            if !missingIDs.isEmpty && missing == .fail {
                throw SeekDBError.recordsNotFound(missingIDs, collection: collection, operation: "update")
            }
            for (fields, chunks) in changes.statementGroups() {
                for chunk in chunks {
                    let rows = chunk.filter { existing.contains(Array(changes.ids[$0].utf8)) }
                    guard !rows.isEmpty else { continue }
                    let sql = WriteStatements.update(table: table, fields: fields, rows: rows.count, metadataMode: metadataMode)
                    var parameters: [SQLValue] = []
                    parameters.reserveCapacity(rows.count * (1 + fields.columns.count))
                    for index in rows { changes.appendParameters(at: index, fields: fields, to: &parameters) }
                    _ = try await connection.execute(sql, parameters, logger: logger)
                }
            }
            return UpdateResult(updatedCount: changes.ids.count - missingIDs.count,
                                skippedIDs: missing == .skip ? missingIDs : [])
        }
    }

    /// Locks the rows of `ids` that exist (`SELECT … FOR UPDATE`, chunked) and returns their ids'
    /// bytes (bytes, not `String`s: Swift's `==` would merge canonically equivalent ids).
    ///
    /// seekdb refuses the lock as "SELECT command denied" when the user lacks the privilege
    /// to write; that error is reported as missing `privilege`, which is what the user must grant.
    func lockExisting(_ ids: [String], privilege: String, connection: MariaDBConnection,
                      logger: Logger) async throws -> Set<[UInt8]> {
        var existing = Set<[UInt8]>()
        existing.reserveCapacity(ids.count)
        for chunk in StatementChunker(placeholdersPerRow: 1).chunks(count: ids.count, rowBytes: { ids[$0].utf8.count }) {
            let sql = WriteStatements.lockExisting(table: quotedTable, count: chunk.count)
            let result: ResultSet
            do {
                result = try await connection.execute(sql, chunk.map { .bytes(Array(ids[$0].utf8)) }, logger: logger)
            } catch let error as DriverError where error.number == MariaDBErrorNumber.tableAccessDenied {
                var mapped = SeekDBError(error, collection: name, table: table)
                mapped.message = SeekDBError.permissionMessage(error.message, collection: name, table: table, privilege: privilege)
                throw mapped
            }
            for row in result.rows { existing.insert(row[0].bytesValue ?? []) }
        }
        return existing
    }
}

extension SeekDBError {
    /// `.recordsNotFound` listing the first missing ids in the message and all in ``missingIDs``.
    static func recordsNotFound(_ ids: [String], collection: String, operation: String) -> SeekDBError {
        let shown = ids.prefix(10).map { "'\($0)'" }.joined(separator: ", ")
        let more = ids.count > 10 ? " and \(ids.count - 10) more" : ""
        let noun = ids.count == 1 ? "id is" : "ids are"
        return SeekDBError(.recordsNotFound,
                           "\(operation): \(ids.count) \(noun) not in collection '\(collection)': \(shown)\(more); nothing was changed",
                           missingIDs: ids)
    }
}
