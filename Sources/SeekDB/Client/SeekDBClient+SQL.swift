public import Logging
import SeekDBDriver

extension SeekDBClient {
    /// Runs one SQL statement with `parameters` bound to its `?` placeholders (a server-side
    /// prepared statement: values never become SQL text). The raw-SQL escape hatch.
    ///
    /// ```swift
    /// let rows = try await client.execute("SELECT COUNT(*) FROM t WHERE k > ?", [.int(3)]).rows
    /// ```
    /// - Throws: ``SeekDBError``.
    @discardableResult
    public func execute(_ sql: String, _ parameters: [SQLValue] = [], logger: Logger? = nil) async throws -> ResultSet {
        try await withCall(.execute) { [self] in
            try await withDriverConnection(logger: logger) { connection, logger in
                try await connection.execute(sql, parameters, logger: logger)
            }
        }
    }

    /// Runs SQL text with no parameters through the text protocol, for statements the server
    /// does not prepare (some DDL, `CALL`, `SHOW`).
    @discardableResult
    public func executeText(_ sql: String, logger: Logger? = nil) async throws -> ResultSet {
        try await withCall(.executeText) { [self] in
            try await withDriverConnection(logger: logger) { connection, logger in
                try await connection.query(sql, logger: logger)
            }
        }
    }
}
