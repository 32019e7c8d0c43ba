import Dispatch

/// A serial executor backed by one serial `DispatchQueue`.
///
/// Every ``MariaDBConnection`` runs on its own `QueueExecutor`, so the blocking libmariadb calls
/// it makes occupy a Dispatch thread and never one of the cooperative pool's few threads
/// (docs/architecture.md). Dispatch adds threads for blocked queues, so many connections can wait on
/// the network at once even on a 2-core machine.
///
/// `@unchecked Sendable`: the only stored property is a `DispatchQueue`, which is thread-safe but
/// not marked `Sendable` on Linux.
final class QueueExecutor: SerialExecutor, @unchecked Sendable {
    let queue: DispatchQueue

    init(label: String) {
        queue = DispatchQueue(label: label, qos: .userInitiated)
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedSerialExecutor()
        queue.async { job.runSynchronously(on: executor) }
    }

    func asUnownedSerialExecutor() -> UnownedSerialExecutor {
        UnownedSerialExecutor(ordinary: self)
    }

    func checkIsolated() {
        dispatchPrecondition(condition: .onQueue(queue))
    }
}
