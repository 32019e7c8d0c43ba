import Foundation
import SeekDB

/// `SeekDBBench probe-session [ROUNDS] [RECORDS]`: write one record, query for it at once, under
/// each query consistency: how many rounds found it, and the query's latency.
enum SessionProbe {
    static func run(client: SeekDBClient, rounds: Int, records: Int) async throws {
        let name = "session_probe"
        do { try await client.deleteCollection(name: name) } catch let error as SeekDBError where error.code == .collectionNotFound {}
        let collection = try await client.createCollection(name: name, configuration: .init(dimension: 32), embeddingFunction: nil)
        var generator = SystemRandomNumberGenerator()
        func vector() -> [Float] { (0..<32).map { _ in Float.random(in: 0..<1, using: &generator) } }
        for start in stride(from: 0, to: records, by: 1_000) {
            let ids = (start..<min(start + 1_000, records)).map { "base\($0)" }
            try await collection.add(ids: IDs(ids), embeddings: Embeddings(ids.map { _ in vector() }))
        }
        try await collection.refreshIndex()
        try await Task.sleep(for: .seconds(2))
        print("consistency      rounds  found   query p50 ms  p95 ms   (\(records) records, dimension 32, nResults 1)")
        let cases: [(String, QueryConsistency, Int)] = [
            ("eventual", .eventual, rounds), ("session", .session, rounds),
            ("exact", .exact, rounds), ("readYourWrites", .readYourWrites, min(rounds, 100))
        ]
        for (label, consistency, count) in cases {
            var found = 0
            var latencies: [Double] = []
            for round in 0..<count {
                let id = "\(label)-\(round)"
                let written = vector()
                try await collection.add(ids: IDs(id), embeddings: [written])
                let started = ContinuousClock.now
                let hits = try await collection.query(embeddings: [written], nResults: 1, include: [], consistency: consistency)
                latencies.append(SoakWorker.milliseconds(since: started))
                if hits.ids.first?.first == id { found += 1 }
            }
            print(
                label.padding(toLength: 16, withPad: " ", startingAt: 0)
                    + String(
                        format: "%6d  %5d   %12.2f  %6.2f", count, found,
                        SoakStats.percentile(latencies, 0.5), SoakStats.percentile(latencies, 0.95)))
            // The next case starts with no recent writes of this client.
            try await collection.refreshIndex()
            try await Task.sleep(for: .seconds(11))
        }
        try await client.deleteCollection(name: name)
    }
}
