import SeekDB

/// What writing an unchanged vector costs the server: seekdb applies vector writes to its HNSW
/// index in the background, so the caller's time (`resync-vectors`) does not show it. Per round,
/// on one collection of 384-d vectors whose index has caught up:
///
/// 1. a re-sync writing every vector, of which CHANGED differ from the stored ones (what the SDK
///    sends: given vectors are written as given), then the index refresh that waits until the
///    index includes the writes (`refreshIndex`, pyseekdb's refresh statement);
/// 2. the same re-sync writing only the CHANGED vectors (what an equal-vector skip would send),
///    then the same refresh.
///
///   SeekDBBench index-catch-up RECORDS CHANGED [ROUNDS]
///
/// One JSON line per round: the write and the refresh of each variant, in milliseconds. The
/// order of the two variants alternates from round to round.
enum IndexCatchUpMode {
    static func run(configuration: SeekDBClient.Configuration, records: Int, changed: Int, rounds: Int) async throws {
        try await VectorResyncCollection.with(
            configuration: configuration, name: "index_catch_up_\(records)_\(changed)", records: records, changed: changed
        ) { fixture in
            let (collection, ids, changing) = (fixture.collection, fixture.ids, fixture.changing)
            try await collection.refreshIndex()
            var stored = BenchData.vectors(0..<records, round: 0)
            var round = 0
            // Changes CHANGED stored vectors; writes every vector or only those, then waits for the index.
            func resync(onlyChanged: Bool) async throws -> (write: Double, refresh: Double) {
                round += 1
                for index in changing { stored[index] = BenchData.vector(index, round: round) }
                let indexes = onlyChanged ? changing : Array(0..<records)
                let write = try await timed {
                    try await VectorResyncMode.rawUpdate(
                        fixture.raw, table: fixture.table, ids: indexes.map { ids[$0] }, vectors: indexes.map { stored[$0] })
                }
                let refresh = try await timed { try await collection.refreshIndex() }
                return (write, refresh)
            }
            for number in 1...rounds {
                let first = number % 2 == 1
                let a = try await resync(onlyChanged: !first)
                let b = try await resync(onlyChanged: first)
                let (all, some) = first ? (a, b) : (b, a)
                emit(
                    #"{"records": \#(records), "changed": \#(changed), "#
                        + #""all_write_ms": \#(all.write), "all_refresh_ms": \#(all.refresh), "#
                        + #""changed_write_ms": \#(some.write), "changed_refresh_ms": \#(some.refresh)}"#
                )
            }
        }
    }
}
