public import Logging
import SeekDBDriver

/// A database on the server, as ``SeekDBAdminClient`` reports it.
public struct SeekDBDatabase: Sendable, Hashable {
    public var name: String
    public var charset: String?
    public var collation: String?
}

/// Manages databases: create, get, list, delete (pyseekdb's `AdminClient`).
///
/// Connects to `information_schema`, so it works before the database you want exists.
public final class SeekDBAdminClient: Sendable {
    let client: SeekDBClient

    /// Connects with `configuration` (its `database` is ignored: the admin client uses
    /// `information_schema`).
    ///
    /// - Throws: ``SeekDBError`` as ``SeekDBClient/init(configuration:logger:)`` does.
    public init(configuration: SeekDBClient.Configuration, logger: Logger? = nil) async throws {
        var configuration = configuration
        configuration.database = "information_schema"
        configuration.pool.maximumConnections = min(configuration.pool.maximumConnections, 2)
        client = try await SeekDBClient(configuration: configuration, logger: logger)
    }

    /// Closes the admin client's connections.
    public func close() async { await client.close() }

    /// Creates a database if it does not exist yet (`CREATE DATABASE IF NOT EXISTS`).
    ///
    /// - Throws: ``SeekDBError/Code/invalidArgument`` for a name outside `[A-Za-z0-9_]{1,64}`;
    ///   ``SeekDBError/Code/permissionDenied``.
    public func createDatabase(name: String, logger: Logger? = nil) async throws {
        try await client.withCall(.createDatabase) { [self] in
            try Self.validate(name)
            let timeouts = client.configuration.statementTimeouts
            _ = try await client.withDriverConnection(logger: logger) { connection, logger in
                try await timeouts.runSchemaChange(on: connection, logger: logger) {
                    try await connection.executeDDL(SchemaStatements.createDatabase(name), budget: timeouts.ddl, logger: logger)
                }
            }
        }
    }

    /// The database named `name`.
    ///
    /// - Throws: ``SeekDBError/Code/databaseNotFound`` if it does not exist.
    public func getDatabase(name: String, logger: Logger? = nil) async throws -> SeekDBDatabase {
        try await client.withCall(.getDatabase) { [self] in
            let rows = try await client.withDriverConnection(logger: logger) { connection, logger in
                try await connection.execute(
                    SchemaStatements.selectDatabase,
                    [.string(name)], logger: logger
                ).rows
            }
            guard let row = rows.first else { throw SeekDBError(.databaseNotFound, "database '\(name)' does not exist") }
            return Self.database(row)
        }
    }

    /// Every database, ordered by name, optionally paged.
    public func listDatabases(limit: Int? = nil, offset: Int = 0, logger: Logger? = nil) async throws -> [SeekDBDatabase] {
        try await client.withCall(.listDatabases) { [self] in
            if let limit, limit < 0 { throw SeekDBError.invalidArgument("limit must not be negative, got \(limit)") }
            guard offset >= 0 else { throw SeekDBError.invalidArgument("offset must not be negative, got \(offset)") }
            let rows = try await client.withDriverConnection(logger: logger) { connection, logger in
                try await connection.execute(
                    SchemaStatements.listDatabases,
                    [.int(Int64(limit ?? Int(Int32.max))), .int(Int64(offset))], logger: logger
                ).rows
            }
            return rows.map(Self.database)
        }
    }

    /// Deletes a database and everything in it (`DROP DATABASE IF EXISTS`).
    public func deleteDatabase(name: String, logger: Logger? = nil) async throws {
        try await client.withCall(.deleteDatabase) { [self] in
            try Self.validate(name)
            let timeouts = client.configuration.statementTimeouts
            _ = try await client.withDriverConnection(logger: logger) { connection, logger in
                try await timeouts.runSchemaChange(on: connection, logger: logger) {
                    try await connection.executeDDL(SchemaStatements.dropDatabase(name), budget: timeouts.ddl, logger: logger)
                }
            }
        }
    }

    /// Database names become SQL identifiers, so only `[A-Za-z0-9_]`, 1…64 characters, are accepted.
    static func validate(_ name: String) throws(SeekDBError) {
        guard !name.isEmpty, name.utf8.count <= 64,
            name.utf8.allSatisfy({ ($0 >= 48 && $0 <= 57) || ($0 >= 65 && $0 <= 90) || ($0 >= 97 && $0 <= 122) || $0 == 95 })
        else {
            throw .invalidArgument("invalid database name '\(name)': use 1 to 64 letters, digits or underscores")
        }
    }

    private static func database(_ row: [SQLValue]) -> SeekDBDatabase {
        SeekDBDatabase(name: row[0].stringValue ?? "", charset: row[1].stringValue, collation: row[2].stringValue)
    }
}
