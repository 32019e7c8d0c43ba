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
    /// sent. The changes go out as one batched statement per chunk of records (not one per
    /// record), inside one transaction; any error rolls the whole call back. One id is one
    /// statement, atomic by itself, sent without a transaction (one round trip).
    ///
    /// Missing ids are found without an extra round trip when there are none: each statement
    /// reports how many rows it matched, and only when that falls short is the transaction rolled
    /// back and the call run again with the ids locked and checked first (`SELECT … FOR UPDATE`),
    /// so that ``MissingRecordPolicy/fail`` changes nothing and ``MissingRecordPolicy/skip``
    /// reports exactly the ids it skipped. Rows are written in primary-key order, so concurrent
    /// calls on overlapping ids queue behind each other instead of deadlocking.
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
                                               metadatas: metadatas, metadataMode: metadataMode, operation: "update")
        if changes.ids.count == 1 {
            return try await updateOne(changes, metadataMode: metadataMode, missing: missing, logger: logger)
        }
        // Records changing different sets of fields go out in one statement group per set; rows
        // of two groups could then be locked in a different order than another call locks them.
        // Such calls lock all their rows first, in primary-key order.
        guard changes.fieldSets().count == 1 else {
            return try await lockedUpdate(changes, metadataMode: metadataMode, missing: missing, logger: logger)
        }
        do {
            return try await client.withDriverTransaction(logger: logger, collection: name, table: table) { connection, logger in
                guard try await writeUpdates(changes, metadataMode: metadataMode, connection: connection, logger: logger) else {
                    throw SomeRecordsNotMatched()
                }
                return UpdateResult(updatedCount: changes.ids.count, skippedIDs: [])
            }
        } catch is SomeRecordsNotMatched {
            return try await lockedUpdate(changes, metadataMode: metadataMode, missing: missing, logger: logger)
        }
    }

    /// The update of one record: one statement, which is atomic by itself, so it runs without a
    /// transaction (one round trip). A statement that matched no row changed nothing: the
    /// record is missing.
    private func updateOne(_ changes: RecordChanges, metadataMode: MetadataUpdateMode,
                           missing: MissingRecordPolicy, logger: Logger?) async throws -> UpdateResult {
        let matched = try await client.withDriverConnection(logger: logger, collection: name, table: table) { connection, logger in
            try await writeUpdates(changes, metadataMode: metadataMode, connection: connection, logger: logger)
        }
        if matched { return UpdateResult(updatedCount: 1, skippedIDs: []) }
        if missing == .fail { throw SeekDBError.recordsNotFound(changes.ids, collection: name, operation: "update") }
        return UpdateResult(updatedCount: 0, skippedIDs: changes.ids)
    }

    /// The update with the ids locked and checked first, then only the existing ones written:
    /// after the optimistic write matched fewer rows than it was given (and was rolled back),
    /// or for records changing different sets of fields.
    private func lockedUpdate(_ changes: RecordChanges, metadataMode: MetadataUpdateMode,
                              missing: MissingRecordPolicy, logger: Logger?) async throws -> UpdateResult {
        let collection = name
        return try await client.withDriverTransaction(logger: logger, collection: name, table: table) { connection, logger in
            logger.debug("update: locking and checking the ids first", metadata: ["collection": "\(collection)"])
            let existing = try await lockExisting(changes.ids, privilege: "UPDATE", connection: connection, logger: logger)
            let missingIDs = changes.ids.filter { !existing.contains(Array($0.utf8)) }
            if !missingIDs.isEmpty && missing == .fail {
                throw SeekDBError.recordsNotFound(missingIDs, collection: collection, operation: "update")
            }
            _ = try await writeUpdates(changes, metadataMode: metadataMode, connection: connection, logger: logger) {
                existing.contains(Array(changes.ids[$0].utf8))
            }
            return UpdateResult(updatedCount: changes.ids.count - missingIDs.count,
                                skippedIDs: missing == .skip ? missingIDs : [])
        }
    }

    /// Sends the batched `UPDATE … JOIN` statements for the records `included` accepts and
    /// returns whether every statement matched as many rows as it carried. Stops at the first
    /// statement that did not (the caller rolls back). The connection reports matched, not
    /// changed, rows (`CLIENT_FOUND_ROWS`), so a record updated to the values it had counts.
    func writeUpdates(_ changes: RecordChanges, metadataMode: MetadataUpdateMode,
                      connection: MariaDBConnection, logger: Logger,
                      including included: (Int) -> Bool = { _ in true }) async throws -> Bool {
        let statements = self.statements
        for fields in changes.fieldSets() {
            let allMatched = try await changes.send(fields: fields, including: included) { rows in
                statements.update(fields: fields, rows: rows, metadataMode: metadataMode)
            } execute: { sql, rows, parameters in
                try await connection.execute(sql, parameters, logger: logger).affectedRows == UInt64(rows)
            }
            if !allMatched { return false }
        }
        return true
    }

    /// Locks the rows of `ids` that exist (`SELECT … FOR UPDATE`, chunked, in primary-key
    /// order) and returns their ids' bytes (bytes, not `String`s: Swift's `==` would merge canonically equivalent ids).
    ///
    /// seekdb refuses the lock as "SELECT command denied" when the user lacks the privilege
    /// to write; that error is reported as missing `privilege`, which is what the user must grant.
    func lockExisting(_ ids: [String], privilege: String, connection: MariaDBConnection,
                      logger: Logger) async throws -> Set<[UInt8]> {
        var existing = Set<[UInt8]>()
        existing.reserveCapacity(ids.count)
        // In primary-key order, so concurrent calls lock shared rows in the same order.
        let ids = ids.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        for chunk in StatementChunker.ids.chunks(count: ids.count, rowBytes: { ids[$0].utf8.count }) {
            let sql = statements.lockExisting(ids: chunk.count)
            let result = try await withPrivilegeNamed(privilege) {
                try await connection.execute(sql, chunk.map { RecordStatements.idValue(ids[$0]) }, logger: logger)
            }
            for row in result.rows { existing.insert(row[0].bytesValue ?? []) }
        }
        return existing
    }
}

extension SeekDBCollection {
    /// Runs `body`, reporting a refused statement (1142) as missing `privilege`: seekdb refuses
    /// `SELECT … FOR UPDATE` as "SELECT command denied" when the user may not write, and an
    /// upsert's `UPDATE` as "UPDATE command denied" when it also needs INSERT.
    func withPrivilegeNamed<R>(_ privilege: String, _ body: () async throws -> R) async throws -> R {
        do {
            return try await body()
        } catch let error as DriverError where error.number == MariaDBErrorNumber.tableAccessDenied {
            var mapped = SeekDBError(error, collection: name, table: table)
            mapped.message = SeekDBError.permissionMessage(error.message, collection: name, table: table, privilege: privilege)
            throw mapped
        }
    }
}

/// Thrown out of the optimistic update transaction (rolling it back) when a statement matched
/// fewer rows than it carried.
private struct SomeRecordsNotMatched: Error {}

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
