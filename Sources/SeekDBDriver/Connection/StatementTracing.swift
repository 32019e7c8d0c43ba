import Synchronization

/// Counts the statements a task sends to the server.
///
/// Tests bind a counter with ``StatementTracing/$counter`` to prove that invalid input is
/// rejected before any SQL is sent. Task-local, so concurrent tests do not see each other.
package final class StatementCounter: Sendable {
    private let count = Atomic<Int>(0)

    package init() {}

    /// Statements sent (text queries, prepares and executions) while this counter was bound.
    package var value: Int { count.load(ordering: .relaxed) }

    func increment() { count.add(1, ordering: .relaxed) }
}

package enum StatementTracing {
    /// The counter of the current task, if one is bound.
    @TaskLocal package static var counter: StatementCounter?
}
