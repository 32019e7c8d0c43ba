import SeekDB

/// The cost of the SDK's existence check in `update` against the write itself, on a collection
/// of 1,000 records, each variant in its own transaction (rolled back, so every repetition
/// starts from the same rows), interleaved, median of `repetitions`:
/// - the SDK's check: `SELECT _id … WHERE _id IN (500 ids) FOR UPDATE`, twice;
/// - the same without `FOR UPDATE`; one statement of 1,000 ids with `FOR UPDATE`;
/// - the metadata-only `UPDATE … JOIN` of 2 × 500 rows alone, whose matched-row count
///   (the driver sets CLIENT_FOUND_ROWS) already tells whether an id is missing.
enum LockProbe {
    static func run(client: SeekDBClient, repetitions: Int) async throws {
        try await withFreshCollection(client, prefix: "probe_lock", workload: .updateMetadata, round: 0, embeddingFunction: nil) {
            collection in
            try await SDKRunner.preload(collection, 0..<1_000)
            let table = "`c$v2$\(collection.id ?? "")`"
            let ids = (0..<1_000).map { SQLValue.bytes(Array(BenchData.id($0).utf8)) }
            func select(_ count: Int, forUpdate: Bool) -> String {
                "SELECT _id FROM \(table) WHERE _id IN (\(Array(repeating: "?", count: count).joined(separator: ", ")))"
                    + (forUpdate ? " FOR UPDATE" : "")
            }
            let rows = (0..<1_000).map { [ids[$0], SQLValue.string(BenchData.metadataJSON($0, round: 1))] }
            let update = RawSQL.update(table: table, columns: ["metadata"], rows: 500)
            let variants: [(String, () async throws -> Void)] = [
                (
                    "SELECT … FOR UPDATE, 2 × 500 ids",
                    {
                        for start in [0, 500] { try await client.execute(select(500, forUpdate: true), Array(ids[start..<start + 500])) }
                    }
                ),
                (
                    "SELECT without FOR UPDATE, 2 × 500 ids",
                    {
                        for start in [0, 500] { try await client.execute(select(500, forUpdate: false), Array(ids[start..<start + 500])) }
                    }
                ),
                ("SELECT … FOR UPDATE, 1 × 1,000 ids", { try await client.execute(select(1_000, forUpdate: true), ids) }),
                (
                    "UPDATE … JOIN metadata, 2 × 500 rows (matched rows counted)",
                    {
                        var matched: UInt64 = 0
                        for start in [0, 500] {
                            matched += try await client.execute(update, rows[start..<start + 500].flatMap { $0 }).affectedRows
                        }
                        try check(matched == 1_000, "matched \(matched)")
                    }
                )
            ]
            var times = Array(repeating: [Double](), count: variants.count)
            for _ in 0..<repetitions {
                for (index, variant) in variants.enumerated() {
                    try await client.executeText("START TRANSACTION")
                    times[index].append(try await timed { try await variant.1() })
                    try await client.executeText("ROLLBACK")
                }
            }
            for (index, variant) in variants.enumerated() {
                emit("\(variant.0): median \(ProfileMode.median(times[index])) ms")
            }
        }
    }
}
