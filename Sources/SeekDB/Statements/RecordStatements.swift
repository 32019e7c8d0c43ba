import SeekDBDriver

/// The SQL text of every statement the SDK sends to a collection's record table: reads, counts,
/// inserts, updates, upserts, deletes and the row lock. Only placeholders carry values; the
/// table name comes from the catalog and column names from ``ChangedFields``.
///
/// Ids are bound as their UTF-8 bytes and read through ``id`` (`CAST(? AS BINARY)`): seekdb
/// types a bare binary parameter as text and then compares `_id` through a cast, which makes it
/// scan the whole table; with the cast the server looks the id up in the primary key, and the
/// comparison stays byte-exact. `Tests/SeekDBIntegrationTests/PrimaryKeyPlanTests.swift` reads
/// the server's plan of each by-id statement to keep it that way.
///
/// The update form was chosen by measurement (`Benchmarks/UpdateForms`): `UPDATE … JOIN
/// (SELECT … UNION ALL …)` is the fastest batched form seekdb accepts with bound parameters;
/// `JOIN (VALUES ROW(…))` is refused for bound parameters (error 1235), and `CASE` cannot carry
/// vectors (1210).
struct RecordStatements: Sendable {
    /// The record table, quoted for SQL.
    let table: String
    /// The metadata key every write sets to the server's time (``SeekDBCollection/with(timestampKey:)``;
    /// validated there: ASCII letters, digits, `_`, `-`), or `nil`.
    var timestampKey: String? = nil

    /// The placeholder of an id: bound as bytes, read as binary so the primary key is used.
    static let id = "CAST(? AS BINARY)"
    /// The placeholder of a vector: little-endian float32 bytes, which the server reads into a
    /// VECTOR column from a binary value.
    static let vector = "CAST(? AS BINARY)"

    /// `JSON_MERGE_PATCH` of `patch` onto `target`, starting from `{}` when `target` is NULL:
    /// the RFC 7396 merge every metadata merge uses.
    static func mergePatch(into target: String, patch: String) -> String {
        "JSON_MERGE_PATCH(COALESCE(\(target), CAST('{}' AS JSON)), \(patch))"
    }

    /// The server's current time as UTC ISO 8601 with milliseconds (`2026-11-30T02:02:46.709Z`),
    /// the form `MetadataEncoder` writes a `Date` in; one value for the whole statement.
    static let serverTime = "CONCAT(SUBSTRING(DATE_FORMAT(UTC_TIMESTAMP(6), '%Y-%m-%dT%H:%i:%s.%f'), 1, 23), 'Z')"

    /// `metadata`, an expression of JSON (or SQL NULL), with ``timestampKey`` set to
    /// ``serverTime``; unchanged without a key.
    func stamped(_ metadata: String) -> String {
        guard let timestampKey else { return metadata }
        return "JSON_SET(COALESCE(\(metadata), JSON_OBJECT()), '$.\"\(timestampKey)\"', \(Self.serverTime))"
    }

    /// The bound value of an id: its UTF-8 bytes, so canonically equivalent spellings stay
    /// distinct records.
    static func idValue(_ id: String) -> SQLValue {
        .bytes(Array(id.utf8))
    }

    /// The bound values of an id list, padded by repeating the last id up to the next power of
    /// two (at most ``StatementChunker/maximumIDRows``), so `IN (…)` lists come in a few lengths:
    /// the statement text repeats and the connection's prepared statement is reused instead of
    /// the server preparing a new one for every list length. A repeated id changes nothing in
    /// an `IN` list.
    static func idValues(_ ids: some Collection<String>) -> [SQLValue] {
        padded(ids.map(idValue))
    }

    /// Id values (as read from `_id`, or from ``idValue(_:)``) padded as ``idValues(_:)`` pads them.
    static func padded(_ values: [SQLValue]) -> [SQLValue] {
        var values = values
        guard let last = values.last else { return values }
        var size = 1
        while size < values.count { size *= 2 }
        size = max(values.count, min(size, StatementChunker.maximumIDRows))
        values.append(contentsOf: repeatElement(last, count: size - values.count))
        return values
    }

    /// `CAST(? AS BINARY), …` for `count` ids.
    static func idList(_ count: Int) -> String {
        StatementChunker.repeated(id, count: count)
    }

    // MARK: Reads

    /// `columns` of the records among `count` ids, restricted further by `filter` (an ` AND (…)`
    /// clause or empty).
    func select(_ columns: String, ids count: Int, filter: String = "") -> String {
        "SELECT \(columns) FROM \(table) WHERE _id IN (\(Self.idList(count)))\(filter)"
    }

    /// A page of `columns` in the server's order, with `condition` (a ` WHERE …` clause or
    /// empty); parameters end with the limit and the offset.
    func selectPage(_ columns: String, condition: String) -> String {
        "SELECT \(columns) FROM \(table)\(condition) LIMIT ? OFFSET ?"
    }

    func count() -> String {
        "SELECT COUNT(*) FROM \(table)"
    }

    /// The nearest records to a bound vector: `columns`, then the `distance` expression (whose
    /// parameter, the vector, comes first) as `distance`, where every one of `conditions` holds,
    /// ordered by distance through the vector index (`APPROXIMATE`) or exactly. Parameters: the
    /// vector, the conditions', then the limit.
    func nearest(_ columns: String, distance: String, conditions: [String], approximate: Bool) -> String {
        let filter = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
        return "SELECT \(columns), \(distance) AS distance FROM \(table)\(filter) ORDER BY distance"
            + (approximate ? " APPROXIMATE" : "") + " LIMIT ?"
    }

    /// seekdb's hybrid search (full text and vector, fused by rank). Parameters: the table's
    /// name (unquoted) and the search JSON.
    static let hybridSearch = "SELECT DBMS_HYBRID_SEARCH.SEARCH(?, ?)"

    /// Locks the existing rows among `count` ids and returns their ids; with a `condition`
    /// (the SQL of a filter), also whether each row matches it (1 or 0), in a second column. The
    /// condition's parameters come before the ids.
    /// With `document`, the stored document follows in the last column.
    func lockExisting(ids count: Int, condition: String? = nil, document: Bool = false) -> String {
        let matches = condition.map { ", (\($0)) IS TRUE" } ?? ""
        let documentColumn = document ? ", document" : ""
        return "SELECT _id\(matches)\(documentColumn) FROM \(table) WHERE _id IN (\(Self.idList(count))) FOR UPDATE"
    }

    /// The ids among `rows` (id, embedding) pairs whose stored embedding equals the given one,
    /// compared exactly by the server (the text it prints has about 6 significant digits, so
    /// the client cannot compare). Parameters per row: id, embedding. The pairs are a derived
    /// table joined on the primary key, the form `UPDATE … JOIN` uses: measured on 10,000
    /// records, 2.3× faster than one primary-key `SELECT` per pair joined by `UNION ALL`. The
    /// comparison must be in the `ON` clause: in a `WHERE` clause seekdb 1.4.0 refuses it
    /// (error 5083) when the derived table has few rows. Sent after the rows are locked, so the
    /// answer holds until the transaction ends.
    func equalEmbeddings(rows: Int) -> String {
        let first = "SELECT \(Self.id) AS _id, \(Self.vector) AS embedding"
        let other = " UNION ALL SELECT \(Self.id), \(Self.vector)"
        return "SELECT t._id FROM \(table) t JOIN (\(first)\(String(repeating: other, count: rows - 1))) v "
            + "ON t._id = v._id AND t.embedding = v.embedding"
    }

    // MARK: Writes

    /// Inserts `rows` complete records. Parameters per row: id, document, metadata, embedding.
    func insert(rows: Int) -> String {
        insert(fields: [.document, .metadata, .embedding], rows: rows)
    }

    /// Inserts `rows` records with only `fields` set (the others are `NULL`). Parameters per
    /// row: id, then the fields in column order.
    /// With a ``timestampKey`` the metadata of every row is stamped, also when `fields` has no
    /// metadata (the row then gets `{key: time}`, without a parameter).
    func insert(fields: ChangedFields, rows: Int) -> String {
        var columns = fields.columns
        var row =
            ([Self.id]
            + columns.map { column in
                column == "metadata" && timestampKey != nil ? stamped("CAST(? AS JSON)") : Self.placeholder(for: column)
            }).joined(separator: ", ")
        if timestampKey != nil && !columns.contains("metadata") {
            columns.append("metadata")
            row += ", " + stamped("NULL")
        }
        let values = StatementChunker.repeated("(\(row))", count: rows)
        return "INSERT INTO \(table) (_id, \(columns.joined(separator: ", "))) VALUES \(values)"
    }

    /// Sets `fields` on `rows` existing records, only where `condition` (the SQL of a filter on
    /// the record's columns) holds. Parameters per row: id, then the fields in column order; then
    /// the condition's. The derived table's columns are named `new_…`, so a condition's
    /// `metadata` and `document` mean the stored record's.
    func update(fields: ChangedFields, rows: Int, metadataMode: MetadataUpdateMode, condition: String? = nil) -> String {
        let columns = fields.columns
        let firstRow = (["\(Self.id) AS new_id"] + columns.map { "\(Self.placeholder(for: $0)) AS new_\($0)" })
            .joined(separator: ", ")
        var derived = "SELECT \(firstRow)"
        if rows > 1 {
            derived += StatementChunker.repeated(" UNION ALL SELECT \(Self.rowPlaceholders(fields))", count: rows - 1, separator: "")
        }
        var assignments = columns.map { column in
            if column == "metadata" && metadataMode == .merge {
                return "t.metadata = \(stamped(Self.mergePatch(into: "t.metadata", patch: "CAST(v.new_metadata AS JSON)")))"
            }
            if column == "metadata" && timestampKey != nil {
                return "t.metadata = \(stamped("CAST(v.new_metadata AS JSON)"))"
            }
            return "t.\(column) = v.new_\(column)"
        }
        if timestampKey != nil && !columns.contains("metadata") { assignments.append("t.metadata = \(stamped("t.metadata"))") }
        let filter = condition.map { " WHERE \($0)" } ?? ""
        return "UPDATE \(table) t JOIN (\(derived)) v ON t._id = v.new_id SET \(assignments.joined(separator: ", "))\(filter)"
    }

    /// Inserts `rows` records, updating `fields` of those that exist. Parameters per row: id,
    /// then the fields in column order. Columns not in `fields` stay `NULL` on new rows and
    /// unchanged on existing ones.
    func upsert(fields: ChangedFields, rows: Int, metadataMode: MetadataUpdateMode) -> String {
        var assignments = fields.columns.map { column in
            if column == "metadata" && metadataMode == .merge {
                // VALUES(metadata) carries the stamp already (see insert(fields:rows:)).
                return "metadata = \(Self.mergePatch(into: "metadata", patch: "VALUES(metadata)"))"
            }
            return "\(column) = VALUES(\(column))"
        }
        if timestampKey != nil && !fields.columns.contains("metadata") { assignments.append("metadata = \(stamped("metadata"))") }
        return insert(fields: fields, rows: rows) + " ON DUPLICATE KEY UPDATE \(assignments.joined(separator: ", "))"
    }

    /// The ids of the records matching `condition` (a ` WHERE …` clause or empty), in key
    /// order, locked until the transaction ends when `lock` is set.
    func selectIDs(condition: String, lock: Bool) -> String {
        "SELECT _id FROM \(table)\(condition) ORDER BY _id" + (lock ? " FOR UPDATE" : "")
    }

    /// ``updateMetadata(condition:mode:)`` for the records among `count` ids.
    func updateMetadata(ids count: Int, mode: MetadataUpdateMode) -> String {
        updateMetadata(condition: " WHERE _id IN (\(Self.idList(count)))", mode: mode)
    }

    /// Sets the metadata of every record matching `condition` (a ` WHERE …` clause) to the
    /// bound JSON text, or merges it in. The first parameter is the JSON text.
    func updateMetadata(condition: String, mode: MetadataUpdateMode) -> String {
        let newValue =
            switch mode {
            case .merge: Self.mergePatch(into: "metadata", patch: "CAST(? AS JSON)")
            case .replace: "CAST(? AS JSON)"
            }
        return "UPDATE \(table) SET metadata = \(stamped(newValue))\(condition)"
    }

    /// Deletes the records among `count` ids that also match `filter` (an ` AND (…)` clause or empty).
    func delete(ids count: Int, filter: String = "") -> String {
        "DELETE FROM \(table) WHERE _id IN (\(Self.idList(count)))\(filter)"
    }

    /// Deletes the records matching `condition` (a ` WHERE …` clause).
    func delete(condition: String) -> String {
        "DELETE FROM \(table)\(condition)"
    }

    // MARK: Placeholders

    /// `CAST(? AS BINARY), ?, CAST(? AS BINARY)` for an id and `fields`.
    private static func rowPlaceholders(_ fields: ChangedFields) -> String {
        ([id] + fields.columns.map(placeholder(for:))).joined(separator: ", ")
    }

    private static func placeholder(for column: String) -> String {
        column == "embedding" ? vector : "?"
    }
}
