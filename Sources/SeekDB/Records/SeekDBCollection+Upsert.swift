public import Logging
import SeekDBDriver

extension SeekDBCollection {
    /// Inserts the records that do not exist and updates the given fields of those that do,
    /// in one transaction with one batched `INSERT … ON DUPLICATE KEY UPDATE` per chunk. One id
    /// needs no transaction: an `UPDATE`, and an `INSERT` only when it matched no row.
    ///
    /// ```swift
    /// let result = try await collection.upsert(ids: ["a", "new"], documents: ["text a", "text new"])
    /// print(result.insertedIDs, result.updatedIDs)   // ["new"] ["a"]
    /// ```
    ///
    /// Existing records keep the fields not given (a `nil` entry leaves that field alone), as
    /// with `update(ids:…)`. A new record needs an embedding, given or computed from its document: a row without a vector
    /// is an error, never a silent `NULL`. Fields not given for a new record are `NULL`.
    ///
    /// For existing records, a given document equal byte for byte to the stored one is not
    /// re-embedded or rewritten (listed in ``UpsertResult/unchangedIDs``).
    ///
    /// - Parameters:
    ///   - ids: one id or a list; unique, non-empty, at most 512 bytes of UTF-8.
    ///   - embeddings: one per id (`nil` entries keep an existing record's embedding, or compute
    ///     it from the record's document).
    ///   - sparseEmbeddings: one per id, stored as given (collections with a sparse vector
    ///     index only); `nil` entries are computed from the record's source when it is given,
    ///     otherwise kept.
    ///   - documents: one per id (`nil` entries keep an existing record's document).
    ///   - metadatas: one per id (`nil` entries keep an existing record's metadata).
    ///   - metadataMode: for existing records, replace (default) or merge the metadata.
    ///   - metadataFilter: (`where:`) a condition existing records must still match to be
    ///     updated, checked under the row lock; new ids are inserted regardless.
    ///   - whereDocument: a condition on an existing record's stored document.
    ///   - conflicts: existing records that do not match: ``ConflictPolicy/fail`` (default,
    ///   ``SeekDBError/Code/conditionFailed``, nothing changed) or ``ConflictPolicy/skip``.
    ///   - equalEmbeddings: ``EqualEmbeddingPolicy/write`` (default) writes every given
    ///     embedding; ``EqualEmbeddingPolicy/skip`` has the server compare them with the stored
    ///     ones first and leaves the equal ones out (listed in `unchangedIDs`), at the cost of a
    ///     read of those records.
    ///   - include: (`returning:`) the fields of the inserted and updated records to read back
    ///     after the write, in the same transaction, into ``UpsertResult/records``; `nil` (default)
    ///     reads nothing.
    ///   - logger: logs the statements at debug level; the client's logger by default.
    /// - Returns: the inserted and the updated ids, each in the order given.
    /// - Throws: ``SeekDBError`` — ``SeekDBError/Code/invalidArgument`` or
    ///   ``SeekDBError/Code/dimensionMismatch`` before any SQL is sent;
    ///   ``SeekDBError/Code/invalidArgument`` naming new ids without an embedding (after the
    ///   existence check; nothing changed); ``SeekDBError/Code/permissionDenied``;
    ///   ``SeekDBError/Code/embeddingFailed``.
    @discardableResult
    public func upsert(
        ids: IDs, embeddings: Embeddings? = nil, sparseEmbeddings: SparseEmbeddings? = nil, documents: Documents? = nil,
        metadatas: Metadatas? = nil, metadataMode: MetadataUpdateMode = .replace,
        where metadataFilter: MetadataFilter? = nil, whereDocument: DocumentFilter? = nil,
        conflicts: ConflictPolicy = .fail, equalEmbeddings: EqualEmbeddingPolicy = .write, returning include: Include? = nil,
        logger: Logger? = nil
    ) async throws -> UpsertResult {
        try await client.withCall(.upsert, collection: name, batchSize: ids.values.count) { [self] in
            let filter = try RecordFilter(where: metadataFilter, whereDocument: whereDocument, operation: .upsert)
            try checkReturning(include, operation: .upsert)
            // Documents without embeddings are embedded after the stored ones are read, so an
            // unchanged document is not embedded at all.
            let changes = try await prepareChanges(
                ids: ids, embeddings: embeddings, sparseEmbeddings: sparseEmbeddings, documents: documents,
                metadatas: metadatas, metadataMode: metadataMode, operation: .upsert,
                computeEmbeddings: false)
            let plan = UpdatePlan(
                metadataMode: metadataMode, condition: filter.condition, conflicts: conflicts, equalEmbeddings: equalEmbeddings,
                returning: include)
            defer { client.recentWrites.record(changes.ids, table: table) }  // for session-consistent queries
            if changes.ids.count == 1 && include == nil && changes.pendingEmbeddings.isEmpty
                && !(equalEmbeddings == .skip && changes.givesEmbeddings)
            {
                return try await upsertOne(changes, plan: plan, logger: logger)
            }
            return try await lockedUpsert(changes, plan: plan, logger: logger)
        }
    }

    /// The upsert with the ids locked and checked first (`SELECT … FOR UPDATE`, with the stored
    /// documents when some are to be compared), then unchanged documents left out, the remaining
    /// documents embedded, and one batched `INSERT … ON DUPLICATE KEY UPDATE` per chunk.
    private func lockedUpsert(_ changes: RecordChanges, plan: UpdatePlan, logger: Logger?) async throws -> UpsertResult {
        let statements = self.statements
        let collection = name
        return try await client.withDriverTransaction(logger: logger, collection: name, table: table, retry: plan.retrySafety) {
            connection, logger in
            let existing = try await lockExisting(
                changes.ids, condition: plan.condition, readDocuments: !changes.pendingEmbeddings.isEmpty,
                privilege: Self.upsertPrivileges, connection: connection, logger: logger)
            let newIndexes = changes.ids.indices.filter { existing[Array(changes.ids[$0].utf8)] == nil }
            let pending = Set(changes.pendingEmbeddings)
            let withoutVector = newIndexes.filter { changes.embeddings[$0] == nil && !pending.contains($0) }
            if !withoutVector.isEmpty { throw Self.newRecordsWithoutVector(withoutVector, ids: changes.ids) }
            let conflictIDs = changes.ids.filter { existing[Array($0.utf8)]?.matches == false }
            if !conflictIDs.isEmpty && plan.conflicts == .fail {
                throw SeekDBError.conditionFailed(conflictIDs, collection: collection, operation: .upsert)
            }
            let writes = { (index: Int) in existing[Array(changes.ids[index].utf8)]?.matches != false }
            var changes = changes
            var unchanged = dropUnchangedDocuments(&changes, stored: existing, included: writes)
            if plan.equalEmbeddings == .skip {
                unchanged.formUnion(
                    try await dropEqualEmbeddings(&changes, stored: existing, included: writes, connection: connection, logger: logger))
            }
            try await changes.writeEmbeddingAhead(collection: self, including: writes) { changes, stage in
                for fields in changes.fieldSets() {
                    _ = try await changes.send(fields: fields, including: { stage[$0] }) { rows in
                        statements.upsert(fields: fields, rows: rows, metadataMode: plan.metadataMode)
                    } execute: { sql, _, parameters in
                        _ = try await connection.execute(sql, parameters, logger: logger)
                        return true
                    }
                }
            }
            var result = UpsertResult(
                insertedIDs: newIndexes.map { changes.ids[$0] },
                updatedIDs: changes.ids.filter { existing[Array($0.utf8)]?.matches == true }, conflictIDs: conflictIDs,
                unchangedIDs: changes.ids(at: unchanged))
            if let include = plan.returning {
                result.records = try await readBack(
                    changes.ids.indices.filter(writes).map { changes.ids[$0] }, include: include,
                    connection: connection, logger: logger)
            }
            return result
        }
    }

    /// The privileges an upsert needs, as error messages name them.
    private static let upsertPrivileges = "INSERT, UPDATE"

    /// The upsert of one record, without a transaction: an `UPDATE` of the given fields (where
    /// the condition holds), and when it matched no row and the record does not exist, an
    /// `INSERT`. Each statement is atomic by itself, so an existing record costs one round trip
    /// and a new one two, and the result still says exactly which it was. When another client
    /// inserts the same id between the two statements, the `INSERT` fails with a duplicate key
    /// and the `UPDATE` runs again.
    private func upsertOne(_ changes: RecordChanges, plan: UpdatePlan, logger: Logger?) async throws -> UpsertResult {
        let statements = self.statements
        let fields = changes.fields(at: 0)
        let collection = name
        return try await client.withDriverConnection(logger: logger, collection: name, table: table, retry: plan.retrySafety) {
            connection, logger in
            try await withPrivilegeNamed(Self.upsertPrivileges) {
                var attempt = 0
                while true {
                    attempt += 1
                    if try await writeUpdates(changes, plan: plan, connection: connection, logger: logger) {
                        return UpsertResult(updatedIDs: changes.ids)
                    }
                    if plan.condition != nil,
                        !(try await connection.execute(
                            statements.select("_id", ids: 1), [RecordStatements.idValue(changes.ids[0])],
                            logger: logger
                        ).rows.isEmpty)
                    {
                        if plan.conflicts == .fail {
                            throw SeekDBError.conditionFailed(changes.ids, collection: collection, operation: .upsert)
                        }
                        return UpsertResult(conflictIDs: changes.ids)
                    }
                    if changes.embeddings[0] == nil { throw Self.newRecordsWithoutVector([0], ids: changes.ids) }
                    var parameters: [SQLValue] = []
                    try changes.appendParameters(at: 0, fields: fields, to: &parameters)
                    do {
                        _ = try await connection.execute(statements.insert(fields: fields, rows: 1), parameters, logger: logger)
                        return UpsertResult(insertedIDs: changes.ids)
                    } catch let error as DriverError where error.number == MariaDBErrorNumber.duplicateEntry && attempt < 3 {
                        logger.debug("upsert: the record was inserted concurrently; updating it", metadata: ["error": "\(error.number)"])
                    }
                }
            }
        }
    }

    /// The error for new records that have no vector (none given, no document to compute one).
    private static func newRecordsWithoutVector(_ indexes: [Int], ids: [String]) -> SeekDBError {
        let first = indexes[0]
        let more = indexes.count > 1 ? " (and \(indexes.count - 1) more new records)" : ""
        return SeekDBError.invalidArgument(
            "upsert: the record at index \(first) (id '\(ids[first])') is new and has neither an embedding nor a document to compute one "
                + "from\(more); nothing was changed"
        )
    }
}
