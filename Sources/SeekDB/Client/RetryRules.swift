import SeekDBDriver

/// What repeating a call can do, which decides the failures it is retried after
/// (``RetryPolicy``).
enum RetrySafety: Sendable {
    /// Reads nothing but records: any transient failure, statement timeouts included.
    case read
    /// A write whose repetition leaves the same records (update and upsert without conditions,
    /// delete): retried also when the client cannot know whether the server applied it.
    case idempotentWrite
    /// A write that may differ when repeated (add, conditional writes, update(where:)): retried
    /// only when the server is known to have applied nothing.
    case write
    /// Never retried (raw SQL, schema changes).
    case never
}

/// Where an attempt failed, as far as the client can tell what the server applied.
enum AttemptPhase: Sendable {
    /// Before any statement was sent (opening or leasing a connection).
    case notSent
    /// Inside an explicit transaction, before `COMMIT` was sent: the server applies nothing of it.
    case beforeCommit
    /// During an autocommitted statement or the `COMMIT`: applied or not, the client cannot tell.
    case outcomeUnknown
}

/// A driver error of one attempt, with where it happened.
struct AttemptFailure: Error {
    var error: DriverError
    var phase: AttemptPhase
}

enum RetryRules {
    /// Server errors that refuse a statement and roll it back: the work can be sent again.
    static let refusedAndRolledBack = MariaDBErrorNumber.refusedAndRolledBack

    /// Server errors that mean it is still applying a schema change (a new table or database not
    /// yet visible to every part of it) and did nothing. They pass within a few seconds, longer on
    /// a busy server, so they are retried for the whole time budget, not only a few attempts.
    static let schemaNotReady = MariaDBErrorNumber.schemaNotReady

    /// The attempts `policy` allows after `failure`: without limit (within the budget) while the
    /// server's schema is not ready, unless the policy never retries.
    static func attemptLimit(after failure: AttemptFailure, policy: RetryPolicy) -> Int {
        policy.maximumAttempts > 1 && schemaNotReady.contains(failure.error.number) ? Int.max : policy.maximumAttempts
    }

    /// Client errors that mean the session is gone (lost, gone away, killed).
    static let sessionLost: Set<UInt32> = [
        MariaDBErrorNumber.serverGoneAway, MariaDBErrorNumber.serverLost,
        MariaDBErrorNumber.serverLostExtended, MariaDBErrorNumber.sessionInterrupted
    ]

    /// Client errors of opening a connection that a restarting server causes.
    static let serverUnreachable: Set<UInt32> = [
        MariaDBErrorNumber.connectionError, MariaDBErrorNumber.connectionHostError,
        MariaDBErrorNumber.serverGoneAway, MariaDBErrorNumber.serverLost, MariaDBErrorNumber.serverLostExtended
    ]

    /// Why a failed attempt may be sent again, or `nil` when it must not be.
    static func reason(toRetry failure: AttemptFailure, safety: RetrySafety) -> String? {
        let number = failure.error.number
        switch safety {
        case .never:
            return nil
        case .read, .idempotentWrite, .write:
            break
        }
        if failure.phase == .notSent {
            // A server that is restarting refuses connections or drops them during the handshake;
            // authentication and configuration errors are not transient.
            guard failure.error.kind == .connect, serverUnreachable.contains(number) else { return nil }
            return "no connection could be opened"
        }
        if refusedAndRolledBack.contains(number) { return "the server refused the statement and rolled it back" }
        if sessionLost.contains(number) {
            switch (failure.phase, safety) {
            case (.beforeCommit, _): return "the connection was lost before COMMIT; the server rolled the transaction back"
            case (_, .read), (_, .idempotentWrite): return "the connection was lost; sending the call again gives the same records"
            default: return nil
            }
        }
        if number == MariaDBErrorNumber.queryTimeout, safety == .read { return "a read reached the statement timeout" }
        return nil
    }
}
