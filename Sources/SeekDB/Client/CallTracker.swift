import Foundation

/// The client's calls in flight, and the gate that refuses new ones once the client closes.
///
/// Every public call enters here first (``SeekDBClient/withCall(_:collection:batchSize:_:)``).
/// Shutting down closes the gate (new calls fail at once with
/// ``SeekDBError/Code/clientClosed``), waits until the calls in flight have left, and can
/// cancel the ones still running when the grace period ends.
///
/// `@unchecked Sendable`: `state` is only read and written inside `withState`, under `lock`. An
/// `NSLock` (a pthread mutex) rather than `Synchronization.Mutex`, whose futex-based lock on
/// Linux the thread sanitizer does not see, so it reported every call as a race.
final class CallTracker: @unchecked Sendable {
    private struct State {
        var isClosed = false
        var isCancelling = false
        var nextID: UInt64 = 0
        var inFlight: [UInt64: @Sendable () -> Void] = [:]
        var drainWaiters: [CheckedContinuation<Void, Never>] = []
    }

    private let lock = NSLock()
    private var state = State()

    /// Runs `body` with the state, under the lock.
    private func withState<R>(_ body: (inout State) -> R) -> R {
        lock.withLock { body(&state) }
    }

    /// Admits a call, or throws ``SeekDBError/Code/clientClosed`` once the client is closing.
    func enter() throws(SeekDBError) -> UInt64 {
        let id: UInt64? = withState { state in
            guard !state.isClosed else { return nil }
            state.nextID += 1
            state.inFlight[state.nextID] = {}
            return state.nextID
        }
        guard let id else { throw SeekDBError(.clientClosed, "the client is closed") }
        return id
    }

    /// Remembers how to cancel call `id`; cancels it at once if shutdown is already cancelling.
    func register(_ id: UInt64, cancel: @escaping @Sendable () -> Void) {
        let cancelNow = withState { state in
            guard state.inFlight[id] != nil else { return false }
            state.inFlight[id] = cancel
            return state.isCancelling
        }
        if cancelNow { cancel() }
    }

    /// The call `id` has finished.
    func leave(_ id: UInt64) {
        let waiters = withState { state -> [CheckedContinuation<Void, Never>] in
            state.inFlight[id] = nil
            guard state.isClosed, state.inFlight.isEmpty else { return [] }
            defer { state.drainWaiters.removeAll() }
            return state.drainWaiters
        }
        for waiter in waiters { waiter.resume() }
    }

    /// Refuses new calls from now on.
    func close() {
        let waiters = withState { state -> [CheckedContinuation<Void, Never>] in
            state.isClosed = true
            guard state.inFlight.isEmpty else { return [] }
            defer { state.drainWaiters.removeAll() }
            return state.drainWaiters
        }
        for waiter in waiters { waiter.resume() }
    }

    /// Returns once the gate is closed and no call is in flight.
    func waitUntilDrained() async {
        await withCheckedContinuation { continuation in
            let done = withState { state in
                if state.isClosed && state.inFlight.isEmpty { return true }
                state.drainWaiters.append(continuation)
                return false
            }
            if done { continuation.resume() }
        }
    }

    /// Cancels every call in flight, and any call that registers later.
    func cancelAll() {
        let cancels = withState { state in
            state.isCancelling = true
            return Array(state.inFlight.values)
        }
        for cancel in cancels { cancel() }
    }

    /// Calls in flight right now.
    var count: Int { withState { $0.inFlight.count } }
}
