import SeekDB

/// An update of given embeddings of which only some changed (a re-sync from a pipeline that
/// computes vectors itself), through the SDK and as raw batched `UPDATE … JOIN` statements
/// writing every vector; and the same with every vector changed. It is how the SDK's choice to
/// write given vectors as given was measured (see Benchmarks/README.md): comparing them with the
/// stored ones first cost more than the writes it saved.
///
///   SeekDBBench resync-vectors RECORDS CHANGED [ROUNDS]
///
/// Per round, in this order on one collection of 384-d vectors: SDK, every vector changed; SDK,
/// CHANGED of them changed; raw, CHANGED changed (all written); raw, every vector changed. One
/// JSON line per round.
enum VectorResyncMode {
    static func run(configuration: SeekDBClient.Configuration, records: Int, changed: Int, rounds: Int) async throws {
        try await VectorResyncCollection.with(
            configuration: configuration, name: "resync_vectors_\(records)_\(changed)", records: records, changed: changed
        ) { fixture in
            let (collection, raw, table, ids) = (fixture.collection, fixture.raw, fixture.table, fixture.ids)
            for round in 1...rounds {
                let base = round * 10
                var vectors = BenchData.vectors(0..<records, round: base)
                let sdkAll = try await timed { try await collection.update(ids: IDs(ids), embeddings: Embeddings(vectors)) }
                for index in fixture.changing { vectors[index] = BenchData.vector(index, round: base + 1) }
                var unchanged = 0
                let sdkSome = try await timed {
                    unchanged = try await collection.update(ids: IDs(ids), embeddings: Embeddings(vectors)).unchangedIDs.count
                }
                for index in fixture.changing { vectors[index] = BenchData.vector(index, round: base + 2) }
                let rawSome = try await timed { try await rawUpdate(raw, table: table, ids: ids, vectors: vectors) }
                let rawAll = try await timed {
                    try await rawUpdate(raw, table: table, ids: ids, vectors: BenchData.vectors(0..<records, round: base + 3))
                }
                emit(
                    #"{"records": \#(records), "changed": \#(changed), "unchanged": \#(unchanged), "#
                        + #""sdk_some_ms": \#(sdkSome), "raw_some_ms": \#(rawSome), "#
                        + #""sdk_all_ms": \#(sdkAll), "raw_all_ms": \#(rawAll)}"#
                )
            }
        }
    }

    /// The given vectors written in batched `UPDATE … JOIN` statements, in one transaction
    /// (also `index-catch-up`'s writes).
    static func rawUpdate(_ raw: RawRunner, table: String, ids: [String], vectors: [[Float]]) async throws {
        let rows = ids.indices.map { [SQLValue.bytes(Array(ids[$0].utf8)), .vector(vectors[$0])] }
        try await raw.transaction {
            for chunk in raw.chunks(rows) {
                try await raw.client.execute(RawSQL.update(table: table, columns: ["embedding"], rows: chunk.count), chunk.flatMap { $0 })
            }
        }
    }
}
