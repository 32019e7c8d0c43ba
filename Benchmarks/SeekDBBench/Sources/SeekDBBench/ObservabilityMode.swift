import CoreMetrics
import Foundation
import InMemoryTracing
import MetricsTestKit
import SeekDB
import Tracing

/// The cost of the SDK's metrics and tracing on `update` of 1,000 records (metadata only), with
/// three clients on one collection, in the same run, their order rotating from round to round:
///
/// - `default`: nothing configured and nothing bootstrapped (what an application without a
///   backend gets: swift-metrics' and swift-distributed-tracing's global no-ops);
/// - `no-op`: a no-op metrics factory and `NoOpTracer` set explicitly in the configuration;
/// - `test`: swift-metrics' `TestMetrics` and the `InMemoryTracer` (backends that keep every
///   value and span: an upper bound for a real exporter's cost inside the call).
///
/// Prints the median wall time and client CPU time per variant and each variant's ratio to
/// `default`. "Without instrumentation at all" is the same mode's `default` line on a build of
/// the SDK before the instrumentation (commit d28ce0d), which has no `observability` mode: run
/// `paired 20 update_meta_1k` there and here and compare the SDK lines.
enum ObservabilityMode {
    static let records = 1_000

    static func run(configuration: SeekDBClient.Configuration, rounds: Int) async throws {
        let tracer = InMemoryTracer()
        let metrics = TestMetrics()
        var noOp = configuration
        noOp.metricsFactory = NOOPMetricsHandler.instance
        noOp.tracer = NoOpTracer()
        var test = configuration
        test.metricsFactory = metrics
        test.tracer = tracer
        let variants: [(name: String, configuration: SeekDBClient.Configuration)] = [
            ("default", configuration), ("no-op", noOp), ("test", test)
        ]
        let name = "bench_observability_\(UInt32.random(in: 0...UInt32.max))"
        try await SeekDBClient.withClient(configuration: configuration) { setup in
            let collection = try await setup.createCollection(
                name: name, configuration: HNSWConfiguration(dimension: BenchData.dimension, distance: .cosine),
                embeddingFunction: nil)
            let ids = BenchData.ids(0..<records)
            try await collection.add(
                ids: IDs(ids), embeddings: Embeddings(BenchData.vectors(0..<records, round: 0)),
                metadatas: Metadatas(BenchData.metadatas(0..<records, round: 0)))
            var timings: [String: [PairedMode.Timing]] = [:]
            var clients: [SeekDBClient] = []
            for variant in variants { clients.append(try await SeekDBClient(configuration: variant.configuration)) }
            do {
                // Two untimed rounds first: every client's connections have prepared the statements.
                for round in -2..<rounds {
                    for offset in variants.indices {
                        let index = (offset + max(round, 0)) % variants.count
                        let target = try await clients[index].getCollection(name: name, embeddingFunction: nil)
                        let metadatas = Metadatas(BenchData.metadatas(0..<records, round: 100 + round * variants.count + offset))
                        let timing = try await PairedMode.Timing.of {
                            _ = try await target.update(ids: IDs(ids), metadatas: metadatas)
                        }
                        if round >= 0 { timings[variants[index].name, default: []].append(timing) }
                        tracer.clearAll()  // the test backend keeps what it records; start each call alike
                    }
                }
            } catch {
                for client in clients { await client.close() }
                try? await setup.deleteCollection(name: name)
                throw error
            }
            for client in clients { await client.close() }
            try await setup.deleteCollection(name: name)
            let base = timings["default"].map { ProfileMode.median($0.map(\.wallMs)) } ?? 1
            for variant in variants {
                let values = timings[variant.name] ?? []
                let wall = ProfileMode.median(values.map(\.wallMs))
                let cpu = ProfileMode.median(values.map(\.cpuMs))
                emit(
                    String(
                        format:
                            "update 1,000 records, metrics and tracing %@ (%d rounds): %.1f ms wall, %.1f ms client CPU (medians); %.3f "
                            + "of default",
                        variant.name, values.count, wall, cpu, wall / base))
            }
        }
    }
}
