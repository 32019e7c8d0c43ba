/// Statements on databases and on tables as a whole.
enum SchemaStatements {
    static func createDatabase(_ name: String) -> String { "CREATE DATABASE IF NOT EXISTS \(SQLIdentifier.quoted(name))" }
    static func dropDatabase(_ name: String) -> String { "DROP DATABASE IF EXISTS \(SQLIdentifier.quoted(name))" }

    /// One database (name, character set, collation). Parameter: the name.
    static let selectDatabase =
        "SELECT SCHEMA_NAME, DEFAULT_CHARACTER_SET_NAME, DEFAULT_COLLATION_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?"
    /// Databases by name, paged. Parameters: limit, offset.
    static let listDatabases =
        "SELECT SCHEMA_NAME, DEFAULT_CHARACTER_SET_NAME, DEFAULT_COLLATION_NAME FROM information_schema.SCHEMATA ORDER BY SCHEMA_NAME "
        + "LIMIT ? OFFSET ?"

    /// Brings every vector index of the database up to date with the rows written so far
    /// (pyseekdb's refresh statement, seekdb ≥ 1.3).
    static let refreshIndexes = "CALL dbms_index_manager.refresh()"

    /// Sets the session's statement timeout, in microseconds; `nil` puts the server's default back.
    static func setQueryTimeout(microseconds: Int64?) -> String {
        "SET SESSION ob_query_timeout = " + (microseconds.map(String.init) ?? "DEFAULT")
    }

    static func showCreateTable(_ table: String) -> String { "SHOW CREATE TABLE \(SQLIdentifier.quoted(table))" }
}
