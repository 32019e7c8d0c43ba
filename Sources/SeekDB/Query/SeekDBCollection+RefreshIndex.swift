public import Logging
import SeekDBDriver

extension SeekDBCollection {

    /// Brings the asynchronous vector indexes up to date, so an approximate query sees every
    /// write committed before this call (pyseekdb's `refresh_index`).
    ///
    /// seekdb ≥ 1.3 maintains HNSW indexes in the background: a vector written now is found by
    /// an approximate query about a quarter of a second later. Call this after a batch of
    /// writes that must be searchable at once, or pass
    /// ``QueryConsistency/readYourWrites`` to `query`, which does the same before searching.
    /// It takes about half a second. Deletes and non-vector reads (`get`, filters) never need it.
    /// It runs with the DDL timeout, ``SeekDBClient/Configuration/Options/ddlTimeout``.
    ///
    /// - Throws: ``SeekDBError``; a server without `dbms_index_manager` (seekdb before 1.3)
    ///   reports a ``SeekDBError/Code/server`` error.
    public func refreshIndex(logger: Logger? = nil) async throws {
        try await client.withCall(.refreshIndex, collection: name) { [self] in
            let timeouts = client.configuration.statementTimeouts
            let recentWrites = client.recentWrites
            try await client.withDriverConnection(logger: logger, collection: name, table: table) { connection, logger in
                try await Self.refreshIndex(on: connection, timeouts: timeouts, recentWrites: recentWrites, logger: logger)
            }
        }
    }

    /// Runs the refresh with the DDL timeout (``SeekDBClient/Configuration/Options/ddlTimeout``):
    /// it waits for the server's background index work, which a busy server does slowly.
    /// Afterwards the client's ``RecentWrites`` forget what the refresh brought into the indexes.
    static func refreshIndex(
        on connection: MariaDBConnection, timeouts: StatementTimeouts, recentWrites: RecentWrites,
        logger: Logger
    ) async throws {
        let started = ContinuousClock.now
        try await timeouts.runSchemaChange(on: connection, logger: logger) {
            _ = try await connection.query(SchemaStatements.refreshIndexes, logger: logger)
        }
        recentWrites.refreshed(startedAt: started)
    }
}
