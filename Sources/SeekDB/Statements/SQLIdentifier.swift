/// Identifiers in SQL text. Every name the SDK puts into a statement is a validated collection
/// or database name, or a table name built from a hex id; values are always bound, never
/// spliced (see ``RecordStatements``).
enum SQLIdentifier {
    /// `` `name` ``: a table or database name quoted for MySQL.
    static func quoted(_ name: String) -> String { "`\(name)`" }
}
