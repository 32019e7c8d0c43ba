/// When the client sends a call again by itself after a transient failure.
///
/// A call is retried only when running it again cannot change what the database ends up
/// holding (see <doc:Retries>):
///
/// - **Always** (every record call, `add` included) when the server refused the work and rolled
///   it back: a lock wait that outlasted its timeout (1205, which is also how seekdb ends a
///   deadlock), a deadlock (1213), "schema try again" (5627), "try again" (4023); and when the
///   connection could not be opened or was lost before `COMMIT` was sent (the server rolls back an
///   open transaction whose session ends).
/// - **Only for calls whose repetition gives the same records** — `get`, `count`, `peek`,
///   `query`, `hybridSearch`, `update(ids:)` and `upsert` without conditions, `delete` — when the
///   connection was lost while a single statement or the `COMMIT` was under way: the client
///   cannot know whether the server applied it, and applying these twice is the same as once.
///   `add`, conditional updates and upserts, and `update(where:)` then fail with
///   ``SeekDBError/Code/connectionClosed``; check the records before sending them again.
/// - **Only for reads**: a statement timeout (4012).
///
/// Raw SQL (``SeekDBClient/execute(_:_:logger:)``) and schema changes are never retried by this
/// policy (schema changes have their own retry of the server's transient DDL errors).
///
/// Each retry is logged at debug level with the attempt and the error.
///
/// ```swift
/// var configuration = SeekDBClient.Configuration(host: "db", database: "app")
/// configuration.retryPolicy = RetryPolicy(maximumAttempts: 5, budget: .seconds(60))
/// configuration.retryPolicy = .never   // every failure reaches the caller at once
/// ```
public struct RetryPolicy: Sendable, Hashable {
    /// Attempts in all, the first included; `1` never retries. Default 3. The server's "try
    /// again" answers (5627, 4023: a schema change it is still applying, nothing done) are
    /// retried for as long as the ``budget`` allows, whatever this count (unless it is `1`).
    public var maximumAttempts: Int
    /// No attempt starts once this much time has passed since the call began. Default 30 s,
    /// longer than seekdb's default statement timeout, so that a call that waited out a lock
    /// (1205 after 10 s) is still tried again.
    public var budget: Duration
    /// The pause before the first retry; each further pause doubles, up to ``maximumBackoff``,
    /// and a random part of it (full jitter) is taken so that callers that failed together do
    /// not retry together. Default 50 ms.
    public var initialBackoff: Duration
    /// The longest pause between two attempts. Default 1 s.
    public var maximumBackoff: Duration

    public init(
        maximumAttempts: Int = 3, budget: Duration = .seconds(30),
        initialBackoff: Duration = .milliseconds(50), maximumBackoff: Duration = .seconds(1)
    ) {
        self.maximumAttempts = maximumAttempts
        self.budget = budget
        self.initialBackoff = initialBackoff
        self.maximumBackoff = maximumBackoff
    }

    /// Three attempts within 30 s.
    public static let `default` = RetryPolicy()

    /// No retries: every failure reaches the caller.
    public static let never = RetryPolicy(maximumAttempts: 1)

    /// The longest pause before attempt `attempt + 1` (the actual pause is a random part of it).
    func backoffCeiling(afterAttempt attempt: Int) -> Duration {
        var pause = initialBackoff
        for _ in 1..<max(attempt, 1) {
            pause *= 2
            if pause >= maximumBackoff { return maximumBackoff }
        }
        return min(pause, maximumBackoff)
    }
}
