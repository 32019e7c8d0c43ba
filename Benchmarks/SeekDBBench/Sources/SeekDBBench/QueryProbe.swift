import SeekDB

/// Where a query's time goes: the SDK's `query` against the same statement sent raw, on the
/// same client, interleaved query by query. Prints p50 / p95 (ms) per variant.
enum QueryProbe {
    static func run(client: SeekDBClient, queries: Int) async throws {
        try await withFreshCollection(client, prefix: "probe", workload: .query, round: 0, embeddingFunction: nil) { collection in
            try await SDKRunner.preload(collection, 0..<QuerySettings.records)
            try await collection.refreshIndex()
            let table = "`c$v2$\(collection.id ?? "")`"
            let select = "SELECT _id, document, metadata, cosine_distance(embedding, CAST(? AS BINARY)) AS distance FROM \(table)"
            let tail = " ORDER BY distance APPROXIMATE LIMIT ?"
            let limit = SQLValue.int(Int64(QuerySettings.nResults))
            let variants: [(String, ([Float]) async throws -> Void)] = [
                ("sdk query", { _ = try await collection.query(embeddings: Embeddings([$0]), nResults: QuerySettings.nResults) }),
                ("raw query", { _ = try await client.execute(select + tail, [.vector($0), limit]) }),
                (
                    "sdk query where tag == t3",
                    {
                        _ = try await collection.query(
                            embeddings: Embeddings([$0]), nResults: QuerySettings.nResults, where: .field("tag") == "t3")
                    }
                ),
                (
                    "raw where, path bound",
                    {
                        _ = try await client.execute(
                            select + " WHERE JSON_OVERLAPS(JSON_EXTRACT(metadata, ?), CAST(? AS JSON))" + tail,
                            [.vector($0), .string("$.tag"), .string(#"["t3"]"#), limit])
                    }
                ),
                (
                    "raw where, path literal",
                    {
                        _ = try await client.execute(
                            select + " WHERE JSON_OVERLAPS(JSON_EXTRACT(metadata, '$.tag'), CAST(? AS JSON))" + tail,
                            [.vector($0), .string(#"["t3"]"#), limit])
                    }
                ),
                (
                    "raw where, literal path =",
                    {
                        _ = try await client.execute(
                            select + " WHERE JSON_EXTRACT(metadata, '$.tag') = ?" + tail,
                            [.vector($0), .string("t3"), limit])
                    }
                )
            ]
            var times = Array(repeating: [Double](), count: variants.count)
            for index in 0..<queries {
                let vector = BenchData.vector(index, round: 7)
                for (v, variant) in variants.enumerated() {
                    times[v].append(try await timed { try await variant.1(vector) })
                }
            }
            for (v, variant) in variants.enumerated() {
                let p = Measurement.percentiles(times[v], prefix: "")
                emit("\(variant.0): p50 \(p[0].ms) ms, p95 \(p[1].ms) ms")
            }
        }
    }
}
