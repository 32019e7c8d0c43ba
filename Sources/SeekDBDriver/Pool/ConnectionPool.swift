import Logging

/// What the pool needs of a connection. ``MariaDBConnection`` is the real one; unit tests give
/// the pool fakes, so its waiting, replacing and closing run without a server.
package protocol PooledConnection: AnyObject, Sendable {
    /// Whether the connection can no longer be used (readable without waiting for it).
    var isBroken: Bool { get }
    /// Whether the server still answers.
    func ping() async -> Bool
    func close() async
}

extension MariaDBConnection: PooledConnection {}

/// The pool of ``MariaDBConnection``s the client uses.
package typealias ConnectionPool = Pool<MariaDBConnection>

extension Pool where Connection == MariaDBConnection {
    /// A pool opening connections with `configuration`, reporting to `configuration.instruments`.
    package init(configuration: MariaDBConnection.Configuration, settings: Settings, logger: Logger) {
        self.init(
            settings: settings, metrics: PoolMetrics(instruments: configuration.instruments, database: configuration.database),
            logger: logger
        ) { logger in
            try await MariaDBConnection.connect(configuration, logger: logger)
        }
    }
}

/// A bounded pool of connections.
///
/// - At most `maximumConnections` are open at once; further requests wait in FIFO order.
/// - A connection idle for longer than `validateAfterIdle` is pinged before it is handed out.
/// - A broken connection (lost, closed, or interrupted by cancellation) is closed and dropped
///   on release; it is never reconnected silently.
package actor Pool<Connection: PooledConnection> {
    package struct Settings: Sendable {
        package var maximumConnections: Int
        package var validateAfterIdle: Duration

        package init(maximumConnections: Int, validateAfterIdle: Duration) {
            self.maximumConnections = max(1, maximumConnections)
            self.validateAfterIdle = validateAfterIdle
        }
    }

    private struct Waiter {
        let id: UInt64
        let continuation: CheckedContinuation<Connection, any Error>
    }

    private let connect: @Sendable (Logger) async throws -> Connection
    private let settings: Settings
    private let logger: Logger
    private var idle: [(connection: Connection, since: ContinuousClock.Instant)] = []
    /// Connections open or being opened, leased or idle.
    private var openCount = 0
    private var waiters: [Waiter] = []
    private var nextWaiterID: UInt64 = 0
    private var isClosed = false
    private let metrics: PoolMetrics

    /// - Parameter connect: opens a new connection.
    init(
        settings: Settings, metrics: PoolMetrics, logger: Logger,
        connect: @escaping @Sendable (Logger) async throws -> Connection
    ) {
        self.connect = connect
        self.settings = settings
        self.logger = logger
        self.metrics = metrics
    }

    /// Connections currently open (leased or idle).
    package var openConnections: Int { openCount }
    /// Connections open and not leased.
    package var idleConnections: Int { idle.count }
    /// Requests waiting for a connection.
    package var waitingRequests: Int { waiters.count }

    /// Takes an idle connection, opens a new one, or waits for one to be released.
    ///
    /// - Throws: `CancellationError` when the task is cancelled while waiting; ``DriverError``
    ///   when opening a connection fails or the pool is closed.
    package func lease(logger: Logger) async throws -> Connection {
        let started = ContinuousClock.now
        defer { report() }
        let connection = try await acquire(logger: logger)
        metrics.leaseWait(ContinuousClock.now - started)
        return connection
    }

    /// Publishes the pool's gauges (open, idle, leased, waiters).
    private func report() {
        metrics.report(open: openCount, idle: idle.count, waiters: waiters.count)
    }

    private func acquire(logger: Logger) async throws -> Connection {
        try Task.checkCancellation()
        while !isClosed, let entry = idle.popLast() {
            if ContinuousClock.now - entry.since < settings.validateAfterIdle { return entry.connection }
            if await entry.connection.ping() { return entry.connection }
            await drop(entry.connection)
        }
        if isClosed { throw DriverError.poolClosed }
        if openCount < settings.maximumConnections {
            openCount += 1
            do {
                return try await connect(logger)
            } catch {
                openCount -= 1
                throw error
            }
        }
        nextWaiterID += 1
        let id = nextWaiterID
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                if Task.isCancelled {
                    continuation.resume(throwing: CancellationError())
                } else {
                    waiters.append(Waiter(id: id, continuation: continuation))
                    report()
                }
            }
        } onCancel: {
            Task { await self.cancelWaiter(id) }
        }
    }

    /// Gives a connection back: to the first waiter, to the idle list, or closes it if broken.
    package func release(_ connection: Connection) async {
        defer { report() }
        let isBroken = connection.isBroken
        if isClosed || isBroken {
            await drop(connection)
            replenishForWaiters()
            return
        }
        if !waiters.isEmpty {
            waiters.removeFirst().continuation.resume(returning: connection)
        } else {
            idle.append((connection, ContinuousClock.now))
        }
    }

    /// Closes idle connections and fails waiting requests. Leased connections close when released.
    package func close() async {
        defer { report() }
        isClosed = true
        let closing = idle
        idle.removeAll()
        for waiter in waiters {
            waiter.continuation.resume(throwing: DriverError.poolClosed)
        }
        waiters.removeAll()
        for entry in closing {
            await drop(entry.connection)
        }
    }

    private func drop(_ connection: Connection) async {
        openCount -= 1
        await connection.close()
    }

    private func cancelWaiter(_ id: UInt64) {
        guard let index = waiters.firstIndex(where: { $0.id == id }) else { return }
        waiters.remove(at: index).continuation.resume(throwing: CancellationError())
        report()
    }

    /// After a connection was dropped, opens a replacement for the first waiter, if any.
    private func replenishForWaiters() {
        guard !isClosed, !waiters.isEmpty, openCount < settings.maximumConnections else { return }
        openCount += 1
        let waiter = waiters.removeFirst()
        let connect = self.connect
        let logger = self.logger
        Task {
            do {
                waiter.continuation.resume(returning: try await connect(logger))
            } catch {
                self.connectFailed()
                waiter.continuation.resume(throwing: error)
            }
        }
    }

    private func connectFailed() {
        openCount -= 1
        report()
    }
}
