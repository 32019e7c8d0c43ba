// swift-tools-version: 6.2
// The SDK against pyseekdb and against raw batched SQL: the Swift side of `scripts/bench`.
// Stand-alone (depends on the SDK by path) so that it never builds with the SDK.
// Run everything with `scripts/bench` from the repository root; see ../README.md.
import PackageDescription

let package = Package(
    name: "SeekDBBench",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "seekdb-swift", path: "../.."),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-distributed-tracing.git", from: "1.7.3")
    ],
    targets: [
        .executableTarget(
            name: "SeekDBBench",
            dependencies: [
                .product(name: "SeekDB", package: "seekdb-swift"),
                .product(name: "SeekDBEmbeddings", package: "seekdb-swift"),
                .product(name: "Logging", package: "swift-log"),
                // The observability mode's backends.
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "MetricsTestKit", package: "swift-metrics"),
                .product(name: "Tracing", package: "swift-distributed-tracing"),
                .product(name: "InMemoryTracing", package: "swift-distributed-tracing")
            ],
            swiftSettings: [
                .enableUpcomingFeature("ExistentialAny"),
                .enableUpcomingFeature("MemberImportVisibility"),
                .enableUpcomingFeature("NonisolatedNonsendingByDefault")
            ]
        )
    ]
)
