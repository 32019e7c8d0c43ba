import SeekDBDriver
import Testing

@testable import SeekDB

/// The bookkeeping behind `.session` queries (pure logic, with explicit clock readings).
struct RecentWritesTests {
    let start = ContinuousClock.now

    @Test func idsAreScoredForTheHorizonThenForgotten() {
        let writes = RecentWrites()
        #expect(writes.pending(table: "t", now: start) == .none)
        writes.record(["b", "a"], table: "t", now: start)
        writes.record(["c"], table: "t", now: start + .seconds(5))
        #expect(writes.pending(table: "t", now: start + .seconds(1)) == .ids(["a", "b", "c"]))
        #expect(writes.pending(table: "other", now: start + .seconds(1)) == .none)
        #expect(writes.pending(table: "t", now: start + RecentWrites.horizon + .seconds(1)) == .ids(["c"]))
        #expect(writes.pending(table: "t", now: start + RecentWrites.horizon + .seconds(6)) == .none)
    }

    @Test func canonicallyEquivalentIDsStayTwoRecords() {
        let writes = RecentWrites()
        writes.record(["\u{E9}", "e\u{301}"], table: "t", now: start)
        guard case .ids(let ids) = writes.pending(table: "t", now: start) else {
            Issue.record("no ids")
            return
        }
        #expect(ids.map { Array($0.utf8) }.sorted { $0.lexicographicallyPrecedes($1) } == [Array("e\u{301}".utf8), Array("\u{E9}".utf8)])
    }

    @Test func pastTheLimitARefreshIsAskedForUntilOneRuns() {
        let writes = RecentWrites()
        writes.record((0...RecentWrites.limit).map { "r\($0)" }, table: "t", now: start)
        #expect(writes.pending(table: "t", now: start) == .refresh)
        writes.record(["late"], table: "t", now: start + .seconds(1))
        // A refresh that started before the last write does not cover it.
        writes.refreshed(startedAt: start + .milliseconds(500))
        #expect(writes.pending(table: "t", now: start + .seconds(2)) == .refresh)
        writes.refreshed(startedAt: start + .seconds(2))
        #expect(writes.pending(table: "t", now: start + .seconds(3)) == .none)
    }

    @Test func aRefreshForgetsWhatItCoveredInEveryTable() {
        let writes = RecentWrites()
        writes.record(["a"], table: "t1", now: start)
        writes.record(["b"], table: "t2", now: start + .seconds(2))
        writes.refreshed(startedAt: start + .seconds(1))
        #expect(writes.pending(table: "t1", now: start + .seconds(3)) == .none)
        #expect(writes.pending(table: "t2", now: start + .seconds(3)) == .ids(["b"]))
    }

    @Test func mergeKeepsTheNearestOnceEach() {
        func row(_ id: String, _ distance: Double?) -> [SQLValue] { [.bytes(Array(id.utf8)), distance.map(SQLValue.double) ?? .null] }
        let exact = [row("new", 0.5), row("moved", 0.1), row("novector", nil)]
        let approximate = [row("a", 0.2), row("moved", 0.1), row("b", 0.9)]
        let merged = SeekDBCollection.merge(exact: exact, approximate: approximate, limit: 3)
        #expect(merged.map { $0[0].bytesValue.map { String(decoding: $0, as: UTF8.self) } } == ["moved", "a", "new"])
    }
}
