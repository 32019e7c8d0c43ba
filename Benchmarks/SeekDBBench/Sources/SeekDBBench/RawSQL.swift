/// Hand-written batched SQL: the least work the server can be asked to do for each workload,
/// with every value bound as a parameter (vectors as float32 bytes and ids as bytes read with
/// `CAST(? AS BINARY)`, as the SDK sends them: with a bare `?` the server scans the table).
enum RawSQL {
    static let id = "CAST(? AS BINARY)"

    /// `INSERT INTO t (_id, document, metadata, embedding) VALUES (…), …` for `rows` records.
    static func insert(table: String, rows: Int) -> String {
        "INSERT INTO \(table) (_id, document, metadata, embedding) VALUES "
            + repeated("(\(id), ?, ?, CAST(? AS BINARY))", rows)
    }

    /// `UPDATE t JOIN (SELECT <id> AS _id, … UNION ALL SELECT <id>, …) v ON t._id = v._id SET …`:
    /// the fastest update form measured by `Benchmarks/UpdateForms`.
    static func update(table: String, columns: [String], rows: Int) -> String {
        let first = "SELECT \(id) AS _id, " + columns.map { "\(placeholder($0)) AS \($0)" }.joined(separator: ", ")
        let other = " UNION ALL SELECT \(id), " + columns.map(placeholder).joined(separator: ", ")
        return "UPDATE \(table) t JOIN (\(first)\(String(repeating: other, count: rows - 1))) v ON t._id = v._id SET "
            + columns.map { "t.\($0) = v.\($0)" }.joined(separator: ", ")
    }

    /// `INSERT … ON DUPLICATE KEY UPDATE` of document, metadata and embedding.
    static func upsert(table: String, rows: Int) -> String {
        insert(table: table, rows: rows)
            + " ON DUPLICATE KEY UPDATE document = VALUES(document), metadata = VALUES(metadata), embedding = VALUES(embedding)"
    }

    static func delete(table: String, count: Int) -> String {
        "DELETE FROM \(table) WHERE _id IN (\(ids(count)))"
    }

    /// `count` id placeholders, for an `IN (…)` list.
    static func ids(_ count: Int) -> String { repeated(id, count) }

    private static func placeholder(_ column: String) -> String {
        column == "embedding" ? "CAST(? AS BINARY)" : "?"
    }

    private static func repeated(_ text: String, _ count: Int) -> String {
        Array(repeating: text, count: count).joined(separator: ", ")
    }
}
