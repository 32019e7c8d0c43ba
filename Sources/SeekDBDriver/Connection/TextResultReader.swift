import CMariaDB

/// Reads the current result of a text-protocol statement into Swift values.
enum TextResultReader {
    static func read(_ handle: UnsafeMutablePointer<MYSQL>) throws(DriverError) -> ResultSet {
        guard let result = mysql_store_result(handle) else {
            if mysql_field_count(handle) != 0 { throw DriverError.from(connection: handle, kind: .statement) }
            return ResultSet(affectedRows: mysql_affected_rows(handle), lastInsertID: mysql_insert_id(handle))
        }
        defer { mysql_free_result(result) }
        let count = Int(mysql_num_fields(result))
        guard let fields = mysql_fetch_fields(result) else { return ResultSet() }
        let kinds = (0..<count).map { ColumnKind(field: fields[$0]) }
        var set = ResultSet(columns: (0..<count).map { String(cString: fields[$0].name) })
        set.rows.reserveCapacity(Int(mysql_num_rows(result)))
        while let row = mysql_fetch_row(result) {
            guard let lengths = mysql_fetch_lengths(result) else { break }
            var values = [SQLValue]()
            values.reserveCapacity(count)
            for column in 0..<count {
                if let cell = row[column] {
                    values.append(kinds[column].value(fromText: UnsafeRawBufferPointer(start: cell, count: Int(lengths[column]))))
                } else {
                    values.append(.null)
                }
            }
            set.rows.append(values)
        }
        set.affectedRows = mysql_affected_rows(handle)
        return set
    }
}
