import Synchronization

/// Counts the statements a task sends to the server.
///
/// Tests bind a counter with ``StatementTracing/$counter`` to prove that invalid input is
/// rejected before any SQL is sent. Task-local, so concurrent tests do not see each other.
package final class StatementCounter: Sendable {
    private let count = Atomic<Int>(0)
    private let executed = Mutex<[ExecutedStatement]>([])

    package init() {}

    /// Statements sent (text queries, prepares and executions) while this counter was bound.
    package var value: Int { count.load(ordering: .relaxed) }

    /// The SQL of the statements run (text queries and executions, not prepares), in order.
    package var executedSQL: [String] { executed.withLock { $0.map(\.sql) } }

    /// The statements run, in order, with the values bound to them (none for text queries).
    package var executedStatements: [ExecutedStatement] { executed.withLock { $0 } }

    func recordPrepare() { count.add(1, ordering: .relaxed) }

    func recordExecution(_ sql: String, parameters: [SQLValue] = []) {
        count.add(1, ordering: .relaxed)
        executed.withLock { $0.append(ExecutedStatement(sql: sql, parameters: parameters)) }
    }
}

/// One statement a ``StatementCounter`` saw: its SQL and the values bound to it.
package struct ExecutedStatement: Sendable {
    package let sql: String
    package let parameters: [SQLValue]
}

package enum StatementTracing {
    /// The counter of the current task, if one is bound.
    @TaskLocal package static var counter: StatementCounter?

    /// Runs before each statement the current task sends, with its SQL and the server's session
    /// id. Fault tests use it to act at an exact point (kill the session just before `COMMIT`).
    @TaskLocal package static var beforeStatement: (@Sendable (_ sql: String, _ sessionID: UInt64) async -> Void)?
}
