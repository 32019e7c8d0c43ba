import CoreMetrics
public import Logging
import SeekDBDriver
import Synchronization

/// A client for one seekdb (or OceanBase MySQL-mode) database: collections and raw SQL.
///
/// The client owns a pool of connections; it is `Sendable`, so share one instance across
/// tasks. Each connection runs its blocking libmariadb calls on its own serial queue, never on
/// Swift's cooperative thread pool.
///
/// ```swift
/// let client = try await SeekDBClient(configuration: .init(host: "127.0.0.1", port: 2881, database: "test"))
/// let books = try await client.getOrCreateCollection(name: "books", configuration: .init(dimension: 3))
/// try await books.add(ids: ["a"], embeddings: [[0.1, 0.2, 0.3]], documents: ["A book"])
/// await client.close()
/// ```
///
/// In a server, run the client as a `ServiceLifecycle` service (``run()``) so that it shuts
/// down gracefully; it reports metrics and spans to the backends the application bootstrapped
/// (see the "Lifecycle, metrics and tracing" article).
public final class SeekDBClient: Sendable {
    /// The configuration the client was created with.
    public let configuration: Configuration
    /// The local server this client opened with ``init(path:database:server:logger:)``, or `nil`.
    /// ``close()`` releases it.
    public let localServer: LocalServer?
    let pool: ConnectionPool
    let logger: Logger
    /// Calls this client has sent again after a transient failure (``RetryPolicy``).
    let retries = Atomic<Int>(0)
    /// What this client wrote a moment ago, for ``QueryConsistency/session`` queries.
    let recentWrites = RecentWrites()
    /// Where metrics and spans go.
    let instruments: Instruments
    /// The calls in flight, and the gate that refuses new ones once the client closes.
    let calls = CallTracker()

    /// Connects to the server and checks the credentials by opening the first connection.
    ///
    /// - Parameters:
    ///   - configuration: where and how to connect.
    ///   - logger: where the client logs (at debug and trace level). Default: no logging.
    /// - Throws: ``SeekDBError`` with ``SeekDBError/Code/invalidArgument`` for an invalid
    ///   configuration (checked before connecting), ``SeekDBError/Code/connectionFailed``,
    ///   ``SeekDBError/Code/authenticationFailed``, ``SeekDBError/Code/databaseNotFound`` or
    ///   ``SeekDBError/Code/tlsFailed``, carrying the server or client error number.
    public convenience init(configuration: Configuration, logger: Logger? = nil) async throws {
        try await self.init(configuration: configuration, logger: logger, localServer: nil)
    }

    /// Connects; a `localServer` is released if the first connection fails, and by ``close()``.
    init(configuration: Configuration, logger: Logger?, localServer: LocalServer?) async throws {
        do {
            try configuration.validate()
        } catch {
            await localServer?.release()
            throw error
        }
        self.configuration = configuration
        self.localServer = localServer
        self.logger = logger ?? Logger(label: "seekdb", factory: { _ in SwiftLogNoOpLogHandler() })
        self.instruments = configuration.instruments
        self.pool = ConnectionPool(
            configuration: configuration.driverConfiguration,
            settings: .init(
                maximumConnections: configuration.pool.maximumConnections,
                validateAfterIdle: configuration.pool.validateAfterIdle),
            logger: self.logger
        )
        do {
            let first = try await pool.lease(logger: self.logger)
            await pool.release(first)
        } catch {
            await localServer?.release()
            if let error = error as? DriverError { throw SeekDBError(error) }
            throw error
        }
    }

    /// Creates a client, runs `body` with it, and closes it, also when `body` throws.
    public static func withClient<R>(
        configuration: Configuration, logger: Logger? = nil,
        isolation: isolated (any Actor)? = #isolation,
        _ body: (SeekDBClient) async throws -> sending R
    ) async throws -> sending R {
        let client = try await SeekDBClient(configuration: configuration, logger: logger)
        return try await client.run(body)
    }

    /// Runs `body` with this client, then closes it, also when `body` throws.
    func run<R>(
        isolation: isolated (any Actor)? = #isolation,
        _ body: (SeekDBClient) async throws -> sending R
    ) async throws -> sending R {
        do {
            let result = try await body(self)
            await close()
            return result
        } catch {
            await close()
            throw error
        }
    }

    /// Closes every connection. Calls made afterwards fail with ``SeekDBError/Code/clientClosed``.
    ///
    /// Calls in flight are not waited for: a call holding a connection keeps it until it ends,
    /// then the connection closes; a call waiting for a connection fails. For a graceful close
    /// that lets calls in flight finish, use ``shutdown(gracePeriod:)``.
    ///
    /// A client opened with ``init(path:database:server:logger:)`` then releases its
    /// ``localServer``: a server it launched exits unless other clients still hold it (see
    /// ``LocalServer/release()``).
    public func close() async {
        calls.close()
        await pool.close()
        await localServer?.release()
    }

    /// Attempts this client has sent again after a transient failure since it was opened
    /// (``RetryPolicy``); a call retried twice counts two.
    public var retryCount: Int { retries.load(ordering: .relaxed) }

    /// Connections open right now (leased or idle).
    public var openConnections: Int {
        get async { await pool.openConnections }
    }

    /// Runs `body` on one pooled connection, translating driver errors. Statements of `body` run
    /// in autocommit mode; a failed attempt is run again (with a new connection) when
    /// ``RetryPolicy`` allows it for `retry`.
    func withDriverConnection<R: Sendable>(
        logger: Logger?, collection: String? = nil, table: String? = nil, retry: RetrySafety = .never,
        _ body: (MariaDBConnection, Logger) async throws -> R
    ) async throws -> R {
        let logger = logger ?? self.logger
        return try await withRetries(retry, logger: logger, collection: collection, table: table) {
            try await onPooledConnection(logger: logger) { connection in
                do {
                    return try await body(connection, logger)
                } catch let error as DriverError {
                    throw AttemptFailure(error: error, phase: .outcomeUnknown)
                }
            }
        }
    }

    /// Runs `body` inside one transaction on one connection: committed when `body` returns,
    /// rolled back when it throws (and the connection dropped if it broke). A failed attempt is
    /// run again, from `START TRANSACTION`, when ``RetryPolicy`` allows it for `retry`.
    func withDriverTransaction<R: Sendable>(
        logger: Logger?, collection: String? = nil, table: String? = nil, retry: RetrySafety = .never,
        _ body: (MariaDBConnection, Logger) async throws -> R
    ) async throws -> R {
        let logger = logger ?? self.logger
        return try await withRetries(retry, logger: logger, collection: collection, table: table) {
            try await onPooledConnection(logger: logger) { connection in
                do {
                    return try await connection.withTransaction(logger: logger) { try await body(connection, logger) }
                } catch let failure as CommitFailed {
                    throw AttemptFailure(error: failure.error, phase: .outcomeUnknown)
                } catch let error as DriverError {
                    throw AttemptFailure(error: error, phase: .beforeCommit)
                }
            }
        }
    }

    /// Leases a connection, runs `body` on it and gives it back. A connection that cannot be
    /// leased is an ``AttemptFailure`` before anything was sent.
    private func onPooledConnection<R: Sendable>(
        logger: Logger, _ body: (MariaDBConnection) async throws -> R
    ) async throws -> R {
        let connection: MariaDBConnection
        do {
            connection = try await pool.lease(logger: logger)
        } catch let error as DriverError {
            throw AttemptFailure(error: error, phase: .notSent)
        }
        do {
            let result = try await body(connection)
            await pool.release(connection)
            return result
        } catch {
            await pool.release(connection)
            throw error
        }
    }

    /// Runs `attempt` until it succeeds, fails in a way ``RetryRules`` does not retry for
    /// `safety`, or the ``RetryPolicy`` (attempts, budget) is spent. Driver errors leave as
    /// ``SeekDBError``.
    ///
    /// The pause before attempt n + 1 is uniformly random in [0, ceiling(n)] ("full jitter"),
    /// so that callers that failed together, like both sides of a deadlock, do not meet again.
    private func withRetries<R>(
        _ safety: RetrySafety, logger: Logger, collection: String?, table: String?,
        _ attempt: () async throws -> R
    ) async throws -> R {
        let policy = configuration.retryPolicy
        let started = ContinuousClock.now
        for number in 1... {
            do {
                return try await attempt()
            } catch let failure as AttemptFailure {
                let pause = policy.backoffCeiling(afterAttempt: number) * Double.random(in: 0...1)
                guard number < RetryRules.attemptLimit(after: failure, policy: policy), !Task.isCancelled,
                    ContinuousClock.now + pause - started < policy.budget,
                    let reason = RetryRules.reason(toRetry: failure, safety: safety)
                else {
                    throw SeekDBError(failure.error, collection: collection, table: table)
                }
                retries.add(1, ordering: .relaxed)
                instruments.counter(MetricNames.callRetries, [("code", "\(failure.error.number)")]).increment()
                logger.debug(
                    "seekdb call failed; trying again",
                    metadata: [
                        "seekdb.attempt": "\(number)", "seekdb.reason": "\(reason)",
                        "seekdb.error": "\(failure.error.number) \(failure.error.message)",
                        "seekdb.collection": "\(collection ?? "")"
                    ])
                try await Task.sleep(for: pause)
            } catch let error as DriverError {
                throw SeekDBError(error, collection: collection, table: table)
            }
        }
        fatalError("unreachable: the loop above returns or throws")
    }
}
