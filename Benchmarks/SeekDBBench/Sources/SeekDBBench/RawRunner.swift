import SeekDB
import SeekDBEmbeddings

/// Runs each workload as hand-written batched SQL through `SeekDBClient.execute` on a client
/// whose pool holds one connection, so every statement (and `START TRANSACTION` / `COMMIT`)
/// goes over the same MariaDB connection as prepared statements, as the SDK's own do. Setup
/// (creating and filling the collection) uses the SDK and is not timed.
struct RawRunner {
    let client: SeekDBClient
    /// Records per statement.
    let rowsPerStatement: Int
    let embedder = DefaultEmbeddingFunction()

    func run(_ workload: Workload, round: Int) async throws -> Measurement {
        try await withFreshCollection(client, prefix: "raw", workload: workload, round: round, embeddingFunction: nil) {
            try await measure(workload, round: round, collection: $0)
        }
    }

    private func measure(_ workload: Workload, round: Int, collection: SeekDBCollection) async throws -> Measurement {
        let write = round + 1
        let table = "`c$v2$\(collection.id ?? "")`"
        let ms: Double
        switch workload {
        case .add1k, .add10k:
            let count = workload == .add1k ? 1_000 : 10_000
            let rows = (0..<count).map { index in
                [
                    SQLValue.bytes(Array(BenchData.id(index).utf8)), .string(BenchData.document(index, round: write)),
                    .string(BenchData.metadataJSON(index, round: write)), .vector(BenchData.vector(index, round: write))
                ]
            }
            ms = try await timed {
                try await transaction {
                    for chunk in chunks(rows) {
                        try await client.execute(RawSQL.insert(table: table, rows: chunk.count), chunk.flatMap { $0 })
                    }
                }
            }
            try check(try await collection.count() == count, "raw add: count")
        case .updateEmbeddingsMetadata, .updateMetadata:
            try await SDKRunner.preload(collection, 0..<1_000)
            let full = workload == .updateEmbeddingsMetadata
            let columns = full ? ["metadata", "embedding"] : ["metadata"]
            let rows = (0..<1_000).map { index in
                [SQLValue.bytes(Array(BenchData.id(index).utf8)), .string(BenchData.metadataJSON(index, round: write))]
                    + (full ? [.vector(BenchData.vector(index, round: write))] : [])
            }
            ms = try await timed {
                try await transaction {
                    for chunk in chunks(rows) {
                        try await client.execute(RawSQL.update(table: table, columns: columns, rows: chunk.count), chunk.flatMap { $0 })
                    }
                }
            }
            try await SDKRunner.checkRound(collection, id: BenchData.id(999), round: write)
        case .upsert:
            try await SDKRunner.preload(collection, 0..<1_000)
            let rows = (500..<1_500).map { index in
                [
                    SQLValue.bytes(Array(BenchData.id(index).utf8)), .string(BenchData.document(index, round: write)),
                    .string(BenchData.metadataJSON(index, round: write)), .vector(BenchData.vector(index, round: write))
                ]
            }
            ms = try await timed {
                try await transaction {
                    for chunk in chunks(rows) {
                        try await client.execute(RawSQL.upsert(table: table, rows: chunk.count), chunk.flatMap { $0 })
                    }
                }
            }
            try check(try await collection.count() == 1_500, "raw upsert: count")
            try await SDKRunner.checkRound(collection, id: BenchData.id(500), round: write)
        case .delete:
            try await SDKRunner.preload(collection, 0..<2_000)
            let ids = stride(from: 0, to: 2_000, by: 2).map { SQLValue.bytes(Array(BenchData.id($0).utf8)) }
            ms = try await timed {
                try await client.execute(RawSQL.delete(table: table, count: ids.count), ids)
            }
            try check(try await collection.count() == 1_000, "raw delete: count")
        case .updateDocuments:
            try await SDKRunner.preload(collection, 0..<1_000)
            let documents = BenchData.documents(0..<1_000, round: write)
            ms = try await timed {
                let vectors = try await embedder.embed(documents)
                let rows = documents.indices.map { index in
                    [SQLValue.bytes(Array(BenchData.id(index).utf8)), .string(documents[index]), .vector(vectors[index])]
                }
                try await transaction {
                    for chunk in chunks(rows) {
                        try await client.execute(
                            RawSQL.update(table: table, columns: ["document", "embedding"], rows: chunk.count),
                            chunk.flatMap { $0 })
                    }
                }
            }
            let got = try await collection.get(ids: IDs(BenchData.id(999)), include: .documents)
            try check(got.documents?.first ?? nil == documents.last, "raw update documents: document")
        case .resyncDocuments:
            // By hand what the SDK does: lock and read the stored documents, embed and write only
            // the changed ones.
            try await SDKRunner.preload(collection, 0..<1_000)
            let documents = BenchData.resyncDocuments(0..<1_000, round: write)
            let ids = BenchData.ids(0..<1_000)
            ms = try await timed {
                try await transaction {
                    let stored = try await client.execute(
                        "SELECT _id, document FROM \(table) WHERE _id IN (\(RawSQL.ids(ids.count))) FOR UPDATE",
                        ids.map { .bytes(Array($0.utf8)) })
                    var storedDocuments: [String: String] = [:]
                    for row in stored.rows {
                        if let id = row[0].bytesValue, let document = row[1].stringValue {
                            storedDocuments[String(decoding: id, as: UTF8.self)] = document
                        }
                    }
                    let changed = ids.indices.filter { storedDocuments[ids[$0]] != documents[$0] }
                    let vectors = try await embedder.embed(changed.map { documents[$0] })
                    let rows = changed.indices.map { position in
                        let index = changed[position]
                        return [SQLValue.bytes(Array(ids[index].utf8)), .string(documents[index]), .vector(vectors[position])]
                    }
                    for chunk in chunks(rows) {
                        try await client.execute(
                            RawSQL.update(table: table, columns: ["document", "embedding"], rows: chunk.count), chunk.flatMap { $0 })
                    }
                }
            }
            let got = try await collection.get(ids: IDs(BenchData.id(990)), include: .documents)
            try check(got.documents?.first ?? nil == documents[990], "raw re-sync documents: document")
        case .query:
            try await SDKRunner.preload(collection, 0..<QuerySettings.records)
            try await collection.refreshIndex()
            let select = "SELECT _id, document, metadata, cosine_distance(embedding, CAST(? AS BINARY)) AS distance FROM \(table)"
            let plain = select + " ORDER BY distance APPROXIMATE LIMIT ?"
            let filteredSQL =
                select + " WHERE JSON_OVERLAPS(JSON_EXTRACT(metadata, '$.tag'), CAST(? AS JSON)) ORDER BY distance APPROXIMATE LIMIT ?"
            var times: [Double] = []
            var filtered: [Double] = []
            for vector in QuerySettings.vectors() {
                try times.append(
                    await timed {
                        let rows = try await client.execute(plain, [.vector(vector), .int(Int64(QuerySettings.nResults))]).rows
                        try check(rows.count == QuerySettings.nResults, "raw query: \(rows.count) hits")
                    })
            }
            for vector in QuerySettings.vectors() {
                try filtered.append(
                    await timed {
                        let rows = try await client.execute(
                            filteredSQL,
                            [
                                .vector(vector), .string(#"["t3"]"#),
                                .int(Int64(QuerySettings.nResults))
                            ]
                        ).rows
                        try check(!rows.isEmpty, "raw filtered query: no hits")
                    })
            }
            return .latencies(Measurement.percentiles(times, prefix: "") + Measurement.percentiles(filtered, prefix: "where "))
        }
        return .milliseconds(ms)
    }

    func chunks(_ rows: [[SQLValue]]) -> [ArraySlice<[SQLValue]>] {
        stride(from: 0, to: rows.count, by: rowsPerStatement).map { rows[$0..<min(rows.count, $0 + rowsPerStatement)] }
    }

    func transaction(_ body: () async throws -> Void) async throws {
        try await client.executeText("START TRANSACTION")
        do {
            try await body()
            try await client.executeText("COMMIT")
        } catch {
            _ = try? await client.executeText("ROLLBACK")
            throw error
        }
    }
}
