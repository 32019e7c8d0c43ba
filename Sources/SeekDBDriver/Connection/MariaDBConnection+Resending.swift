import Logging

/// Statements the server may refuse for a moment: schema changes while other sessions change the
/// schema, and writes it rolls back while its schema work holds their locks. Each helper sends the
/// statement again only when the refusal means that nothing was done.
extension MariaDBConnection {
    /// `true` for an error on DDL that the server calls transient: 5627, 4023, and a 4012
    /// "Timeout" of the server's own DDL machinery. seekdb runs schema changes one at a time;
    /// with many queued (dozens of collections created or dropped at once, more on a busy
    /// machine), a `DROP TABLE` fails after about 10 s with a bare "Timeout", whatever the
    /// session's statement timeout. The statement timeout itself says "query has reached the
    /// maximum query timeout" and is not transient.
    package static func isTransientDDLError(_ error: DriverError) -> Bool {
        if MariaDBErrorNumber.schemaNotReady.contains(error.number) { return true }
        return error.number == MariaDBErrorNumber.queryTimeout && !error.message.contains("maximum query timeout")
    }

    /// Runs a DDL statement, sending it again while seekdb answers a transient error
    /// (``isTransientDDLError(_:)``): up to 5 attempts (pausing 100, 200, … ms), or with a
    /// `budget`, for as long as the budget lasts (pauses of at most 1 s). Other errors are
    /// thrown at once.
    ///
    /// Every statement sent here must be safe to repeat: `IF [NOT] EXISTS` forms, or a
    /// `CREATE TABLE` of a table whose name is unique to the call. A retried `CREATE TABLE`
    /// that finds its table (1050) counts as done: the earlier attempt created it although it
    /// reported an error.
    package func executeDDL(_ sql: String, budget: Duration? = nil, logger: Logger) async throws {
        let deadline = budget.map { ContinuousClock.now + $0 }
        for attempt in 1... {
            do {
                _ = try await query(sql, logger: logger)
                return
            } catch let error as DriverError where Self.isTransientDDLError(error) {
                let pause = Duration.milliseconds(100 * min(attempt, 10))
                let again = deadline.map { ContinuousClock.now + pause < $0 } ?? (attempt < 5)
                guard again else { throw error }
                logger.debug(
                    "seekdb reported a transient error on a DDL statement; sending it again",
                    metadata: [
                        "attempt": "\(attempt)", "seekdb.error": "\(error.number) \(error.message)"
                    ])
                try await Task.sleep(for: pause)
            } catch let error as DriverError where error.number == MariaDBErrorNumber.tableExists && attempt > 1 {
                logger.debug("a retried CREATE TABLE found its table: the earlier attempt created it")
                return
            }
        }
    }

    /// Runs a write in autocommit mode, sending it again while the server refuses it and rolls
    /// it back (``MariaDBErrorNumber/refusedAndRolledBack``): a refused statement changed
    /// nothing. Up to 5 attempts, pausing 100, 200, … ms, within `budget`.
    package func executeResendingRefusals(
        _ sql: String, _ parameters: [SQLValue], budget: Duration,
        logger: Logger
    ) async throws {
        let deadline = ContinuousClock.now + budget
        for attempt in 1... {
            do {
                _ = try await execute(sql, parameters, logger: logger)
                return
            } catch let error as DriverError where MariaDBErrorNumber.refusedAndRolledBack.contains(error.number) {
                let pause = Duration.milliseconds(100 * attempt)
                guard attempt < 5, ContinuousClock.now + pause < deadline else { throw error }
                logger.debug(
                    "seekdb refused a write; sending it again",
                    metadata: [
                        "attempt": "\(attempt)", "seekdb.error": "\(error.number) \(error.message)"
                    ])
                try await Task.sleep(for: pause)
            }
        }
    }

    /// Runs `body` with a session setting changed by the statement `set`, then runs `restore`.
    /// If the setting cannot be put back, the connection is closed (a pool then replaces it), so
    /// no later statement runs with the changed setting. `body`'s error is thrown after the
    /// restore.
    package nonisolated func withSessionSetting<R>(
        _ set: String, restore: String, logger: Logger,
        _ body: () async throws -> R
    ) async throws -> R {
        _ = try await query(set, logger: logger)
        let result: R
        do {
            result = try await body()
        } catch {
            await restoreSetting(restore, logger: logger)
            throw error
        }
        await restoreSetting(restore, logger: logger)
        return result
    }

    private nonisolated func restoreSetting(_ restore: String, logger: Logger) async {
        do {
            _ = try await query(restore, logger: logger)
        } catch {
            logger.debug("could not restore a session setting; closing the connection", metadata: ["seekdb.error": "\(error)"])
            await close()
        }
    }
}
