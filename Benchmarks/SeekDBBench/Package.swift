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
    ],
    targets: [
        .executableTarget(
            name: "SeekDBBench",
            dependencies: [
                .product(name: "SeekDB", package: "seekdb-swift"),
                .product(name: "SeekDBEmbeddings", package: "seekdb-swift"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: [
                .enableUpcomingFeature("ExistentialAny"),
                .enableUpcomingFeature("MemberImportVisibility"),
                .enableUpcomingFeature("NonisolatedNonsendingByDefault"),
            ]
        ),
    ]
)
