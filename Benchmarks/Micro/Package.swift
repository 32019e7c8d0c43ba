// swift-tools-version: 6.2
// Micro-benchmarks of the SDK's client-side work (no server): metadata encoding, the SQL and
// parameters of batched writes, WordPiece tokenization, local embedding. On package-benchmark,
// which reports wall time, CPU time and malloc counts per iteration.
// Stand-alone (depends on the SDK by path) so that neither the SDK nor CI builds package-benchmark.
// Run with `scripts/bench-micro` from the repository root; see ../README.md.
import PackageDescription

let package = Package(
    name: "SeekDBMicro",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "seekdb-swift", path: "../.."),
        // MallocInterposer only: the default traits also pull swift-runtime-interposer on Linux
        // with Swift 6.3 (ARC counters), which these benchmarks do not report.
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"])
    ],
    targets: [
        // package-benchmark finds benchmark targets in the `Benchmarks/` folder of the package.
        .executableTarget(
            name: "SeekDBMicro",
            dependencies: [
                .product(name: "SeekDB", package: "seekdb-swift"),
                .product(name: "SeekDBEmbeddings", package: "seekdb-swift"),
                .product(name: "Benchmark", package: "benchmark")
            ],
            path: "Benchmarks/SeekDBMicro",
            swiftSettings: [
                .enableUpcomingFeature("ExistentialAny"),
                .enableUpcomingFeature("MemberImportVisibility"),
                .enableUpcomingFeature("NonisolatedNonsendingByDefault")
            ],
            plugins: [
                .plugin(name: "BenchmarkPlugin", package: "benchmark")
            ]
        )
    ]
)
