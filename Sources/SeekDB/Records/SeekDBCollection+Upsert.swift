public import Logging
import SeekDBDriver

extension SeekDBCollection {
    /// Inserts the records that do not exist and updates the given fields of those that do,
    /// in one transaction with one batched `INSERT … ON DUPLICATE KEY UPDATE` per chunk.
    ///
    /// ```swift
    /// let result = try await collection.upsert(ids: ["a", "new"], documents: ["text a", "text new"])
    /// print(result.insertedIDs, result.updatedIDs)   // ["new"] ["a"]
    /// ```
    ///
    /// Existing records keep the fields not given (a `nil` entry leaves that field alone), as
    /// with ``update(ids:embeddings:documents:metadatas:metadataMode:missing:logger:)``. A new
    /// record needs an embedding, given or computed from its document: a row without a vector
    /// is an error, never a silent `NULL`. Fields not given for a new record are `NULL`.
    ///
    /// - Parameters:
    ///   - ids: one id or a list; unique, non-empty, at most 512 bytes of UTF-8.
    ///   - embeddings: one per id (`nil` entries keep an existing record's embedding, or compute
    ///     it from the record's document).
    ///   - documents: one per id (`nil` entries keep an existing record's document).
    ///   - metadatas: one per id (`nil` entries keep an existing record's metadata).
    ///   - metadataMode: for existing records, replace (default) or merge the metadata.
    ///   - logger: logs the statements at debug level; the client's logger by default.
    /// - Returns: the inserted and the updated ids, each in the order given.
    /// - Throws: ``SeekDBError`` — ``SeekDBError/Code/invalidArgument`` or
    ///   ``SeekDBError/Code/dimensionMismatch`` before any SQL is sent;
    ///   ``SeekDBError/Code/invalidArgument`` naming new ids without an embedding (after the
    ///   existence check; nothing changed); ``SeekDBError/Code/permissionDenied``;
    ///   ``SeekDBError/Code/embeddingFailed``.
    @discardableResult
    public func upsert(ids: IDs, embeddings: Embeddings? = nil, documents: Documents? = nil,
                       metadatas: Metadatas? = nil, metadataMode: MetadataUpdateMode = .replace,
                       logger: Logger? = nil) async throws -> UpsertResult {
        let changes = try await prepareChanges(ids: ids, embeddings: embeddings, documents: documents,
                                               metadatas: metadatas, operation: "upsert")
        let table = quotedTable
        return try await client.withDriverTransaction(logger: logger, collection: name, table: self.table) { connection, logger in
            let existing = try await lockExisting(changes.ids, privilege: "INSERT, UPDATE", connection: connection, logger: logger)
            let newIndexes = changes.ids.indices.filter { !existing.contains(Array(changes.ids[$0].utf8)) }
            let withoutVector = newIndexes.filter { changes.embeddings[$0] == nil }
            if let first = withoutVector.first {
                let more = withoutVector.count > 1 ? " (and \(withoutVector.count - 1) more new records)" : ""
                throw SeekDBError.invalidArgument("upsert: the record at index \(first) (id '\(changes.ids[first])') is new and has neither an embedding nor a document to compute one from\(more); nothing was changed")
            }
            for fields in changes.fieldSets() {
                _ = try await changes.send(fields: fields) { rows in
                    WriteStatements.upsert(table: table, fields: fields, rows: rows, metadataMode: metadataMode)
                } execute: { sql, _, parameters in
                    _ = try await connection.execute(sql, parameters, logger: logger)
                    return true
                }
            }
            return UpsertResult(insertedIDs: newIndexes.map { changes.ids[$0] },
                                updatedIDs: changes.ids.filter { existing.contains(Array($0.utf8)) })
        }
    }
}
