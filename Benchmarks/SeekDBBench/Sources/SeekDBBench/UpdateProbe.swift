import SeekDB

/// Whether the SDK's `update` of `records` embeddings of `dimension` components (plus
/// metadata) goes through, and how long it takes: the server limits the memory one statement
/// may use, and the derived table of `UPDATE … JOIN` grows with rows × dimension.
enum UpdateProbe {
    static func run(client: SeekDBClient, dimension: Int, records: Int) async throws {
        let collection = try await client.createCollection(
            name: "bench_probe_update_\(dimension)_\(UInt32.random(in: 0...UInt32.max))",
            configuration: HNSWConfiguration(dimension: dimension, distance: .cosine), embeddingFunction: nil)
        func vectors(_ round: Int) -> [[Float]] {
            (0..<records).map { index in (0..<dimension).map { Float(($0 * 7 + index * 13 + round * 5) % 101) / 101 + 0.01 } }
        }
        let ids = IDs(BenchData.ids(0..<records))
        do {
            let addMs = try await timed { try await collection.add(ids: ids, embeddings: Embeddings(vectors(0))) }
            emit("add \(records) × \(dimension)-d: \(addMs) ms")
            let updateMs = try await timed {
                try await collection.update(
                    ids: ids, embeddings: Embeddings(vectors(1)),
                    metadatas: Metadatas(BenchData.metadatas(0..<records, round: 1)))
            }
            emit("update \(records) × \(dimension)-d + metadata: \(updateMs) ms")
            // Affected rows of an UPDATE … JOIN with a missing id, then of one that changes nothing: if the server
            // counts matched rows (the driver sets CLIENT_FOUND_ROWS), missing ids show without a SELECT.
            let table = "`c$v2$\(collection.id ?? "")`"
            let result = try await client.execute(
                "UPDATE \(table) t JOIN (SELECT ? AS _id, ? AS metadata UNION ALL SELECT ?, ? UNION ALL SELECT ?, ?) v ON t._id = v._id "
                    + "SET t.metadata = v.metadata",
                [
                    .bytes(Array(BenchData.id(0).utf8)), .string(BenchData.metadataJSON(0, round: 1)),
                    .bytes(Array(BenchData.id(1).utf8)), .string(#"{"changed": true}"#),
                    .bytes(Array("no-such-id".utf8)), .string("{}")
                ])
            emit("UPDATE … JOIN of 2 existing ids and 1 missing id: affectedRows \(result.affectedRows)")
            let again = try await client.execute(
                "UPDATE \(table) t JOIN (SELECT ? AS _id, ? AS metadata UNION ALL SELECT ?, ?) v ON t._id = v._id SET t.metadata = "
                    + "v.metadata",
                [.bytes(Array(BenchData.id(1).utf8)), .string(#"{"changed": true}"#), .bytes(Array("no-such-id".utf8)), .string("{}")])
            emit(
                "the same UPDATE again for 1 existing id whose value does not change and 1 missing id: affectedRows \(again.affectedRows) "
                    + "(1 = matched rows counted)"
            )
        } catch {
            emit("\(dimension)-d, \(records) records: \(error)")
        }
        try await client.deleteCollection(name: collection.name)
    }
}
