import CoreMetrics

/// The connection pool's gauges and its lease-wait timer (see ``MetricNames``), labelled with
/// the pool's database.
struct PoolMetrics: Sendable {
    private let instruments: Instruments
    private let dimensions: [(String, String)]

    init(instruments: Instruments, database: String?) {
        self.instruments = instruments
        self.dimensions = [("database", database ?? "")]
    }

    /// Publishes the pool's state. `open` counts connections being opened as well; the leased
    /// ones are those open and not idle.
    func report(open: Int, idle: Int, waiters: Int) {
        instruments.gauge(MetricNames.poolOpen, dimensions).record(open)
        instruments.gauge(MetricNames.poolIdle, dimensions).record(idle)
        instruments.gauge(MetricNames.poolLeased, dimensions).record(max(0, open - idle))
        instruments.gauge(MetricNames.poolWaiters, dimensions).record(waiters)
    }

    /// Records how long one lease waited for its connection.
    func leaseWait(_ duration: Duration) {
        instruments.timer(MetricNames.poolLeaseWait, dimensions).recordNanoseconds(duration.nanoseconds)
    }
}
