import Foundation

/// The records a client wrote a moment ago, per collection table, so that a
/// ``QueryConsistency/session`` query can score them exactly while the vector index catches up.
///
/// seekdb applies writes to its vector indexes in the background, about 0.2 s after the commit
/// on an idle server (measured: add one record, then query until it is found). Ids are kept for
/// ``horizon`` (far longer than that lag) and at most ``limit`` per table: past the limit the
/// table is marked overflowed, and session queries refresh the indexes instead until a refresh
/// that started after the overflow has run. A refresh by this client also forgets every id
/// written before it started.
///
/// `@unchecked Sendable`: `tables` is only touched inside `withTables`, under `lock`, an `NSLock`
/// (as in `CallTracker`: the thread sanitizer does not see `Synchronization.Mutex` on Linux).
final class RecentWrites: @unchecked Sendable {
    /// How long an id is scored exactly after its write.
    static let horizon: Duration = .seconds(10)
    /// Most ids remembered per table; beyond it, session queries refresh the index.
    static let limit = 1_000

    /// What a session query must do for one table.
    enum Pending: Equatable {
        /// Nothing written recently: the index is enough.
        case none
        /// Score these ids exactly besides the index search.
        case ids([String])
        /// Too many writes to score: refresh the index first.
        case refresh
    }

    private struct Table {
        /// Keyed by the id's UTF-8 bytes: `String`'s `==` would merge canonically equivalent ids,
        /// which are different records.
        var written: [[UInt8]: ContinuousClock.Instant] = [:]
        var overflowedAt: ContinuousClock.Instant?
        var prunedAt: ContinuousClock.Instant?

        /// Drops expired ids, at most every 0.5 s (each write would otherwise scan them all).
        mutating func prune(now: ContinuousClock.Instant) {
            if let prunedAt, now - prunedAt < .milliseconds(500) { return }
            prunedAt = now
            written = written.filter { now - $0.value < RecentWrites.horizon }
            if let overflowedAt, now - overflowedAt >= RecentWrites.horizon { self.overflowedAt = nil }
        }
    }

    private let lock = NSLock()
    private var tables: [String: Table] = [:]

    private func withTables<R>(_ body: (inout [String: Table]) -> R) -> R {
        lock.withLock { body(&tables) }
    }

    init() {}

    /// Remembers `ids` as written to `table` now. Called when a write ends, also when it failed,
    /// so a write whose outcome is unknown is covered too (scoring a record that did not change
    /// is harmless), and the horizon counts from the commit, where the index's lag starts.
    func record(_ ids: [String], table: String, now: ContinuousClock.Instant = .now) {
        withTables { tables in
            var entry = tables[table, default: Table()]
            entry.prune(now: now)
            if entry.overflowedAt == nil {
                for id in ids { entry.written[Array(id.utf8)] = now }
                if entry.written.count > Self.limit {
                    entry.written.removeAll()
                    entry.overflowedAt = now
                }
            } else {
                entry.overflowedAt = now
            }
            tables[table] = entry
        }
    }

    /// What a session query on `table` must do now.
    func pending(table: String, now: ContinuousClock.Instant = .now) -> Pending {
        withTables { tables in
            guard var entry = tables[table] else { return .none }
            entry.prune(now: now)
            tables[table] = entry
            if entry.overflowedAt != nil { return .refresh }
            let live = entry.written.filter { now - $0.value < Self.horizon }.keys
            if live.isEmpty { return .none }
            return .ids(live.sorted { $0.lexicographicallyPrecedes($1) }.map { String(decoding: $0, as: UTF8.self) })
        }
    }

    /// An index refresh that started at `start` has finished: every write before it is in the
    /// indexes (`dbms_index_manager.refresh()` refreshes every index of the database).
    func refreshed(startedAt start: ContinuousClock.Instant) {
        withTables { tables in
            for (table, var entry) in tables {
                entry.written = entry.written.filter { $0.value >= start }
                if let overflowedAt = entry.overflowedAt, overflowedAt < start { entry.overflowedAt = nil }
                tables[table] = entry
            }
        }
    }
}
