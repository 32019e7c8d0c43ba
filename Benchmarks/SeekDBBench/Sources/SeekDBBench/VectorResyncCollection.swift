import SeekDB

/// What `resync-vectors` and `index-catch-up` share: a fresh collection of RECORDS 384-d vectors
/// (round 0), an SDK client and a one-connection raw runner on it, and the evenly spread
/// indexes of the CHANGED records.
struct VectorResyncCollection {
    let collection: SeekDBCollection
    let raw: RawRunner
    /// The collection's table, quoted for raw SQL.
    let table: String
    let ids: [String]
    /// CHANGED indexes spread evenly over the records.
    let changing: [Int]

    /// Creates the collection under `name` (replacing a leftover), adds the round-0 vectors in
    /// calls of 1,000, runs `body`, and deletes the collection.
    static func with(
        configuration: SeekDBClient.Configuration, name: String, records: Int, changed: Int,
        _ body: (VectorResyncCollection) async throws -> Void
    ) async throws {
        var rawConfiguration = configuration
        rawConfiguration.pool.maximumConnections = 1  // START TRANSACTION … COMMIT on one connection
        try await SeekDBClient.withClient(configuration: configuration) { client in
            try await SeekDBClient.withClient(configuration: rawConfiguration) { rawClient in
                try? await client.deleteCollection(name: name)
                let collection = try await client.createCollection(
                    name: name, configuration: HNSWConfiguration(dimension: BenchData.dimension, distance: .l2), embeddingFunction: nil)
                let ids = BenchData.ids(0..<records)
                for start in stride(from: 0, to: records, by: 1_000) {
                    let range = start..<min(records, start + 1_000)
                    try await collection.add(ids: IDs(ids[range]), embeddings: Embeddings(BenchData.vectors(range, round: 0)))
                }
                let step = max(1, records / max(1, changed))
                try await body(
                    VectorResyncCollection(
                        collection: collection, raw: RawRunner(client: rawClient, rowsPerStatement: 500),
                        table: "`c$v2$\(collection.id ?? "")`", ids: ids,
                        changing: Array(stride(from: 0, to: records, by: step).prefix(changed))))
                try await client.deleteCollection(name: name)
            }
        }
    }
}
