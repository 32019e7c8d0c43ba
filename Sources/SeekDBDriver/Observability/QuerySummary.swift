/// A low-cardinality description of one SQL statement, for span names and metric labels.
///
/// Built from the statement's leading keywords and the table it targets
/// (`"SELECT c$v1$books"`, `"START TRANSACTION"`); it never contains a literal, a bound value
/// or a `WHERE` clause, so it is safe to export as OpenTelemetry's `db.query.summary`.
package struct QuerySummary: Sendable, Hashable {
    /// The statement's kind in lower case: `select`, `insert`, `update`, `delete`, `replace`,
    /// `ddl` (`CREATE`, `DROP`, `ALTER`, `TRUNCATE`), `transaction` (`START TRANSACTION`,
    /// `BEGIN`, `COMMIT`, `ROLLBACK`), `session` (`SET`, `USE`), `show`, `call`, or `other`.
    package let kind: String
    /// The operation keyword(s) in upper case, e.g. `SELECT`, `CREATE TABLE`, `START TRANSACTION`.
    package let operation: String
    /// The first table named after `FROM`, `INTO`, `UPDATE`, `JOIN` or `TABLE`, if any.
    package let table: String?

    /// `operation` and `table`, e.g. `"UPDATE c$v1$books"`.
    package var text: String { table.map { "\(operation) \($0)" } ?? operation }

    package init(sql: String) {
        var words: [Substring] = []
        var target: Substring?
        var takeNext = false
        // Scans only the head of the statement: keywords and the first table come early.
        for word in sql.prefix(400).split(whereSeparator: { " \n\t(),;".contains($0) }) {
            if words.count < 3 { words.append(word) }
            let upper = word.uppercased()
            if takeNext {
                if upper == "SELECT" {
                    takeNext = false  // a derived table: the next FROM names the table
                } else if !Self.skippedAfterTableKeyword.contains(upper) {
                    target = word
                    break
                }
                continue
            }
            takeNext = Self.tableKeywords.contains(upper)
        }
        let first = words.first.map { $0.uppercased() } ?? ""
        let second = words.count > 1 ? words[1].uppercased() : ""
        switch first {
        case "SELECT", "INSERT", "UPDATE", "DELETE", "REPLACE", "SHOW", "CALL":
            kind = first.lowercased()
            operation = first
        case "CREATE", "DROP", "ALTER", "TRUNCATE":
            kind = "ddl"
            operation = second.isEmpty || second == "IF" ? first : "\(first) \(second)"
        case "START", "BEGIN", "COMMIT", "ROLLBACK":
            kind = "transaction"
            operation = first == "START" ? "START TRANSACTION" : first
        case "SET", "USE":
            kind = "session"
            operation = first
        default:
            kind = "other"
            operation = "OTHER"
        }
        // A table name is an identifier (possibly quoted); anything else is not reported.
        table = target.flatMap { Self.identifier($0) }
    }

    private static let tableKeywords: Set<String> = ["FROM", "INTO", "UPDATE", "JOIN", "TABLE"]
    private static let skippedAfterTableKeyword: Set<String> = ["IF", "NOT", "EXISTS", "IGNORE", "LOW_PRIORITY", "ONLY"]

    /// `word` without backticks when it is an identifier (letters, digits, `_`, `$`, `.`).
    private static func identifier(_ word: Substring) -> String? {
        let name = word.filter { $0 != "`" }
        guard !name.isEmpty, name.count <= 128,
            name.unicodeScalars.allSatisfy({ $0.properties.isAlphabetic || ("0"..."9").contains($0) || "_$.".unicodeScalars.contains($0) })
        else { return nil }
        return name
    }
}
