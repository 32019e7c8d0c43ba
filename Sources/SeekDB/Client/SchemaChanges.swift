import Logging
import SeekDBDriver

/// The server statement timeouts a session switches between: the client's own for reads and
/// writes, and a longer one for schema changes (``SeekDBClient/Configuration/Options/ddlTimeout``).
struct StatementTimeouts: Sendable, Hashable {
    /// For schema changes and index refreshes.
    var ddl: Duration
    /// The session's own (``SeekDBClient/Configuration/Options/queryTimeout``); `nil` is the
    /// server's default.
    var session: Duration?

    /// Sets the schema-change timeout for the session.
    var setDDL: String { SchemaStatements.setQueryTimeout(microseconds: SeekDBClient.Configuration.microseconds(ddl)) }

    /// Puts the session's own timeout back: the configured one, or the server's default.
    var restoreSession: String {
        SchemaStatements.setQueryTimeout(microseconds: session.map(SeekDBClient.Configuration.microseconds))
    }

    /// "120 s", "1.5 s".
    static func describe(_ duration: Duration) -> String {
        let micros = SeekDBClient.Configuration.microseconds(duration)
        if micros % 1_000_000 == 0 { return "\(micros / 1_000_000) s" }
        return "\(Double(micros) / 1_000_000) s"
    }

    /// Runs `body` (schema changes, index refreshes) on `connection` with the session's
    /// statement timeout raised to ``ddl``, then puts the session's own timeout back (or closes
    /// the connection if it cannot).
    ///
    /// A statement of `body` that reaches the raised timeout (4012) becomes a
    /// ``SeekDBError/Code/timeout`` naming ``SeekDBClient/Configuration/Options/ddlTimeout``.
    func runSchemaChange<R>(on connection: MariaDBConnection, logger: Logger, _ body: () async throws -> R) async throws -> R {
        do {
            return try await connection.withSessionSetting(setDDL, restore: restoreSession, logger: logger, body)
        } catch let error as DriverError where error.number == MariaDBErrorNumber.queryTimeout {
            let limit = Self.describe(ddl)
            let what =
                error.message.contains("maximum query timeout")
                ? "a schema change or index refresh ran longer than the DDL timeout of \(limit)"
                : "the server kept timing out a schema change (it runs them one at a time, and many were queued) for the DDL timeout of "
                    + "\(limit)"
            throw SeekDBError(
                .timeout, "\(what); raise SeekDBClient.Configuration.options.ddlTimeout (server: \(error.message))",
                serverError: SeekDBError.ServerError(number: error.number, sqlState: error.sqlState, message: error.message))
        }
    }

    /// Drops `table`, which this call created, after the call failed (a lost race for the
    /// collection's name, a failed catalog insert). The drop is retried like any DDL statement:
    /// with many schema changes queued, a plain `DROP TABLE` times out and would leave the table
    /// behind. A drop that still fails is logged; the caller throws its own error.
    func dropCreatedTable(_ table: String, on connection: MariaDBConnection, logger: Logger) async {
        do {
            try await connection.executeDDL(TableDefinition.dropTable(table), budget: ddl, logger: logger)
        } catch {
            logger.warning(
                "a table created by a failed call could not be dropped and is left behind",
                metadata: ["seekdb.table": "\(table)", "seekdb.error": "\(error)"])
        }
    }
}
