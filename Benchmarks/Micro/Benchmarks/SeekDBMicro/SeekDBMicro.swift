// Micro-benchmarks of the SDK's client-side work, with no server: what a write costs the client
// before anything is sent (metadata JSON, statement SQL and parameters) and what the local
// embedding function costs. package-benchmark reports wall time, CPU time and malloc counts.
//
// Run from the repository root: scripts/bench-micro (see Benchmarks/README.md).
//
// `@testable import SeekDB` reaches the internal encoder and statement builders; scripts/bench-micro
// therefore builds with `-enable-testing` (package-benchmark builds in release, and a release
// module can be imported as testable only when compiled with that flag).
import Benchmark

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .mallocCountTotal, .mallocBytesCount, .mallocFreeDelta],
        warmupIterations: 3,
        maxDuration: .seconds(5),
        maxIterations: 1_000
    )
    EncodingBenchmarks.register()
    StatementBenchmarks.register()
    EmbeddingBenchmarks.register()
}
