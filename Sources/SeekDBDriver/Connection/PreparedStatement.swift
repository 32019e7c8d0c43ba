import CMariaDB

/// A server-side prepared statement (`COM_STMT_PREPARE`), owned by one ``MariaDBConnection``.
///
/// Confined to its connection's executor: never Sendable. Values are bound in the binary
/// protocol, so no value is ever spliced into SQL text.
final class PreparedStatement {
    private let statement: UnsafeMutablePointer<MYSQL_STMT>
    let parameterCount: Int

    /// Prepares `sql` on `connection`.
    init(connection: UnsafeMutablePointer<MYSQL>, sql: String) throws(DriverError) {
        guard let statement = mysql_stmt_init(connection) else {
            throw DriverError.from(connection: connection, kind: .statement)
        }
        let rc = sql.withCString { mysql_stmt_prepare(statement, $0, UInt(strlen($0))) }
        if rc != 0 {
            let error = DriverError.from(statement: statement)
            mysql_stmt_close(statement)
            throw error
        }
        self.statement = statement
        self.parameterCount = Int(mysql_stmt_param_count(statement))
    }

    deinit {
        mysql_stmt_close(statement)
    }

    /// Binds `parameters`, executes, and reads the whole result into Swift values.
    func execute(_ parameters: [SQLValue]) throws(DriverError) -> ResultSet {
        guard parameters.count == parameterCount else {
            throw DriverError(
                kind: .client, message: "statement has \(parameterCount) placeholders but \(parameters.count) values were given")
        }
        var buffers = ParameterBuffers(parameters)
        defer { buffers.deallocate() }
        if parameterCount > 0 {
            let failed = buffers.binds.withUnsafeMutableBufferPointer { mysql_stmt_bind_param(statement, $0.baseAddress) }
            if failed != 0 { throw DriverError.from(statement: statement) }
        }
        if mysql_stmt_execute(statement) != 0 {
            throw DriverError.from(statement: statement)
        }
        defer { mysql_stmt_free_result(statement) }
        var result = ResultSet()
        if let metadata = mysql_stmt_result_metadata(statement) {
            defer { mysql_free_result(metadata) }
            try readRows(metadata: metadata, into: &result)
        }
        result.affectedRows = mysql_stmt_affected_rows(statement)
        result.lastInsertID = mysql_stmt_insert_id(statement)
        // A statement can leave further results (CALL); drain them so the next one can run.
        while mysql_stmt_more_results(statement) != 0 {
            if mysql_stmt_next_result(statement) > 0 { throw DriverError.from(statement: statement) }
        }
        return result
    }

    private func readRows(metadata: UnsafeMutablePointer<MYSQL_RES>, into result: inout ResultSet) throws(DriverError) {
        let count = Int(mysql_num_fields(metadata))
        guard let fields = mysql_fetch_fields(metadata) else { return }
        let kinds = (0..<count).map { ColumnKind(field: fields[$0]) }
        result.columns = (0..<count).map { String(cString: fields[$0].name) }
        if mysql_stmt_store_result(statement) != 0 { throw DriverError.from(statement: statement) }

        var output = OutputBuffers(kinds: kinds)
        defer { output.deallocate() }
        let bound = output.binds.withUnsafeMutableBufferPointer { mysql_stmt_bind_result(statement, $0.baseAddress) }
        if bound != 0 { throw DriverError.from(statement: statement) }

        result.rows.reserveCapacity(Int(mysql_stmt_num_rows(statement)))
        while true {
            let rc = mysql_stmt_fetch(statement)
            if rc == MYSQL_NO_DATA { break }
            if rc == 1 { throw DriverError.from(statement: statement) }
            var row = [SQLValue]()
            row.reserveCapacity(count)
            for column in 0..<count {
                row.append(try output.value(at: column, statement: statement))
            }
            result.rows.append(row)
        }
    }
}
