// swift-tools-version: 6.2
// A stand-alone benchmark of the Swift BM25 against pyseekdb's, outside the main package so that
// it never builds with the SDK. Run from this folder: swift run -c release BM25Benchmark
import PackageDescription

let package = Package(
    name: "BM25Benchmark",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "seekdb-swift", path: "../..")
    ],
    targets: [
        .executableTarget(
            name: "BM25Benchmark",
            dependencies: [
                .product(name: "SeekDBEmbeddings", package: "seekdb-swift")
            ],
            swiftSettings: [
                .enableUpcomingFeature("ExistentialAny"),
                .enableUpcomingFeature("MemberImportVisibility"),
                .enableUpcomingFeature("NonisolatedNonsendingByDefault")
            ]
        )
    ]
)
