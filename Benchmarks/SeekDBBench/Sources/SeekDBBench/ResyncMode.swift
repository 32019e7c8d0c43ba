import SeekDB
import SeekDBEmbeddings

/// A documents-only update in which only some documents changed (a re-sync), against the same
/// update in which every document changed: what skipping unchanged documents saves.
///
///   SeekDBBench resync RECORDS CHANGED [ROUNDS]
///
/// The collection uses the local all-MiniLM-L6-v2; each round times both calls and prints one
/// JSON line per round.
enum ResyncMode {
    static func run(client: SeekDBClient, records: Int, changed: Int, rounds: Int) async throws {
        let name = "resync_\(records)_\(changed)"
        try? await client.deleteCollection(name: name)
        let collection = try await client.createCollection(name: name, configuration: nil, embeddingFunction: DefaultEmbeddingFunction())
        let ids = BenchData.ids(0..<records)
        let initial = BenchData.documents(0..<records, round: 0)
        for start in stride(from: 0, to: records, by: 1_000) {
            let range = start..<min(records, start + 1_000)
            try await collection.add(ids: IDs(ids[range]), documents: Documents(Array(initial[range])))
        }
        for round in 1...rounds {
            // Every document changes; then, from there, only `changed` of them (every
            // records/changed-th one) change again.
            let all = (0..<records).map { BenchData.document($0, round: round * 2) }
            let allMs = try await timed { try await collection.update(ids: IDs(ids), documents: Documents(all)) }
            var some = all
            let step = max(1, records / max(1, changed))
            for index in stride(from: 0, to: records, by: step).prefix(changed) {
                some[index] = BenchData.document(index, round: round * 2 + 1)
            }
            var unchanged = 0
            let someMs = try await timed {
                unchanged = try await collection.update(ids: IDs(ids), documents: Documents(some)).unchangedIDs.count
            }
            emit(
                #"{"records": \#(records), "changed": \#(changed), "some_ms": \#(someMs), "all_ms": \#(allMs), "unchanged": \#(unchanged)}"#
            )
        }
        try await client.deleteCollection(name: name)
    }
}
