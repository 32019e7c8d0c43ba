import SeekDB

/// An update of given embeddings of which only some changed (a re-sync from a pipeline that
/// computes vectors itself): the SDK's default (every vector written), the SDK with
/// `equalEmbeddings: .skip` (compared first, only the changed ones written), and raw batched
/// `UPDATE … JOIN` statements writing every vector; and the same with every vector changed.
/// It measures what the comparison costs the caller (`index-catch-up` measures the server).
///
///   SeekDBBench resync-vectors RECORDS CHANGED [ROUNDS]
///
/// Per round, in this order on one collection of 384-d vectors: CHANGED of them changed, SDK
/// writing all, SDK skipping equal ones, raw; then every vector changed, SDK skipping equal
/// ones, SDK writing all, raw. One JSON line per round.
enum VectorResyncMode {
    static func run(configuration: SeekDBClient.Configuration, records: Int, changed: Int, rounds: Int) async throws {
        try await VectorResyncCollection.with(
            configuration: configuration, name: "resync_vectors_\(records)_\(changed)", records: records, changed: changed
        ) { fixture in
            let (collection, raw, table, ids) = (fixture.collection, fixture.raw, fixture.table, fixture.ids)
            var round = 0
            var vectors = BenchData.vectors(0..<records, round: 0)
            // Changes CHANGED of the vectors (or all), then sends them all through the SDK.
            func sdk(_ policy: EqualEmbeddingPolicy, all: Bool) async throws -> (ms: Double, unchanged: Int) {
                change(all: all)
                var unchanged = 0
                let ms = try await timed {
                    unchanged = try await collection.update(ids: IDs(ids), embeddings: Embeddings(vectors), equalEmbeddings: policy)
                        .unchangedIDs.count
                }
                return (ms, unchanged)
            }
            // The same as raw SQL.
            func rawSQL(all: Bool) async throws -> Double {
                change(all: all)
                return try await timed { try await rawUpdate(raw, table: table, ids: ids, vectors: vectors) }
            }
            func change(all: Bool) {
                round += 1
                for index in all ? Array(0..<records) : fixture.changing { vectors[index] = BenchData.vector(index, round: round) }
            }
            for _ in 1...rounds {
                let writeSome = try await sdk(.write, all: false)
                let skipSome = try await sdk(.skip, all: false)
                let rawSome = try await rawSQL(all: false)
                let skipAll = try await sdk(.skip, all: true)
                let writeAll = try await sdk(.write, all: true)
                let rawAll = try await rawSQL(all: true)
                emit(
                    #"{"records": \#(records), "changed": \#(changed), "unchanged": \#(skipSome.unchanged), "#
                        + #""sdk_write_some_ms": \#(writeSome.ms), "sdk_skip_some_ms": \#(skipSome.ms), "raw_some_ms": \#(rawSome), "#
                        + #""sdk_skip_all_ms": \#(skipAll.ms), "sdk_write_all_ms": \#(writeAll.ms), "raw_all_ms": \#(rawAll)}"#
                )
            }
        }
    }

    /// The given vectors written in batched `UPDATE … JOIN` statements, in one transaction.
    static func rawUpdate(_ raw: RawRunner, table: String, ids: [String], vectors: [[Float]]) async throws {
        let rows = ids.indices.map { [SQLValue.bytes(Array(ids[$0].utf8)), .vector(vectors[$0])] }
        try await raw.transaction {
            for chunk in raw.chunks(rows) {
                try await raw.client.execute(RawSQL.update(table: table, columns: ["embedding"], rows: chunk.count), chunk.flatMap { $0 })
            }
        }
    }
}
