import Foundation
import SeekDBDriver

extension SeekDBError {
    /// Turns a driver error into the public error, naming the collection where one is known.
    ///
    /// - Parameters:
    ///   - collection: the collection the statement worked on, for permission messages.
    ///   - table: that collection's table name, which the server names in its messages.
    init(_ error: DriverError, collection: String? = nil, table: String? = nil) {
        let server = ServerError(number: error.number, sqlState: error.sqlState, message: error.message)
        let number = error.number
        typealias N = MariaDBErrorNumber
        switch error.kind {
        case .poolClosed:
            self.init(.clientClosed, "the client is closed")
            return
        case .closed:
            self.init(.connectionClosed, "the connection is closed", serverError: server)
            return
        case .connect:
            switch number {
            case N.accessDenied:
                self.init(.authenticationFailed, "the server refused the user name or password", serverError: server)
            case N.unknownDatabase:
                self.init(.databaseNotFound, "the database does not exist", serverError: server)
            case N.accessDeniedToDatabase:
                self.init(.permissionDenied, "the user may not use this database", serverError: server)
            case N.sslConnectionError:
                self.init(.tlsFailed, "TLS could not be established: \(error.message)", serverError: server)
            default:
                self.init(.connectionFailed, "could not connect to the server: \(error.message)", serverError: server)
            }
            return
        case .client:
            self.init(.server, error.message, serverError: nil)
            return
        case .statement:
            break
        }
        switch number {
        case N.tableAccessDenied, N.columnAccessDenied, N.accessDeniedToDatabase:
            self.init(.permissionDenied, Self.permissionMessage(error.message, collection: collection, table: table), serverError: server)
        case N.duplicateEntry:
            self.init(.duplicateKey, "a record with the same id already exists", serverError: server)
        case N.noSuchTable:
            self.init(
                .unknownTable, collection.map { "the table of collection '\($0)' does not exist" } ?? "a table does not exist",
                serverError: server)
        case N.inconsistentDimension:
            self.init(.dimensionMismatch, "the server rejected a vector: \(error.message)", serverError: server)
        case N.invalidArgument:
            self.init(
                .dimensionMismatch,
                "the server rejected a vector argument (1210 Invalid argument): its length does not match the collection's dimension",
                serverError: server)
        case N.sessionInterrupted:
            self.init(
                .connectionClosed, "the server ended the session while the statement ran (it was killed): \(error.message)",
                serverError: server)
        case N.serverGoneAway, N.serverLost, N.serverLostExtended, N.commandsOutOfSync, N.malformedPacket:
            if error.message.lowercased().contains("timeout") || error.message.lowercased().contains("timed out") {
                self.init(.timeout, "the server did not answer in time: \(error.message)", serverError: server)
            } else {
                self.init(.connectionClosed, "the connection to the server was lost: \(error.message)", serverError: server)
            }
        case N.queryTimeout:
            self.init(.timeout, Self.queryTimeoutMessage(error.message), serverError: server)
        case N.lockWaitTimeout:
            // seekdb bounds a row-lock wait by the statement timeout.
            self.init(
                .timeout,
                "another transaction held a row lock until the statement timeout (ob_query_timeout) ran out; raise it with "
                    + "SeekDBClient.Configuration.options.queryTimeout. Server: \(error.message)",
                serverError: server)
        case N.queryInterrupted:
            self.init(.cancelled, "the statement was interrupted (its task was cancelled)", serverError: server)
        default:
            self.init(.server, error.message, serverError: server)
        }
    }

    /// 4012 names the timeout the statement ran into and how to raise it. The server's message
    /// ("Timeout, query has reached the maximum query timeout: 10000000(us), …") gives the
    /// value in microseconds.
    static func queryTimeoutMessage(_ serverMessage: String) -> String {
        var limit = "its statement timeout"
        if let marker = serverMessage.range(of: "(us)") {
            let digits = serverMessage[..<marker.lowerBound].reversed().prefix { $0.isNumber }
            if let micros = Int64(String(digits.reversed())) {
                limit = "its statement timeout of \(StatementTimeouts.describe(.microseconds(micros)))"
            }
        }
        return
            "the server stopped the statement at \(limit) (ob_query_timeout); raise it with "
            + "SeekDBClient.Configuration.options.queryTimeout (options.ddlTimeout for creating or deleting collections and "
            + "refreshing indexes). Server: \(serverMessage)"
    }

    /// "UPDATE command denied to user 'ro'@'%' for table 'c$v2$…'" becomes a message that
    /// names the privilege, the user and the collection, with the GRANT that would fix it.
    ///
    /// - Parameter privilege: the privilege to name when the server's message names another
    ///   (seekdb refuses `SELECT … FOR UPDATE` as "SELECT command denied" when UPDATE is missing).
    static func permissionMessage(
        _ serverMessage: String, collection: String?, table: String?,
        privilege: String? = nil
    ) -> String {
        let privilege = privilege ?? serverMessage.split(separator: " ").first.map(String.init) ?? "the required"
        var user = "the current user"
        if let start = serverMessage.range(of: "to user "),
            let end = serverMessage.range(of: " for table", range: start.upperBound..<serverMessage.endIndex)
        {
            user = String(serverMessage[start.upperBound..<end.lowerBound])
        } else if let start = serverMessage.range(of: "for user ") {
            user = String(serverMessage[start.upperBound...].prefix { $0 != " " })
        }
        let target = collection.map { "collection '\($0)'" } ?? "this table"
        let tableHint = table.map(SQLIdentifier.quoted) ?? "*"
        return
            "\(privilege) privilege denied to user \(user) on \(target); grant it with: GRANT \(privilege) ON <database>.\(tableHint) TO "
            + "\(user)"
    }
}
