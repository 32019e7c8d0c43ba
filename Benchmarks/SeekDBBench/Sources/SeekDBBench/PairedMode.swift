import Foundation
import SeekDB

/// SDK against raw SQL in tight pairs on one collection per workload: each pair runs the same
/// write once through each client, back to back, the order alternating from pair to pair, and
/// the untimed reset between calls (deleting what an add or upsert inserted, re-adding what a
/// delete removed) is the same for both. No collection is created between pairs, so seekdb's
/// background work after DDL does not land on one client more than the other. Prints, per
/// workload, the median of each client, the median and quartiles of the per-pair ratios, and
/// the CPU time this process spent per call (user + system): the client's own cost, which the
/// server's noise does not touch.
enum PairedMode {
    static let workloads: [Workload] = [.add1k, .updateEmbeddingsMetadata, .updateMetadata, .upsert, .delete]

    static func run(configuration: SeekDBClient.Configuration, pairs: Int, workloads: [Workload]) async throws {
        var rawConfiguration = configuration
        rawConfiguration.pool.maximumConnections = 1  // START TRANSACTION … COMMIT on one connection
        try await SeekDBClient.withClient(configuration: configuration) { sdk in
            try await SeekDBClient.withClient(configuration: rawConfiguration) { rawClient in
                let raw = RawRunner(client: rawClient, rowsPerStatement: 500)
                for workload in workloads {
                    let collection = try await sdk.createCollection(
                        name: "bench_paired_\(workload.rawValue)_\(UInt32.random(in: 0...UInt32.max))",
                        configuration: HNSWConfiguration(dimension: BenchData.dimension, distance: .cosine), embeddingFunction: nil)
                    let pair = Pair(
                        workload: workload, collection: collection, raw: raw,
                        table: "`c$v2$\(collection.id ?? "")`")
                    try await pair.setUp()
                    var sdkTimes: [Timing] = []
                    var rawTimes: [Timing] = []
                    // Two untimed pairs first: every pooled connection of the SDK's client has
                    // then prepared the statements (the raw client has one connection).
                    for index in -2..<pairs {
                        let sdkRound = 2 * index + 10
                        let rawRound = 2 * index + 11
                        let sdkTiming: Timing
                        let rawTiming: Timing
                        if index % 2 == 0 {
                            sdkTiming = try await pair.sdk(round: sdkRound)
                            rawTiming = try await pair.raw(round: rawRound)
                        } else {
                            rawTiming = try await pair.raw(round: rawRound)
                            sdkTiming = try await pair.sdk(round: sdkRound)
                        }
                        if index >= 0 {
                            sdkTimes.append(sdkTiming)
                            rawTimes.append(rawTiming)
                        }
                    }
                    try await sdk.deleteCollection(name: collection.name)
                    let ratios = zip(sdkTimes, rawTimes).map { $0.wallMs / $1.wallMs }.sorted()
                    let quartile = { (q: Double) in ratios[min(ratios.count - 1, Int(Double(ratios.count - 1) * q + 0.5))] }
                    emit(
                        String(
                            format:
                                "%@ (%d pairs): SDK %.1f ms, raw %.1f ms (medians); SDK / raw per pair: median %.2f, quartiles %.2f–%.2f; "
                                + "client CPU per call: SDK %.1f ms, raw %.1f ms",
                            workload.rawValue, pairs, median(sdkTimes.map(\.wallMs)), median(rawTimes.map(\.wallMs)),
                            quartile(0.5), quartile(0.25), quartile(0.75),
                            median(sdkTimes.map(\.cpuMs)), median(rawTimes.map(\.cpuMs))))
                }
            }
        }
    }

    /// Wall-clock and CPU time (user + system, this process) of one call.
    struct Timing {
        var wallMs: Double
        var cpuMs: Double

        static func of(_ body: () async throws -> Void) async throws -> Timing {
            let cpu = processCPUMilliseconds()
            let wall = try await timed(body)
            return Timing(wallMs: wall, cpuMs: processCPUMilliseconds() - cpu)
        }

        private static func processCPUMilliseconds() -> Double {
            var usage = rusage()
            getrusage(RUSAGE_SELF.rawValue, &usage)
            let seconds = { (t: timeval) in Double(t.tv_sec) * 1000 + Double(t.tv_usec) / 1000 }
            return seconds(usage.ru_utime) + seconds(usage.ru_stime)
        }
    }

    private static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }

    /// One workload's timed call through each client, with the untimed reset that follows it.
    private struct Pair {
        let workload: Workload
        let collection: SeekDBCollection
        let raw: RawRunner
        let table: String

        func setUp() async throws {
            switch workload {
            case .updateEmbeddingsMetadata, .updateMetadata, .upsert: try await SDKRunner.preload(collection, 0..<1_000)
            case .delete: try await SDKRunner.preload(collection, 0..<2_000)
            default: break
            }
        }

        /// The SDK's call, as `SDKRunner` makes it.
        func sdk(round: Int) async throws -> Timing {
            let ms: Timing
            switch workload {
            case .add1k:
                let range = 0..<1_000
                let ids = IDs(BenchData.ids(range))
                let vectors = Embeddings(BenchData.vectors(range, round: round))
                let documents = Documents(BenchData.documents(range, round: round))
                let metadatas = Metadatas(BenchData.metadatas(range, round: round))
                ms = try await Timing.of {
                    try await collection.add(ids: ids, embeddings: vectors, documents: documents, metadatas: metadatas)
                }
            case .updateEmbeddingsMetadata, .updateMetadata:
                let range = 0..<1_000
                let ids = IDs(BenchData.ids(range))
                let metadatas = Metadatas(BenchData.metadatas(range, round: round))
                let vectors = workload == .updateMetadata ? nil : Embeddings(BenchData.vectors(range, round: round))
                ms = try await Timing.of { try await collection.update(ids: ids, embeddings: vectors, metadatas: metadatas) }
            case .upsert:
                let range = 500..<1_500
                let ids = IDs(BenchData.ids(range))
                let vectors = Embeddings(BenchData.vectors(range, round: round))
                let documents = Documents(BenchData.documents(range, round: round))
                let metadatas = Metadatas(BenchData.metadatas(range, round: round))
                ms = try await Timing.of {
                    try await collection.upsert(ids: ids, embeddings: vectors, documents: documents, metadatas: metadatas)
                }
            case .delete:
                let ids = IDs(stride(from: 0, to: 2_000, by: 2).map(BenchData.id))
                ms = try await Timing.of { try await collection.delete(ids: ids) }
            default:
                fatalError("\(workload) is not a paired workload")
            }
            try await reset(round: round)
            return ms
        }

        /// The same work as hand-written statements, as `RawRunner` sends them.
        func raw(round: Int) async throws -> Timing {
            let client = raw.client
            func rows(_ range: some Sequence<Int>, full: Bool) -> [[SQLValue]] {
                range.map { index in
                    [SQLValue.bytes(Array(BenchData.id(index).utf8))]
                        + (full ? [.string(BenchData.document(index, round: round))] : [])
                        + [.string(BenchData.metadataJSON(index, round: round)), .vector(BenchData.vector(index, round: round))]
                }
            }
            let ms: Timing
            switch workload {
            case .add1k, .upsert:
                let records = rows(workload == .add1k ? 0..<1_000 : 500..<1_500, full: true)
                ms = try await Timing.of {
                    try await raw.transaction {
                        for chunk in raw.chunks(records) {
                            let sql =
                                workload == .add1k
                                ? RawSQL.insert(table: table, rows: chunk.count) : RawSQL.upsert(table: table, rows: chunk.count)
                            try await client.execute(sql, chunk.flatMap { $0 })
                        }
                    }
                }
            case .updateEmbeddingsMetadata, .updateMetadata:
                let full = workload == .updateEmbeddingsMetadata
                let records = rows(0..<1_000, full: false).map { full ? $0 : Array($0.dropLast()) }
                ms = try await Timing.of {
                    try await raw.transaction {
                        for chunk in raw.chunks(records) {
                            try await client.execute(
                                RawSQL.update(
                                    table: table, columns: full ? ["metadata", "embedding"] : ["metadata"],
                                    rows: chunk.count), chunk.flatMap { $0 })
                        }
                    }
                }
            case .delete:
                let ids = stride(from: 0, to: 2_000, by: 2).map { SQLValue.bytes(Array(BenchData.id($0).utf8)) }
                ms = try await Timing.of { try await client.execute(RawSQL.delete(table: table, count: ids.count), ids) }
            default:
                fatalError("\(workload) is not a paired workload")
            }
            try await reset(round: round)
            return ms
        }

        /// Checks the call's effect, then puts the collection back as the next call expects it.
        private func reset(round: Int) async throws {
            switch workload {
            case .add1k:
                try check(try await collection.count() == 1_000, "paired add: count")
                try await collection.delete(where: .all)
            case .updateEmbeddingsMetadata, .updateMetadata:
                try await SDKRunner.checkRound(collection, id: BenchData.id(999), round: round)
            case .upsert:
                try check(try await collection.count() == 1_500, "paired upsert: count")
                try await SDKRunner.checkRound(collection, id: BenchData.id(500), round: round)
                try await collection.delete(ids: IDs(BenchData.ids(1_000..<1_500)))
            case .delete:
                try check(try await collection.count() == 1_000, "paired delete: count")
                let evens = stride(from: 0, to: 2_000, by: 2)
                try await collection.add(
                    ids: IDs(evens.map(BenchData.id)), embeddings: Embeddings(evens.map { BenchData.vector($0, round: 0) }))
            default:
                break
            }
        }
    }
}
