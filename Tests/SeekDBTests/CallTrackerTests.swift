import Synchronization
import Testing

@testable import SeekDB

/// The gate every public call passes: open until closed, then refusing with `clientClosed`.
struct CallTrackerTests {
    @Test func refusesNewCallsOnceClosed() throws {
        let tracker = CallTracker()
        let id = try tracker.enter()
        tracker.close()
        #expect(throws: SeekDBError.self) { try tracker.enter() }
        do {
            _ = try tracker.enter()
        } catch {
            #expect(error.code == .clientClosed)
        }
        tracker.leave(id)
        #expect(tracker.count == 0)
    }

    @Test func drainsWhenTheLastCallLeaves() async throws {
        let tracker = CallTracker()
        let first = try tracker.enter()
        let second = try tracker.enter()
        tracker.close()
        async let drained: Void = tracker.waitUntilDrained()
        tracker.leave(first)
        #expect(tracker.count == 1)
        tracker.leave(second)
        await drained
        #expect(tracker.count == 0)
    }

    @Test func drainedAtOnceWithoutCalls() async {
        let tracker = CallTracker()
        tracker.close()
        await tracker.waitUntilDrained()
    }

    @Test func cancelAllCancelsRegisteredAndLaterCalls() throws {
        let tracker = CallTracker()
        let cancelled = Mutex<[Int]>([])
        let first = try tracker.enter()
        tracker.register(first) { cancelled.withLock { $0.append(1) } }
        tracker.cancelAll()
        #expect(cancelled.withLock { $0 } == [1])
        // A call admitted before shutdown that registers after the cancellation began.
        tracker.register(first) { cancelled.withLock { $0.append(2) } }
        #expect(cancelled.withLock { $0 } == [1, 2])
    }
}
