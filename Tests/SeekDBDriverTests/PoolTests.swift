import CoreMetrics
import Foundation
import Logging
import Testing

@testable import SeekDBDriver

/// The pool's waiting, cancelling, replacing and closing, over fake connections (no server).
struct PoolTests {
    /// A connection that is only state: broken or not, answering pings or not, closed or not.
    final class FakeConnection: PooledConnection, @unchecked Sendable {
        let number: Int
        private let lock = NSLock()
        private var broken = false
        private var answers = true
        private var closed = false

        init(number: Int) { self.number = number }

        var isBroken: Bool { lock.withLock { broken } }
        var isClosed: Bool { lock.withLock { closed } }
        func breakIt() { lock.withLock { broken = true } }
        func stopAnswering() { lock.withLock { answers = false } }
        func ping() async -> Bool { lock.withLock { answers } }
        func close() async { lock.withLock { closed = true } }
    }

    /// Opens numbered fake connections; can be told to fail the next opens.
    final class Opener: @unchecked Sendable {
        private let lock = NSLock()
        private var opened: [FakeConnection] = []
        private var failures = 0

        var connections: [FakeConnection] { lock.withLock { opened } }
        func failNext(_ count: Int) { lock.withLock { failures = count } }

        func open() throws -> FakeConnection {
            try lock.withLock {
                if failures > 0 {
                    failures -= 1
                    throw DriverError(kind: .connect, number: MariaDBErrorNumber.connectionError, message: "refused")
                }
                let connection = FakeConnection(number: opened.count + 1)
                opened.append(connection)
                return connection
            }
        }
    }

    static let logger = Logger(label: "pool-tests", factory: { _ in SwiftLogNoOpLogHandler() })

    static func pool(_ maximum: Int, opener: Opener, validateAfterIdle: Duration = .seconds(60)) -> Pool<FakeConnection> {
        Pool(
            settings: .init(maximumConnections: maximum, validateAfterIdle: validateAfterIdle),
            metrics: PoolMetrics(instruments: Instruments(metricsFactory: NOOPMetricsHandler.instance), database: nil),
            logger: logger
        ) { _ in try opener.open() }
    }

    /// Waits (yielding) until the pool has `count` waiting requests.
    static func waitForWaiters(_ pool: Pool<FakeConnection>, _ count: Int) async {
        while await pool.waitingRequests < count { await Task.yield() }
    }

    @Test func waitersAreServedInTheOrderTheyCame() async throws {
        let opener = Opener()
        let pool = Self.pool(1, opener: opener)
        let first = try await pool.lease(logger: Self.logger)
        let order = OrderRecorder()
        var tasks: [Task<Void, any Error>] = []
        for caller in 1...3 {
            tasks.append(
                Task {
                    let connection = try await pool.lease(logger: Self.logger)
                    order.append(caller)
                    await pool.release(connection)
                })
            await Self.waitForWaiters(pool, caller)  // queued in this order
        }
        await pool.release(first)
        for task in tasks { try await task.value }
        #expect(order.values == [1, 2, 3])
        #expect(opener.connections.count == 1, "one connection, handed from caller to caller")
        let (open, idle) = (await pool.openConnections, await pool.idleConnections)
        #expect(open == 1 && idle == 1)
    }

    @Test func aCancelledWaiterLeavesTheQueueAndTheNextOneGetsTheConnection() async throws {
        let opener = Opener()
        let pool = Self.pool(1, opener: opener)
        let held = try await pool.lease(logger: Self.logger)
        let cancelled = Task { try await pool.lease(logger: Self.logger) }
        await Self.waitForWaiters(pool, 1)
        let next = Task { try await pool.lease(logger: Self.logger) }
        await Self.waitForWaiters(pool, 2)
        cancelled.cancel()
        await #expect(throws: CancellationError.self) { _ = try await cancelled.value }
        while await pool.waitingRequests > 1 { await Task.yield() }
        await pool.release(held)
        let handed = try await next.value
        #expect(handed === held)
        #expect(await pool.waitingRequests == 0)
    }

    /// Leases the pool's only connection, queues a second request, then breaks and releases
    /// the connection (after `beforeRelease`). Returns the broken connection and the waiter.
    static func releaseBrokenWithAWaiter(
        _ pool: Pool<FakeConnection>, beforeRelease: () -> Void = {}
    ) async throws
        -> (FakeConnection, Task<FakeConnection, any Error>)
    {
        let broken = try await pool.lease(logger: logger)
        let waiter = Task { try await pool.lease(logger: logger) }
        await waitForWaiters(pool, 1)
        beforeRelease()
        broken.breakIt()
        await pool.release(broken)
        return (broken, waiter)
    }

    @Test func aBrokenConnectionIsClosedAndReplacedForTheNextWaiter() async throws {
        let pool = Self.pool(1, opener: Opener())
        let (broken, waiter) = try await Self.releaseBrokenWithAWaiter(pool)
        let replacement = try await waiter.value
        #expect(broken.isClosed)
        #expect(replacement !== broken && replacement.number == 2)
        #expect(await pool.openConnections == 1)
    }

    @Test func aReplacementThatCannotOpenFailsTheWaiterAndFreesItsPlace() async throws {
        let opener = Opener()
        let pool = Self.pool(1, opener: opener)
        let (_, waiter) = try await Self.releaseBrokenWithAWaiter(pool) { opener.failNext(1) }
        let error = await #expect(throws: DriverError.self) { _ = try await waiter.value }
        #expect(error?.kind == .connect)
        while await pool.openConnections > 0 { await Task.yield() }
        let fresh = try await pool.lease(logger: Self.logger)
        #expect(fresh.number == 2, "the place was given back: a new connection opens")
    }

    @Test func anIdleConnectionThatNoLongerAnswersIsDroppedBeforeItIsHandedOut() async throws {
        let opener = Opener()
        let pool = Self.pool(2, opener: opener, validateAfterIdle: .zero)
        let first = try await pool.lease(logger: Self.logger)
        await pool.release(first)
        first.stopAnswering()
        let next = try await pool.lease(logger: Self.logger)
        #expect(first.isClosed && next.number == 2)
        #expect(await pool.openConnections == 1)
    }

    @Test func closingFailsWaitersAndLaterLeases() async throws {
        let opener = Opener()
        let pool = Self.pool(1, opener: opener)
        let held = try await pool.lease(logger: Self.logger)
        let waiter = Task { try await pool.lease(logger: Self.logger) }
        await Self.waitForWaiters(pool, 1)
        await pool.close()
        let error = await #expect(throws: DriverError.self) { _ = try await waiter.value }
        #expect(error?.kind == .poolClosed)
        await pool.release(held)
        #expect(held.isClosed, "a connection released after close is closed")
        let later = await #expect(throws: DriverError.self) { _ = try await pool.lease(logger: Self.logger) }
        #expect(later?.kind == .poolClosed)
        #expect(await pool.openConnections == 0)
    }

    /// The order in which callers got a connection.
    final class OrderRecorder: @unchecked Sendable {
        private let lock = NSLock()
        private var recorded: [Int] = []
        var values: [Int] { lock.withLock { recorded } }
        func append(_ value: Int) { lock.withLock { recorded.append(value) } }
    }
}

/// The statement cache's eviction: least recently used first, within its capacity.
struct LRUCacheTests {
    @Test func theLeastRecentlyUsedEntryIsEvicted() {
        var cache = LRUCache<Int>(capacity: 3)
        cache.insert(1, for: "a")
        cache.insert(2, for: "b")
        cache.insert(3, for: "c")
        #expect(cache.value(for: "a") == 1)  // a becomes the most recent
        cache.insert(4, for: "d")  // evicts b
        #expect(cache.value(for: "b") == nil)
        #expect(cache.keys == ["c", "a", "d"])
        cache.insert(5, for: "c")  // replacing a key does not evict another
        #expect(cache.keys == ["a", "d", "c"] && cache.value(for: "c") == 5)
        cache.remove("a")
        #expect(cache.keys == ["d", "c"])
        cache.removeAll()
        #expect(cache.keys.isEmpty)
    }

    @Test func statementsStayBelowTheServersCursorLimit() {
        #expect(StatementCache().capacity == 32, "seekdb allows 50 open cursors per session (error 5930)")
    }
}
