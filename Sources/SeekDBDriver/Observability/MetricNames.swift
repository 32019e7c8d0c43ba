/// The names and labels of every metric the SDK records through swift-metrics.
///
/// Nothing is recorded unless the application bootstraps a metrics backend
/// (`MetricsSystem.bootstrap`); without one, swift-metrics hands out no-op handlers. The
/// names use `_` as separator so that Prometheus (which allows no `.`) takes them as they are.
/// The DocC article "Observability" lists them with their labels; keep the two in step.
package enum MetricNames {
    // Connection pool (labels: `database`).
    /// Gauge: connections open (leased, idle or being opened).
    package static let poolOpen = "seekdb_pool_connections_open"
    /// Gauge: open connections not leased.
    package static let poolIdle = "seekdb_pool_connections_idle"
    /// Gauge: connections leased to a call.
    package static let poolLeased = "seekdb_pool_connections_leased"
    /// Gauge: calls waiting for a connection because the pool is at its maximum.
    package static let poolWaiters = "seekdb_pool_waiters"
    /// Timer: how long a call waited for its connection (also when one was idle: near zero).
    package static let poolLeaseWait = "seekdb_pool_lease_wait_duration"

    // Statements (labels: `kind`).
    /// Timer: duration of one statement on the connection, by `kind` (see ``QuerySummary/kind``).
    package static let statementDuration = "seekdb_statement_duration"
    /// Counter: statements that failed, by `kind` and `code` (the server's or client's error number).
    package static let statementErrors = "seekdb_statement_errors_total"

    // Public calls (labels: `operation`, and `code` on errors).
    /// Timer: duration of one public call, by `operation`.
    package static let callDuration = "seekdb_call_duration"
    /// Counter: records a call was given (ids, or query texts / embeddings), by `operation`.
    package static let callRecords = "seekdb_call_records_total"
    /// Counter: calls that failed, by `operation` and `code` (``SeekDBError/Code`` name,
    /// `cancelled` for `CancellationError`).
    package static let callErrors = "seekdb_call_errors_total"
    /// Counter: attempts the client sent again after a transient failure (the retry policy), by
    /// `code`: the server's or client's error number of the failed attempt.
    package static let callRetries = "seekdb_call_retries_total"

    // Embedding (labels: `kind`: `dense` or `sparse`).
    /// Counter: texts given to an embedding function.
    package static let embeddingTexts = "seekdb_embedding_texts_total"
    /// Timer: time an embedding function took for one batch of texts.
    package static let embeddingDuration = "seekdb_embedding_duration"
}

extension Duration {
    /// The duration in whole nanoseconds, for `Timer.recordNanoseconds`.
    package var nanoseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds &* 1_000_000_000 &+ attoseconds / 1_000_000_000
    }
}
