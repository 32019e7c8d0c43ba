import Foundation
public import Logging
import SeekDBDriver

extension SeekDBCollection {
    /// Copies the collection, records and indexes, into a new collection, as pyseekdb's
    /// `Collection.fork` does: the server's `FORK TABLE` (a copy-on-write snapshot, so it is
    /// fast and costs no space until either side changes) and a catalog row with the same
    /// settings (embedding function, sparse vector index). The two collections are then
    /// independent; pyseekdb opens the fork like any collection.
    ///
    /// ```swift
    /// let trial = try await notes.fork(name: "notes_trial")
    /// try await trial.delete(where: .field("draft") == true)   // notes is unchanged
    /// ```
    ///
    /// The table is forked first, then the catalog row is written; if either fails, the new
    /// table is dropped, so a failed fork leaves nothing behind. `FORK TABLE` needs seekdb
    /// 1.1 or later (not OceanBase); an older server's error is passed on.
    ///
    /// - Parameters:
    ///   - newName: (`name:`) the new collection's name (1…512 characters from `[A-Za-z0-9_]`).
    ///   - logger: logs the statements at debug level; the client's logger by default.
    /// - Returns: the new collection, with this collection's embedding function and sparse index.
    /// - Throws: ``SeekDBError`` — ``SeekDBError/Code/invalidArgument`` (bad name),
    ///   ``SeekDBError/Code/collectionExists``, ``SeekDBError/Code/unsupportedCollection`` for
    ///   a legacy `c$v1$` collection (which has no catalog row to copy),
    ///   ``SeekDBError/Code/collectionNotFound`` when this collection was deleted,
    ///   ``SeekDBError/Code/permissionDenied``.
    public func fork(name newName: String, logger: Logger? = nil) async throws -> SeekDBCollection {
        try await client.withCall(.fork, collection: name) { [self] in
            try CollectionName.validate(newName)
            guard let sourceID = id else {
                throw SeekDBError(
                    .unsupportedCollection,
                    "fork: collection '\(name)' is a legacy (v1) collection without a catalog row; pyseekdb cannot fork it either")
            }
            let newID = UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
            let newTable = TableDefinition.v2TableName(id: newID)
            let source = table
            let timeouts = client.configuration.statementTimeouts
            let collectionName = name
            try await client.withDriverConnection(logger: logger, collection: newName, table: newTable) { connection, logger in
                try await timeouts.runSchemaChange(on: connection, logger: logger) {
                    try await SeekDBClient.prepareCatalog(forNewCollection: newName, on: connection, timeouts: timeouts, logger: logger)
                    let settings = try await connection.execute(CatalogStatements.selectSettings, [.string(sourceID)], logger: logger)
                    guard let row = settings.rows.first else {
                        throw SeekDBError(.collectionNotFound, "fork: collection '\(collectionName)' does not exist")
                    }
                    // The table first, then the catalog row, as createCollection does: a client that
                    // sees the row also finds the table, and the unique name key decides a race.
                    do {
                        try await connection.executeDDL(TableDefinition.fork(source, to: newTable), budget: timeouts.ddl, logger: logger)
                        try await connection.executeResendingRefusals(
                            CatalogStatements.insert,
                            [.string(newID), .string(newName), row[0]], budget: timeouts.ddl, logger: logger)
                    } catch {
                        await timeouts.dropCreatedTable(newTable, on: connection, logger: logger)
                        if let error = error as? DriverError, error.number == MariaDBErrorNumber.duplicateEntry {
                            throw SeekDBError(.collectionExists, "collection '\(newName)' already exists")
                        }
                        throw error
                    }
                }
            }
            return SeekDBCollection(
                name: newName, id: newID, dimension: dimension, distance: distance, embeddingFunction: embeddingFunction,
                persistedEmbeddingFunctionName: persistedEmbeddingFunctionName, client: client, table: newTable,
                sparseVectorIndex: sparseVectorIndex)
        }
    }
}
