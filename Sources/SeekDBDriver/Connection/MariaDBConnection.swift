import CMariaDB
import Logging
import Synchronization

/// One libmariadb connection, pinned to its own serial executor.
///
/// Every C call on the handle runs on the connection's ``QueueExecutor`` and never on Swift's
/// cooperative pool. Methods are synchronous inside (no suspension between the C calls of one
/// statement), so actor reentrancy cannot interleave two statements on the handle.
package actor MariaDBConnection {
    private static let nextLocalID = Atomic<Int>(1)

    private let executor: QueueExecutor
    package nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }

    /// A process-local number used in queue labels and logs.
    package nonisolated let localID: Int
    /// The configuration the connection was opened with (used to open a second connection to cancel).
    package nonisolated let configuration: MariaDBConnection.Configuration

    private var handle: UnsafeMutablePointer<MYSQL>?
    private var statements = StatementCache()
    private var summaries: [String: QuerySummary] = [:]
    /// `CONNECTION_ID()` of the session, the id `KILL QUERY` takes.
    package private(set) var serverConnectionID: UInt64 = 0
    /// Set once the connection can no longer be trusted: lost, closed, or a cancelled query
    /// whose `KILL QUERY` may still arrive. A pool must drop such a connection.
    ///
    /// Readable from any context without a hop to the connection's queue: the pool checks it
    /// on every release.
    package nonisolated var isBroken: Bool { broken.load(ordering: .acquiring) }
    private let broken = Atomic<Bool>(false)

    private init(configuration: MariaDBConnection.Configuration) {
        let localID = MariaDBConnection.nextLocalID.add(1, ordering: .relaxed).oldValue
        self.localID = localID
        self.configuration = configuration
        self.executor = QueueExecutor(label: "seekdb.connection.\(localID)")
    }

    /// Opens a connection. The blocking connect runs on the new connection's own queue.
    ///
    /// - Throws: ``DriverError`` of kind `.connect` (network, TLS, authentication).
    package static func connect(_ configuration: MariaDBConnection.Configuration, logger: Logger) async throws -> MariaDBConnection {
        try Task.checkCancellation()
        let connection = MariaDBConnection(configuration: configuration)
        try await connection.open(logger: logger)
        return connection
    }

    private func open(logger: Logger) throws(DriverError) {
        guard MariaDBLibrary.isInitialized, let handle = mysql_init(nil) else {
            throw DriverError(kind: .connect, number: 2008, message: "libmariadb could not allocate a connection handle")
        }
        applyOptions(to: handle)
        let (host, port, socket): (String?, UInt32, String?) =
            switch configuration.endpoint {
            case .tcp(let host, let port): (host, UInt32(clamping: port), nil)
            case .unixSocket(let path): ("localhost", 0, path)
            }
        let flags = UInt(CLIENT_MULTI_RESULTS) | UInt(CLIENT_FOUND_ROWS)
        let connected = withOptionalCString(host) { host in
            withOptionalCString(configuration.password) { password in
                withOptionalCString(configuration.database) { database in
                    withOptionalCString(socket) { socket in
                        mysql_real_connect(handle, host, configuration.user, password, database, port, socket, flags)
                    }
                }
            }
        }
        if connected == nil {
            let error = DriverError.from(connection: handle, kind: .connect)
            mysql_close(handle)
            throw error
        }
        // Connector/C 3.3 falls back to plain TCP when the server offers no TLS, even with
        // MYSQL_OPT_SSL_ENFORCE, unless the certificate is verified: refuse that session.
        if configuration.tls.required, mysql_get_ssl_cipher(handle) == nil {
            mysql_close(handle)
            throw DriverError(
                kind: .connect, number: MariaDBErrorNumber.sslConnectionError,
                message: "TLS is required, but the server does not support it; the session would not be encrypted")
        }
        self.handle = handle
        do {
            let result = try runText("SELECT CONNECTION_ID()")
            serverConnectionID = result.rows.first?.first?.intValue.map { UInt64(bitPattern: $0) } ?? UInt64(mysql_thread_id(handle))
        } catch {
            close()
            throw DriverError(kind: .connect, number: error.number, sqlState: error.sqlState, message: error.message)
        }
        logger.debug(
            "seekdb connection opened", metadata: ["seekdb.connection.id": "\(localID)", "seekdb.session.id": "\(serverConnectionID)"])
    }

    private func applyOptions(to handle: UnsafeMutablePointer<MYSQL>) {
        _ = cmariadb_set_uint_option(handle, MYSQL_OPT_CONNECT_TIMEOUT, configuration.connectTimeout.wholeSecondsRoundedUp)
        if let read = configuration.readTimeout {
            _ = cmariadb_set_uint_option(handle, MYSQL_OPT_READ_TIMEOUT, read.wholeSecondsRoundedUp)
        }
        if let write = configuration.writeTimeout {
            _ = cmariadb_set_uint_option(handle, MYSQL_OPT_WRITE_TIMEOUT, write.wholeSecondsRoundedUp)
        }
        _ = cmariadb_set_string_option(handle, MYSQL_SET_CHARSET_NAME, "utf8mb4")
        // Never reconnect silently: a reconnect loses the transaction and session state.
        _ = cmariadb_set_bool_option(handle, MYSQL_OPT_RECONNECT, 0)
        let tls = configuration.tls
        if tls.required { _ = cmariadb_set_bool_option(handle, MYSQL_OPT_SSL_ENFORCE, 1) }
        if tls.verifyServerCertificate { _ = cmariadb_set_bool_option(handle, MYSQL_OPT_SSL_VERIFY_SERVER_CERT, 1) }
        if let ca = tls.caFile { _ = cmariadb_set_string_option(handle, MYSQL_OPT_SSL_CA, ca) }
        if let cert = tls.certificateFile { _ = cmariadb_set_string_option(handle, MYSQL_OPT_SSL_CERT, cert) }
        if let key = tls.keyFile { _ = cmariadb_set_string_option(handle, MYSQL_OPT_SSL_KEY, key) }
        for command in configuration.initCommands {
            _ = cmariadb_set_string_option(handle, MYSQL_INIT_COMMAND, command)
        }
    }

    /// Closes the connection (`COM_QUIT`). Safe to call more than once.
    package func close() {
        statements.removeAll()
        if let handle {
            mysql_close(handle)
            self.handle = nil
        }
        broken.store(true, ordering: .releasing)
    }

    isolated deinit {
        statements.removeAll()
        if let handle { mysql_close(handle) }
    }

    // MARK: Statements

    /// Runs `sql` with the text protocol. Use it for statements without values (DDL, `SET`).
    ///
    /// - Throws: `CancellationError` if the task was cancelled before the statement started;
    ///   ``DriverError`` otherwise.
    package func query(_ sql: String, logger: Logger) async throws -> ResultSet {
        try await cancellable(logger: logger, sql: sql) { connection throws(DriverError) in
            try connection.runText(sql)
        }
    }

    /// Runs `sql` as a prepared statement with `parameters` bound to its `?` placeholders.
    /// Prepared statements are cached per connection by their SQL text.
    ///
    /// - Throws: `CancellationError` if the task was cancelled before the statement started;
    ///   ``DriverError`` otherwise.
    package func execute(_ sql: String, _ parameters: [SQLValue], logger: Logger) async throws -> ResultSet {
        try await cancellable(logger: logger, sql: sql) { connection throws(DriverError) in
            try connection.runPrepared(sql, parameters)
        }
    }

    /// Checks that the server still answers (`mysql_ping`).
    package func ping() -> Bool {
        guard let handle, !isBroken else { return false }
        if mysql_ping(handle) == 0 { return true }
        broken.store(true, ordering: .releasing)
        return false
    }

    /// Runs `body` on this connection's executor; a cancellation while it runs sends
    /// `KILL QUERY` from a second connection (again until the statement has returned) and marks
    /// this one broken, since a late KILL could otherwise interrupt the next statement. A
    /// cancellation that comes before `body` starts throws `CancellationError` without sending it.
    private func cancellable(
        logger: Logger, sql: String,
        _ body: (isolated MariaDBConnection) throws(DriverError) -> ResultSet
    ) async throws -> ResultSet {
        try Task.checkCancellation()
        guard handle != nil, !isBroken else {
            throw DriverError.connectionClosed
        }
        logger.trace("seekdb statement", metadata: ["seekdb.connection.id": "\(localID)", "seekdb.sql": "\(sql.prefix(300))"])
        if let hook = StatementTracing.beforeStatement { await hook(sql, serverConnectionID) }
        let request = CancelRequest()
        let sessionID = serverConnectionID
        let configuration = self.configuration
        let started = ContinuousClock.now
        let observation = StatementObservation(summary: summary(of: sql), configuration: configuration)
        let sent: Result<ResultSet, DriverError>? = await withTaskCancellationHandler {
            // A cancellation that came first is not followed by the statement: its KILL QUERY may
            // reach the server before the statement does, and would then interrupt nothing.
            defer { request.markFinished() }
            if request.isCancelled { return nil }
            do throws(DriverError) { return .success(try body(self)) } catch { return .failure(error) }
        } onCancel: {
            guard request.markCancelled() else { return }
            Task.detached {
                await QueryKiller.kill(sessionID: sessionID, configuration: configuration, until: { request.isFinished })
            }
        }
        if request.isCancelled { broken.store(true, ordering: .releasing) }
        guard let result = sent else {
            observation.end(error: nil)
            throw CancellationError()
        }
        switch result {
        case .success(let value):
            observation.end(error: nil)
            return value
        case .failure(var error):
            observation.end(error: error)
            if error.isConnectionBroken { markBroken() }
            // libmariadb reports an expired read timeout as a plain 2013 "Lost connection";
            // name the timeout so callers get a timeout, not a lost connection.
            if error.number == MariaDBErrorNumber.serverLost, let read = configuration.readTimeout,
                ContinuousClock.now - started >= .seconds(Int(read.wholeSecondsRoundedUp)) - .milliseconds(100)
            {
                error.message = "read timeout of \(read.wholeSecondsRoundedUp) s expired (\(error.message))"
            }
            throw error
        }
    }

    /// The statement's ``QuerySummary``, remembered per SQL text (the SDK sends few distinct
    /// texts; the memo is cleared when raw SQL fills it).
    private func summary(of sql: String) -> QuerySummary {
        if let known = summaries[sql] { return known }
        if summaries.count >= 256 { summaries.removeAll(keepingCapacity: true) }
        let summary = QuerySummary(sql: sql)
        summaries[sql] = summary
        return summary
    }

    private func markBroken() {
        broken.store(true, ordering: .releasing)
        statements.removeAll()
    }

    func runText(_ sql: String) throws(DriverError) -> ResultSet {
        guard let handle else { throw DriverError.connectionClosed }
        StatementTracing.counter?.recordExecution(sql)
        let rc = sql.withCString { mysql_real_query(handle, $0, UInt(strlen($0))) }
        if rc != 0 { throw DriverError.from(connection: handle, kind: .statement) }
        var result = try TextResultReader.read(handle)
        while mysql_more_results(handle) != 0 {
            let next = mysql_next_result(handle)
            if next > 0 { throw DriverError.from(connection: handle, kind: .statement) }
            if next < 0 { break }
            let extra = try TextResultReader.read(handle)
            if result.columns.isEmpty { result = extra }
        }
        return result
    }

    private func runPrepared(_ sql: String, _ parameters: [SQLValue]) throws(DriverError) -> ResultSet {
        guard let handle else { throw DriverError.connectionClosed }
        let statement: PreparedStatement
        if let cached = statements.value(for: sql) {
            statement = cached
        } else {
            StatementTracing.counter?.recordPrepare()
            statement = try PreparedStatement(connection: handle, sql: sql)
            statements.insert(statement, for: sql)
        }
        StatementTracing.counter?.recordExecution(sql, parameters: parameters)
        do {
            return try statement.execute(parameters)
        } catch {
            // A failed statement may be left in a state that the next execution trips over.
            statements.remove(sql)
            throw error
        }
    }
}

/// Remembers whether the task asked to cancel while a statement ran.
private final class CancelRequest: Sendable {
    private let cancelled = Atomic<Bool>(false)
    private let finished = Atomic<Bool>(false)
    /// Returns `true` the first time only.
    func markCancelled() -> Bool { !cancelled.exchange(true, ordering: .acquiringAndReleasing) }
    var isCancelled: Bool { cancelled.load(ordering: .acquiring) }
    /// The statement returned (or failed): there is nothing left to interrupt.
    func markFinished() { finished.store(true, ordering: .releasing) }
    var isFinished: Bool { finished.load(ordering: .acquiring) }
}

private func withOptionalCString<R>(_ string: String?, _ body: (UnsafePointer<CChar>?) -> R) -> R {
    guard let string else { return body(nil) }
    return string.withCString { body($0) }
}
