/// SQL text for the batched writes of `update` and `upsert`. Only placeholders carry values;
/// the table name comes from the catalog and column names from ``ChangedFields``.
///
/// The update form was chosen by measurement (`Benchmarks/UpdateForms`, 1,000 rows, 500 per
/// statement, seekdb 1.4.0): `UPDATE … JOIN (SELECT … UNION ALL …)` took 190 ms with 384-d
/// embeddings and 60 ms for metadata only; `INSERT … ON DUPLICATE KEY UPDATE` 193 ms and
/// 174 ms; one `UPDATE` per row 6,478 ms and 7,340 ms. `JOIN (VALUES ROW(…))` is refused by
/// the server for bound parameters (error 1235), and `CASE` cannot carry vectors (1210).
enum WriteStatements {
    /// Locks the existing rows among `count` ids and returns their ids.
    static func lockExisting(table: String, count: Int) -> String {
        "SELECT _id FROM \(table) WHERE _id IN (\(StatementChunker.repeated("?", count: count))) FOR UPDATE"
    }

    /// Sets `fields` on `rows` existing records. Parameters per row: id, then the fields in
    /// column order.
    static func update(table: String, fields: ChangedFields, rows: Int, metadataMode: MetadataUpdateMode) -> String {
        let columns = fields.columns
        let firstRow = (["? AS _id"] + columns.map { "\(placeholder(for: $0)) AS \($0)" }).joined(separator: ", ")
        let otherRow = rowPlaceholders(columns)
        var derived = "SELECT \(firstRow)"
        if rows > 1 {
            derived += StatementChunker.repeated(" UNION ALL SELECT \(otherRow)", count: rows - 1, separator: "")
        }
        let assignments = columns.map { column in
            if column == "metadata" && metadataMode == .merge {
                return "t.metadata = JSON_MERGE_PATCH(COALESCE(t.metadata, '{}'), CAST(v.metadata AS JSON))"
            }
            return "t.\(column) = v.\(column)"
        }
        return "UPDATE \(table) t JOIN (\(derived)) v ON t._id = v._id SET \(assignments.joined(separator: ", "))"
    }

    /// Inserts `rows` records, updating `fields` of those that exist. Parameters per row: id,
    /// then the fields in column order. Columns not in `fields` stay `NULL` on new rows and
    /// unchanged on existing ones.
    static func upsert(table: String, fields: ChangedFields, rows: Int, metadataMode: MetadataUpdateMode) -> String {
        let columns = fields.columns
        let values = StatementChunker.repeated("(\(rowPlaceholders(columns)))", count: rows)
        let assignments = columns.map { column in
            if column == "metadata" && metadataMode == .merge {
                return "metadata = JSON_MERGE_PATCH(COALESCE(metadata, '{}'), VALUES(metadata))"
            }
            return "\(column) = VALUES(\(column))"
        }
        return "INSERT INTO \(table) (_id, \(columns.joined(separator: ", "))) VALUES \(values) ON DUPLICATE KEY UPDATE \(assignments.joined(separator: ", "))"
    }

    /// `?, ?, CAST(? AS BINARY)` for an id and `columns`.
    private static func rowPlaceholders(_ columns: [String]) -> String {
        (["?"] + columns.map(placeholder(for:))).joined(separator: ", ")
    }

    /// Vectors travel as float32 bytes, which the server reads into a VECTOR column from a binary value.
    private static func placeholder(for column: String) -> String {
        column == "embedding" ? "CAST(? AS BINARY)" : "?"
    }
}
