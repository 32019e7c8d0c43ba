import CMariaDB

/// Driver errors read from libmariadb's handles (`mysql_stmt_errno`/`mysql_errno` and friends):
/// the only place that turns the C library's error state into a ``DriverError``.
extension DriverError {
    static func from(statement: UnsafeMutablePointer<MYSQL_STMT>) -> DriverError {
        let number = mysql_stmt_errno(statement)
        return DriverError(
            kind: .statement,
            number: number,
            sqlState: String(cString: mysql_stmt_sqlstate(statement)),
            message: String(cString: mysql_stmt_error(statement))
        )
    }

    static func from(connection: UnsafeMutablePointer<MYSQL>, kind: Kind) -> DriverError {
        DriverError(
            kind: kind,
            number: mysql_errno(connection),
            sqlState: String(cString: mysql_sqlstate(connection)),
            message: String(cString: mysql_error(connection))
        )
    }
}
