/// An error reported by libmariadb or the server, as the driver saw it.
///
/// The public `SeekDBError` is built from this by the `SeekDB` module; this type keeps the raw
/// facts: what the driver was doing, the error number, SQLSTATE and message.
package struct DriverError: Error, Sendable, CustomStringConvertible {
    package enum Kind: Sendable, Hashable {
        /// Opening the connection failed (network, TLS or authentication).
        case connect
        /// A statement failed on the server or in the client library.
        case statement
        /// The connection was closed by this process (`close()` was called) or broke earlier.
        case closed
        /// The pool (the client) was closed: no connection is handed out any more.
        case poolClosed
        /// The driver cannot hand the result to Swift (for example an unexpected column layout).
        case client
    }

    package var kind: Kind
    /// `mysql_errno`: a server error (1xxx, 3xxx, 4xxx, 7xxx…) or a client error (2xxx).
    package var number: UInt32
    /// `mysql_sqlstate`, for example `42000`.
    package var sqlState: String
    /// `mysql_error`: the message of the server or the client library.
    package var message: String

    package init(kind: Kind, number: UInt32 = 0, sqlState: String = "HY000", message: String) {
        self.kind = kind
        self.number = number
        self.sqlState = sqlState
        self.message = message
    }

    /// True for the client errors that mean the connection can no longer be used
    /// (2006 server gone away, 2013 lost connection, 2055 lost connection at reading, 2014/2027
    /// protocol out of sync).
    package var isConnectionBroken: Bool {
        if kind == .closed || kind == .poolClosed { return true }
        return MariaDBErrorNumber.brokenConnection.contains(number)
    }

    /// A statement asked of a connection that is closed or broken.
    package static let connectionClosed = DriverError(
        kind: .closed, number: MariaDBErrorNumber.serverGoneAway,
        message: "the connection is closed")
    /// A connection asked of a closed pool.
    package static let poolClosed = DriverError(kind: .poolClosed, message: "the client is closed")

    package var description: String {
        "DriverError(\(kind), \(number), \(sqlState)): \(message)"
    }
}
