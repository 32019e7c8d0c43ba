import SeekDB

/// What writing an unchanged vector costs the server, and what ``EqualEmbeddingPolicy/skip``
/// saves it: seekdb applies vector writes to its HNSW index in the background, so the caller's
/// time (`resync-vectors`) does not show it. Per round, on one collection of 384-d vectors whose
/// index has caught up, three re-syncs of which CHANGED vectors differ from the stored ones,
/// each followed by 21 queries (`.eventual`) and the index refresh that waits until the index
/// includes the writes (`refreshIndex`, pyseekdb's refresh statement):
///
/// 1. `write`: `update` with every vector (the default: given vectors are written as given);
/// 2. `skip`: the same call with `equalEmbeddings: .skip` (the server compares, only the
///    CHANGED vectors are written);
/// 3. `changed`: `update` with only the CHANGED vectors (a caller that knows what changed).
///
///   SeekDBBench index-catch-up RECORDS CHANGED [ROUNDS]
///
/// One JSON line per round: per variant the call, the median query and the refresh in
/// milliseconds, and the
/// server's CPU seconds and bytes written to storage from the start of the call to the end of
/// the refresh (see ``ServerUsage``; `null` when the server's process is unknown). The order of the variants
/// rotates from round to round.
enum IndexCatchUpMode {
    enum Variant: String, CaseIterable {
        case write, skip, changed
    }

    static func run(configuration: SeekDBClient.Configuration, records: Int, changed: Int, rounds: Int) async throws {
        try await VectorResyncCollection.with(
            configuration: configuration, name: "index_catch_up_\(records)_\(changed)", records: records, changed: changed
        ) { fixture in
            let (collection, ids, changing) = (fixture.collection, fixture.ids, fixture.changing)
            try await collection.refreshIndex()
            var stored = BenchData.vectors(0..<records, round: 0)
            var round = 0
            // Changes CHANGED stored vectors, sends them as `variant` does, then waits for the index.
            func resync(_ variant: Variant) async throws -> String {
                round += 1
                for index in changing { stored[index] = BenchData.vector(index, round: round) }
                let indexes = variant == .changed ? changing : Array(0..<records)
                let given = IDs(indexes.map { ids[$0] })
                let vectors = Embeddings(indexes.map { stored[$0] })
                let before = ServerUsage.now()
                let write = try await timed {
                    try await collection.update(ids: given, embeddings: vectors, equalEmbeddings: variant == .skip ? .skip : .write)
                }
                // Queries while the index catches up (`.eventual`: the index alone, no exact
                // scoring of the records just written).
                var queries: [Double] = []
                for query in 0..<21 {
                    queries.append(
                        try await timed {
                            _ = try await collection.query(
                                embeddings: BenchData.vector(query, round: -1), nResults: 10, include: [], consistency: .eventual)
                        })
                }
                let refresh = try await timed { try await collection.refreshIndex() }
                return #""\#(variant)_write_ms": \#(write), "\#(variant)_query_p50_ms": \#(queries.sorted()[10]), "#
                    + #""\#(variant)_refresh_ms": \#(refresh), "#
                    + ServerUsage.jsonFields(variant.rawValue, since: before)
            }
            for number in 1...rounds {
                let order = (0..<3).map { Variant.allCases[($0 + number) % 3] }
                var parts: [Variant: String] = [:]
                for variant in order { parts[variant] = try await resync(variant) }
                emit(
                    #"{"records": \#(records), "changed": \#(changed), "#
                        + Variant.allCases.map { parts[$0]! }.joined(separator: ", ") + "}")
            }
        }
    }
}
