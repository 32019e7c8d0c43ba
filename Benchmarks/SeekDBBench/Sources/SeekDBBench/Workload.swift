import Foundation
import SeekDB
import SeekDBEmbeddings

/// The benchmark's workloads. The raw values are the names `Benchmarks/bench.py` uses.
enum Workload: String, CaseIterable, Sendable {
    /// `add` 1,000 records (embedding, document, metadata) into an empty collection.
    case add1k = "add_1k"
    /// `add` 10,000 records into an empty collection.
    case add10k = "add_10k"
    /// `update` 1,000 existing records: new embeddings and metadata.
    case updateEmbeddingsMetadata = "update_emb_meta_1k"
    /// `update` 1,000 existing records: new metadata only.
    case updateMetadata = "update_meta_1k"
    /// `upsert` 1,000 records (embedding, document, metadata), half of them new.
    case upsert = "upsert_1k"
    /// `delete` 1,000 of 2,000 records by id.
    case delete = "delete_1k"
    /// `update` 1,000 existing records with new documents only: each is embedded locally
    /// (all-MiniLM-L6-v2), then document and embedding are written.
    case updateDocuments = "update_docs_1k"
    /// `update` 1,000 existing records with documents of which 100 (every tenth) changed and
    /// the rest equal the stored ones: a re-sync. The SDK embeds and writes only the changed.
    case resyncDocuments = "resync_docs_1k"
    /// Latency of single-vector top-10 queries over 10,000 records, without and with a metadata
    /// equality filter (`tag == "t3"`, a seventh of the records).
    case query = "query_10k"
}

/// Query settings: how many timed queries per variant, after a few untimed ones.
enum QuerySettings {
    static let records = 10_000
    static let nResults = 10
    static let warmupQueries = 10
    static var timedQueries: Int { ProcessInfo.processInfo.environment["BENCH_QUERIES"].flatMap { Int($0) } ?? 100 }
    /// The query vectors: not stored records' vectors (round 7 of records 0, 1, …).
    static func vectors() -> [[Float]] { (0..<(warmupQueries + timedQueries)).map { BenchData.vector($0, round: 7) } }
}

/// One timed run of a workload.
enum Measurement: Sendable {
    /// Wall time of the call, in milliseconds.
    case milliseconds(Double)
    /// Named latency percentiles, in milliseconds.
    case latencies([(name: String, ms: Double)])

    var json: String {
        switch self {
        case .milliseconds(let ms): #"{"ms": \#(ms)}"#
        case .latencies(let values): "{" + values.map { #""\#($0.name)": \#($0.ms)"# }.joined(separator: ", ") + "}"
        }
    }

    /// p50 and p95 of per-query times (after dropping the warm-up queries), named `prefix p50` …
    static func percentiles(_ times: [Double], prefix: String) -> [(name: String, ms: Double)] {
        let sorted = times.dropFirst(QuerySettings.warmupQueries).sorted()
        func at(_ q: Double) -> Double { sorted[min(sorted.count - 1, Int((Double(sorted.count) * q).rounded(.up)) - 1)] }
        return [(prefix + "p50", at(0.5)), (prefix + "p95", at(0.95))]
    }
}

/// Milliseconds taken by `body`.
func timed(_ body: () async throws -> Void) async rethrows -> Double {
    let start = ContinuousClock.now
    try await body()
    let elapsed = start.duration(to: .now)
    return Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
}

struct BenchFailure: Error, CustomStringConvertible {
    var description: String
}

/// Fails the run when a write did not do what it should (checked after the timed part).
func check(_ condition: Bool, _ message: @autoclosure () -> String) throws {
    if !condition { throw BenchFailure(description: message()) }
}

/// Runs `body` on a new empty 384-d cosine collection and deletes the collection afterwards
/// (before the next workload starts, so that no cleanup overlaps a timed call).
func withFreshCollection<R>(
    _ client: SeekDBClient, prefix: String, workload: Workload, round: Int,
    embeddingFunction: (any EmbeddingFunction)?,
    _ body: (SeekDBCollection) async throws -> R
) async throws -> R {
    let collection = try await client.createCollection(
        name: "bench_\(prefix)_\(workload.rawValue)_\(round)_\(UInt32.random(in: 0...UInt32.max))",
        configuration: HNSWConfiguration(dimension: BenchData.dimension, distance: .cosine),
        embeddingFunction: embeddingFunction)
    do {
        let result = try await body(collection)
        try await client.deleteCollection(name: collection.name)
        return result
    } catch {
        try? await client.deleteCollection(name: collection.name)
        throw error
    }
}
