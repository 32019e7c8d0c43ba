import Foundation
import Logging
import SeekDB
import Synchronization

/// Where the SDK's time goes in a write: every statement the driver sends is logged at trace
/// level when it starts; the time from one statement's start to the next one's is that
/// statement's round trip (plus the client's work before the next), the time before the first
/// is the client's preparation (validation, encoding). Prints the median per statement kind.
enum ProfileMode {
    static func run(configuration: SeekDBClient.Configuration, rounds: Int) async throws {
        for workload in [Workload.add10k, .updateEmbeddingsMetadata, .updateMetadata, .upsert, .delete] {
            var phases: [String: [Double]] = [:]
            var order: [String] = []
            for round in 0..<rounds {
                // A client per run: see the note on open cursors in main.swift.
                try await SeekDBClient.withClient(configuration: configuration) { client in
                    try await withFreshCollection(client, prefix: "profile", workload: workload, round: round, embeddingFunction: nil) {
                        collection in
                        let preload = workload == .delete ? 2_000 : workload == .add10k ? 0 : 1_000
                        try await SDKRunner.preload(collection, 0..<preload)
                        let recorder = StatementRecorder()
                        var logger = Logger(label: "bench", factory: { _ in recorder })
                        logger.logLevel = .trace
                        let write = round + 1
                        // Inputs are built before the clock starts.
                        let range = workload == .add10k ? 0..<10_000 : workload == .upsert ? 500..<1_500 : 0..<1_000
                        let ids = IDs(workload == .delete ? stride(from: 0, to: 2_000, by: 2).map(BenchData.id) : BenchData.ids(range))
                        let embeddings = Embeddings(BenchData.vectors(range, round: write))
                        let documents = Documents(BenchData.documents(range, round: write))
                        let metadatas = Metadatas(BenchData.metadatas(range, round: write))
                        let start = ContinuousClock.now
                        switch workload {
                        case .add10k:
                            try await collection.add(
                                ids: ids, embeddings: embeddings, documents: documents, metadatas: metadatas, logger: logger)
                        case .updateEmbeddingsMetadata:
                            try await collection.update(ids: ids, embeddings: embeddings, metadatas: metadatas, logger: logger)
                        case .updateMetadata:
                            try await collection.update(ids: ids, metadatas: metadatas, logger: logger)
                        case .upsert:
                            try await collection.upsert(
                                ids: ids, embeddings: embeddings, documents: documents, metadatas: metadatas, logger: logger)
                        default:
                            try await collection.delete(ids: ids, logger: logger)
                        }
                        let end = ContinuousClock.now
                        let events = recorder.events
                        var previous = (kind: "client preparation", at: start)
                        var perKind: [String: Double] = [:]
                        for event in events + [(kind: "end", at: end)] {
                            perKind[previous.kind, default: 0] += ms(previous.at.duration(to: event.at))
                            if !order.contains(previous.kind) { order.append(previous.kind) }
                            previous = event
                        }
                        perKind["total"] = ms(start.duration(to: end))
                        for (kind, value) in perKind { phases[kind, default: []].append(value) }
                    }
                }
            }
            if !order.contains("total") { order.append("total") }
            emit(
                "\(workload.rawValue) (SDK, median of \(rounds)): "
                    + order.map { "\($0) \(String(format: "%.1f", median(phases[$0] ?? [0]))) ms" }.joined(separator: "; "))
        }
    }

    static func ms(_ duration: Duration) -> Double {
        Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }
}

/// Records the start of every statement the driver logs, with the statement's first words.
final class StatementRecorder: LogHandler, @unchecked Sendable {
    private let storage = Mutex<[(kind: String, at: ContinuousClock.Instant)]>([])
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    var events: [(kind: String, at: ContinuousClock.Instant)] { storage.withLock { $0 } }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let now = ContinuousClock.now
        guard case .string(let sql)? = event.metadata?["seekdb.sql"] else { return }
        let words = sql.split(separator: " ")
        let kind =
            switch words.first {
            case "SELECT": "SELECT _id … FOR UPDATE"
            case "START": "START TRANSACTION"
            default: String(words.first ?? "")
            }
        storage.withLock { $0.append((kind, now)) }
    }
}
