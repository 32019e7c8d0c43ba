import Logging
import SeekDBDriver

/// The server statement timeouts a session switches between: the client's own for reads and
/// writes, and a longer one for schema changes (``SeekDBClient/Configuration/Options/ddlTimeout``).
struct StatementTimeouts: Sendable, Hashable {
    /// For schema changes and index refreshes.
    var ddl: Duration
    /// The session's own (``SeekDBClient/Configuration/Options/queryTimeout``); `nil` is the
    /// server's default.
    var session: Duration?

    /// Sets the schema-change timeout for the session.
    var setDDL: String { "SET SESSION ob_query_timeout = \(SeekDBClient.Configuration.microseconds(ddl))" }

    /// Puts the session's own timeout back: the configured one, or the server's default.
    var restoreSession: String {
        session.map { "SET SESSION ob_query_timeout = \(SeekDBClient.Configuration.microseconds($0))" }
            ?? "SET SESSION ob_query_timeout = DEFAULT"
    }

    /// "120 s", "1.5 s".
    static func describe(_ duration: Duration) -> String {
        let micros = SeekDBClient.Configuration.microseconds(duration)
        if micros % 1_000_000 == 0 { return "\(micros / 1_000_000) s" }
        return "\(Double(micros) / 1_000_000) s"
    }
}

extension MariaDBConnection {
    /// seekdb's "Schema try again": its schema service is busy with another DDL statement and
    /// asks the client to send the statement again.
    static let schemaTryAgain: UInt32 = 5627
    /// OceanBase's OB_EAGAIN "Try again": a transient state of the server (a leader or schema
    /// change in progress).
    static let tryAgain: UInt32 = 4023

    /// Server errors on DDL that the server calls transient: the statement is sent again.
    static let transientDDLErrors: Set<UInt32> = [schemaTryAgain, tryAgain]

    /// `true` for an error the server calls transient: 5627, 4023, and a 4012 "Timeout" of the
    /// server's own DDL machinery. seekdb runs schema changes one at a time; with many queued
    /// (dozens of collections created or dropped at once, more on a busy machine), a
    /// `DROP TABLE` fails after about 10 s with a bare "Timeout", whatever the session's
    /// statement timeout. The statement timeout itself says "query has reached the maximum
    /// query timeout" and is not retried.
    static func isTransientDDLError(_ error: DriverError) -> Bool {
        if transientDDLErrors.contains(error.number) { return true }
        return error.number == MariaDBErrorNumber.queryTimeout && !error.message.contains("maximum query timeout")
    }

    /// Runs a DDL statement, sending it again while seekdb answers a transient error
    /// (``isTransientDDLError(_:)``), which happens when DDL from other sessions runs at the
    /// same moment: up to 5 attempts (pausing 100, 200, … ms), or with a `budget`, for as long
    /// as the budget lasts (pauses of at most 1 s). Other errors are thrown at once.
    ///
    /// Every statement sent here must be safe to repeat: `IF [NOT] EXISTS` forms, or a
    /// `CREATE TABLE` of a table whose name is unique to the call. A retried `CREATE TABLE`
    /// that finds its table (1050) counts as done: the earlier attempt created it although it
    /// reported an error.
    func executeDDL(_ sql: String, budget: Duration? = nil, logger: Logger) async throws {
        let deadline = budget.map { ContinuousClock.now + $0 }
        for attempt in 1... {
            do {
                _ = try await query(sql, logger: logger)
                return
            } catch let error as DriverError where Self.isTransientDDLError(error) {
                let pause = Duration.milliseconds(100 * min(attempt, 10))
                let again = deadline.map { ContinuousClock.now + pause < $0 } ?? (attempt < 5)
                guard again else { throw error }
                logger.debug("seekdb reported a transient error on a DDL statement; sending it again", metadata: [
                    "attempt": "\(attempt)", "seekdb.error": "\(error.number) \(error.message)",
                ])
                try await Task.sleep(for: pause)
            } catch let error as DriverError where error.number == MariaDBErrorNumber.tableExists && attempt > 1 {
                logger.debug("a retried CREATE TABLE found its table: the earlier attempt created it")
                return
            }
        }
    }

    /// Runs a catalog write (the `sdk_collections` row of a create, fork or delete), sending it
    /// again while the server refuses it and rolls it back (1205, 1213, 5627, 4023): with many
    /// collections created and deleted at once, seekdb's schema work holds the catalog's locks
    /// and the row write times out waiting. A refused statement changed nothing, so sending it
    /// again is safe. Up to 5 attempts, pausing 100, 200, … ms, within `budget`.
    func executeCatalogWrite(_ sql: String, _ parameters: [SQLValue], budget: Duration, logger: Logger) async throws {
        let deadline = ContinuousClock.now + budget
        for attempt in 1... {
            do {
                _ = try await execute(sql, parameters, logger: logger)
                return
            } catch let error as DriverError where Self.refusedCatalogErrors.contains(error.number) {
                let pause = Duration.milliseconds(100 * attempt)
                guard attempt < 5, ContinuousClock.now + pause < deadline else { throw error }
                logger.debug("seekdb refused a catalog write; sending it again", metadata: [
                    "attempt": "\(attempt)", "seekdb.error": "\(error.number) \(error.message)",
                ])
                try await Task.sleep(for: pause)
            }
        }
    }

    /// Errors with which the server refuses a catalog write and rolls it back.
    static let refusedCatalogErrors: Set<UInt32> = [
        MariaDBErrorNumber.lockWaitTimeout, MariaDBErrorNumber.deadlock, schemaTryAgain, tryAgain,
    ]

    /// Drops `table`, which this call created, after the call failed (a lost race for the
    /// collection's name, a failed catalog insert). The drop is retried like any DDL statement:
    /// with many schema changes queued, a plain `DROP TABLE` times out and would leave the table
    /// behind. A drop that still fails is logged; the caller throws its own error.
    func dropCreatedTable(_ table: String, budget: Duration, logger: Logger) async {
        do {
            try await executeDDL("DROP TABLE IF EXISTS `\(table)`", budget: budget, logger: logger)
        } catch {
            logger.warning("a table created by a failed call could not be dropped and is left behind",
                           metadata: ["seekdb.table": "\(table)", "seekdb.error": "\(error)"])
        }
    }

    /// Runs `body` (schema changes, index refreshes) with the session's statement timeout
    /// raised to `timeouts.ddl`, then puts the session's own timeout back.
    ///
    /// A statement of `body` that reaches the raised timeout (4012) becomes a
    /// ``SeekDBError/Code/timeout`` naming ``SeekDBClient/Configuration/Options/ddlTimeout``.
    /// If the session's timeout cannot be put back, the connection is closed (the pool then
    /// replaces it), so no later statement runs with the longer timeout.
    nonisolated func withDDLTimeout<R>(_ timeouts: StatementTimeouts, logger: Logger,
                           _ body: () async throws -> R) async throws -> R {
        _ = try await query(timeouts.setDDL, logger: logger)
        let result: R
        do {
            result = try await body()
        } catch let error as DriverError where error.number == MariaDBErrorNumber.queryTimeout {
            await restoreTimeout(timeouts, logger: logger)
            let limit = StatementTimeouts.describe(timeouts.ddl)
            let what = error.message.contains("maximum query timeout")
                ? "a schema change or index refresh ran longer than the DDL timeout of \(limit)"
                : "the server kept timing out a schema change (it runs them one at a time, and many were queued) for the DDL timeout of \(limit)"
            throw SeekDBError(
                .timeout, "\(what); raise SeekDBClient.Configuration.options.ddlTimeout (server: \(error.message))",
                serverError: SeekDBError.ServerError(number: error.number, sqlState: error.sqlState, message: error.message))
        } catch {
            await restoreTimeout(timeouts, logger: logger)
            throw error
        }
        await restoreTimeout(timeouts, logger: logger)
        return result
    }

    private nonisolated func restoreTimeout(_ timeouts: StatementTimeouts, logger: Logger) async {
        do {
            _ = try await query(timeouts.restoreSession, logger: logger)
        } catch {
            logger.debug("could not restore the session's statement timeout; closing the connection",
                         metadata: ["seekdb.error": "\(error)"])
            await close()
        }
    }
}
