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
    /// A given document equal, byte for byte, to the stored one is not re-embedded or rewritten
    /// (listed in ``UpdateResult/unchangedIDs``).
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
    ///   - sparseEmbeddings: new sparse vectors, one per id, stored as given (collections with
    ///     a sparse vector index only). `nil` entries keep the stored one, or compute it when
    ///     the write changes its source (document or metadata key).
    ///   - documents: new documents, one per id (`nil` entries keep the stored one).
    ///   - metadatas: new metadata, one per id (`nil` entries keep the stored one).
    ///   - metadataMode: ``MetadataUpdateMode/replace`` (default, as pyseekdb) or
    ///     ``MetadataUpdateMode/merge`` (an RFC 7396 merge patch: `null` removes a key).
    ///   - metadataFilter: (`where:`) a condition each record must still match when it is
    ///     written, checked in the same statement (compare-and-set); see "Conditional updates"
    ///     in the UpdatingRecords article. `nil`: no condition.
    ///   - whereDocument: a condition on the stored document, checked the same way.
    ///   - missing: ``MissingRecordPolicy/fail`` (default) or ``MissingRecordPolicy/skip``.
    ///   - conflicts: for records that exist but do not match the condition:
    ///     ``ConflictPolicy/fail`` (default: ``SeekDBError/Code/conditionFailed``, nothing
    ///     changed) or ``ConflictPolicy/skip`` (reported in ``UpdateResult/conflictIDs``).
    ///   - equalEmbeddings: ``EqualEmbeddingPolicy/write`` (default) writes every given
    ///     embedding; ``EqualEmbeddingPolicy/skip`` has the server compare them with the stored
    ///     ones first and leaves the equal ones out (listed in `unchangedIDs`), at the cost of a
    ///     read of those records.
    ///   - include: (`returning:`) the fields of the updated records to read back after the
    ///     write, in the same transaction, into ``UpdateResult/records``; `nil` (default) reads
    ///     nothing and lets a one-record update run as one statement.
    ///   - logger: logs the statements at debug level; the client's logger by default.
    /// - Returns: how many records were updated, and the skipped ids when skipping.
    /// - Throws: ``SeekDBError`` — ``SeekDBError/Code/invalidArgument`` or
    ///   ``SeekDBError/Code/dimensionMismatch`` before any SQL is sent (naming the index and
    ///   id); ``SeekDBError/Code/recordsNotFound`` with ``SeekDBError/missingIDs`` under the
    ///   fail policy (nothing changed); ``SeekDBError/Code/conditionFailed`` with
    ///   ``SeekDBError/conflictIDs`` (nothing changed); ``SeekDBError/Code/permissionDenied`` without the
    ///   UPDATE privilege; ``SeekDBError/Code/embeddingFailed``;
    ///   ``SeekDBError/Code/connectionClosed`` (the transaction is rolled back by the server).
    @discardableResult
    public func update(
        ids: IDs, embeddings: Embeddings? = nil, sparseEmbeddings: SparseEmbeddings? = nil, documents: Documents? = nil,
        metadatas: Metadatas? = nil, metadataMode: MetadataUpdateMode = .replace,
        where metadataFilter: MetadataFilter? = nil, whereDocument: DocumentFilter? = nil,
        missing: MissingRecordPolicy = .fail, conflicts: ConflictPolicy = .fail, equalEmbeddings: EqualEmbeddingPolicy = .write,
        returning include: Include? = nil, logger: Logger? = nil
    ) async throws -> UpdateResult {
        try await client.withCall(.update, collection: name, batchSize: ids.values.count) { [self] in
            let filter = try RecordFilter(where: metadataFilter, whereDocument: whereDocument, operation: .update)
            try checkReturning(include, operation: .update)
            let changes = try await prepareChanges(
                ids: ids, embeddings: embeddings, sparseEmbeddings: sparseEmbeddings, documents: documents,
                metadatas: metadatas, metadataMode: metadataMode, operation: .update,
                computeEmbeddings: false)
            let plan = UpdatePlan(
                metadataMode: metadataMode, condition: filter.condition, missing: missing, conflicts: conflicts,
                equalEmbeddings: equalEmbeddings,
                returning: include)
            // For session-consistent queries (dense or sparse vectors may change, also through a
            // metadata key a sparse vector is computed from), counted from the end of the write.
            defer { client.recentWrites.record(changes.ids, table: table) }
            // Documents to embed: the stored documents are read (with the lock) first, so only the
            // ones that changed are embedded and written. Equal embeddings to skip: the server
            // compares them with the stored ones (with the lock) first.
            if !changes.pendingEmbeddings.isEmpty || (equalEmbeddings == .skip && changes.givesEmbeddings) {
                return try await lockedUpdate(changes, plan: plan, logger: logger)
            }
            if changes.ids.count == 1 && include == nil {
                return try await updateOne(changes, plan: plan, logger: logger)
            }
            // Records changing different sets of fields go out in one statement group per set; rows
            // of two groups could then be locked in a different order than another call locks them.
            // Such calls lock all their rows first, in primary-key order.
            guard changes.fieldSets().count == 1 else {
                return try await lockedUpdate(changes, plan: plan, logger: logger)
            }
            do {
                return try await client.withDriverTransaction(logger: logger, collection: name, table: table, retry: plan.retrySafety) {
                    connection, logger in
                    guard try await writeUpdates(changes, plan: plan, connection: connection, logger: logger) else {
                        throw SomeRecordsNotMatched()
                    }
                    var result = UpdateResult(updatedCount: changes.ids.count)
                    if let include {
                        result.records = try await readBack(changes.ids, include: include, connection: connection, logger: logger)
                    }
                    return result
                }
            } catch is SomeRecordsNotMatched {
                return try await lockedUpdate(changes, plan: plan, logger: logger)
            }
        }
    }

    /// The update of one record: one statement, which is atomic by itself, so it runs without a
    /// transaction (one round trip). A statement that matched no row changed nothing: the
    /// record is missing, or (with a condition) no longer matches it, which a read tells apart.
    private func updateOne(_ changes: RecordChanges, plan: UpdatePlan, logger: Logger?) async throws -> UpdateResult {
        let statements = self.statements
        let (matched, exists) = try await client.withDriverConnection(
            logger: logger, collection: name, table: table, retry: plan.retrySafety
        ) { connection, logger in
            if try await writeUpdates(changes, plan: plan, connection: connection, logger: logger) { return (true, true) }
            guard plan.condition != nil else { return (false, false) }
            let found = try await connection.execute(
                statements.select("_id", ids: 1), [RecordStatements.idValue(changes.ids[0])],
                logger: logger)
            return (false, !found.rows.isEmpty)
        }
        if matched { return UpdateResult(updatedCount: 1) }
        return try plan.outcome(
            ids: changes.ids, missing: exists ? [] : changes.ids, conflicting: exists ? changes.ids : [],
            collection: name, operation: .update)
    }

    /// The update with the ids locked and checked first, then only the existing (and matching)
    /// ones written: after the optimistic write matched fewer rows than it was given (and was
    /// rolled back), for records changing different sets of fields, and when stored documents
    /// or embeddings are compared with the given ones.
    private func lockedUpdate(_ changes: RecordChanges, plan: UpdatePlan, logger: Logger?) async throws -> UpdateResult {
        let collection = name
        return try await client.withDriverTransaction(logger: logger, collection: name, table: table, retry: plan.retrySafety) {
            connection, logger in
            logger.debug("update: locking and checking the ids first", metadata: ["collection": "\(collection)"])
            let rows = try await lockExisting(
                changes.ids, condition: plan.condition, readDocuments: !changes.pendingEmbeddings.isEmpty,
                privilege: "UPDATE", connection: connection, logger: logger)
            let missingIDs = changes.ids.filter { rows[Array($0.utf8)] == nil }
            let conflictIDs = changes.ids.filter { rows[Array($0.utf8)]?.matches == false }
            var result = try plan.outcome(
                ids: changes.ids, missing: missingIDs, conflicting: conflictIDs,
                collection: collection, operation: .update)
            let writes = { (index: Int) in rows[Array(changes.ids[index].utf8)]?.matches == true }
            var changes = changes
            var unchanged = dropUnchangedDocuments(&changes, stored: rows, included: writes)
            if plan.equalEmbeddings == .skip {
                unchanged.formUnion(
                    try await dropEqualEmbeddings(&changes, stored: rows, included: writes, connection: connection, logger: logger))
            }
            result.unchangedIDs = changes.ids(at: unchanged)
            try await changes.writeEmbeddingAhead(collection: self, including: writes) { changes, stage in
                _ = try await writeUpdates(
                    changes, plan: plan, connection: connection, logger: logger, including: { stage[$0] })
            }
            if let include = plan.returning {
                result.records = try await readBack(
                    changes.ids.indices.filter(writes).map { changes.ids[$0] }, include: include,
                    connection: connection, logger: logger)
            }
            return result
        }
    }

    /// Leaves out of `changes` the documents equal byte for byte to the stored ones, among the
    /// records `included` accepts that exist (their rows, locked, are in `stored`): those are
    /// neither re-embedded nor rewritten. Returns their indexes.
    func dropUnchangedDocuments(
        _ changes: inout RecordChanges, stored rows: [[UInt8]: LockedRecord], included: (Int) -> Bool
    ) -> Set<Int> {
        guard !changes.pendingEmbeddings.isEmpty else { return [] }
        let unchanged = Set(
            changes.pendingEmbeddings.filter { index in
                guard included(index), let stored = rows[Array(changes.ids[index].utf8)]?.document else { return false }
                return stored.elementsEqual(changes.documents![index]!.utf8)
            })
        changes.dropDocuments(unchanged)
        return unchanged
    }

    /// Sends the batched `UPDATE … JOIN` statements for the records `included` accepts and
    /// returns whether every statement matched as many rows as it carried. Stops at the first
    /// statement that did not (the caller rolls back). The connection reports matched, not
    /// changed, rows (`CLIENT_FOUND_ROWS`), so a record updated to the values it had counts.
    func writeUpdates(
        _ changes: RecordChanges, plan: UpdatePlan, connection: MariaDBConnection, logger: Logger,
        including included: (Int) -> Bool = { _ in true }
    ) async throws -> Bool {
        let statements = self.statements
        let condition = plan.condition
        for fields in changes.fieldSets() {
            let allMatched = try await changes.send(fields: fields, including: included) { rows in
                statements.update(fields: fields, rows: rows, metadataMode: plan.metadataMode, condition: condition?.sql)
            } execute: { sql, rows, parameters in
                try await connection.execute(sql, parameters + (condition?.parameters ?? []), logger: logger).affectedRows == UInt64(rows)
            }
            if !allMatched { return false }
        }
        return true
    }

    /// Locks the rows of `ids` that exist (`SELECT … FOR UPDATE`, chunked, in primary-key
    /// order) and returns, keyed by their ids' bytes (not `String`s: Swift's `==` would merge
    /// canonically equivalent ids), whether each matches `condition` (always `true` without one).
    ///
    /// seekdb refuses the lock as "SELECT command denied" when the user lacks the privilege
    /// to write; that error is reported as missing `privilege`, which is what the user must grant.
    func lockExisting(
        _ ids: [String], condition: SQLFragment? = nil, readDocuments: Bool = false, privilege: String,
        connection: MariaDBConnection, logger: Logger
    ) async throws -> [[UInt8]: LockedRecord] {
        var existing: [[UInt8]: LockedRecord] = [:]
        existing.reserveCapacity(ids.count)
        // In primary-key order, so concurrent calls lock shared rows in the same order.
        let ids = ids.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        for chunk in StatementChunker.ids.chunks(count: ids.count, rowBytes: { ids[$0].utf8.count }) {
            let idValues = RecordStatements.idValues(chunk.map { ids[$0] })
            let sql = statements.lockExisting(ids: idValues.count, condition: condition?.sql, document: readDocuments)
            let parameters = (condition?.parameters ?? []) + idValues
            let result = try await withPrivilegeNamed(privilege) {
                try await connection.execute(sql, parameters, logger: logger)
            }
            for row in result.rows {
                existing[row[0].bytesValue ?? []] = LockedRecord(
                    matches: condition == nil ? true : (row[1].intValue ?? 0) != 0,
                    document: readDocuments ? row[row.count - 1].bytesValue : nil)
            }
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

/// A row found by ``SeekDBCollection/lockExisting(_:condition:readDocuments:privilege:connection:logger:)``.
struct LockedRecord: Sendable {
    /// Whether the row matches the call's condition (`true` without one).
    var matches: Bool
    /// The stored document's bytes, when asked for.
    var document: [UInt8]?
}

/// How an update call writes: the metadata mode, the condition records must still match, and
/// what to do with missing ids and with records that no longer match.
struct UpdatePlan: Sendable {
    var metadataMode: MetadataUpdateMode
    var condition: SQLFragment?
    var missing: MissingRecordPolicy = .fail
    var conflicts: ConflictPolicy = .fail
    /// Whether given embeddings equal to the stored ones are written.
    var equalEmbeddings: EqualEmbeddingPolicy = .write
    /// The fields to read back after the write (`returning:`), or `nil`.
    var returning: Include? = nil

    /// Without a condition, writing the same values again leaves the same records; with one,
    /// a repeated attempt could see its own earlier write and report a conflict.
    var retrySafety: RetrySafety { condition == nil ? .idempotentWrite : .write }

    /// The result for `ids` of which `missing` do not exist and `conflicting` do not match, or
    /// the error the policies call for (missing ids first).
    func outcome(
        ids: [String], missing missingIDs: [String], conflicting conflictIDs: [String],
        collection: String, operation: SeekDBOperation
    ) throws(SeekDBError) -> UpdateResult {
        if !missingIDs.isEmpty && missing == .fail {
            throw SeekDBError.recordsNotFound(missingIDs, collection: collection, operation: operation)
        }
        if !conflictIDs.isEmpty && conflicts == .fail {
            throw SeekDBError.conditionFailed(conflictIDs, collection: collection, operation: operation)
        }
        return UpdateResult(
            updatedCount: ids.count - missingIDs.count - conflictIDs.count,
            skippedIDs: missingIDs, conflictIDs: conflictIDs)
    }
}

/// Thrown out of the optimistic update transaction (rolling it back) when a statement matched
/// fewer rows than it carried.
private struct SomeRecordsNotMatched: Error {}

extension SeekDBError {
    /// `.recordsNotFound` listing the first missing ids in the message and all in ``missingIDs``.
    static func recordsNotFound(_ ids: [String], collection: String, operation: SeekDBOperation) -> SeekDBError {
        let noun = ids.count == 1 ? "id is" : "ids are"
        return SeekDBError(
            .recordsNotFound,
            "\(operation): \(ids.count) \(noun) not in collection '\(collection)': \(listing(ids)); nothing was changed",
            missingIDs: ids)
    }

    /// `.conditionFailed` listing the first ids that no longer match in the message and all in ``conflictIDs``.
    static func conditionFailed(_ ids: [String], collection: String, operation: SeekDBOperation) -> SeekDBError {
        let noun = ids.count == 1 ? "record does" : "records do"
        return SeekDBError(
            .conditionFailed,
            "\(operation): \(ids.count) \(noun) not match the condition in collection '\(collection)': \(listing(ids)); nothing was "
                + "changed",
            conflictIDs: ids)
    }

    /// `'a', 'b' and 3 more`: the first ten ids of a list, for a message.
    private static func listing(_ ids: [String]) -> String {
        let shown = ids.prefix(10).map { "'\($0)'" }.joined(separator: ", ")
        return ids.count > 10 ? "\(shown) and \(ids.count - 10) more" : shown
    }
}
