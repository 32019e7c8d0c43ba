// swift-tools-version: 6.2
// A stand-alone benchmark of SeekDBEmbeddings, outside the main package so that it never builds
// with the SDK. Run from this folder: swift run -c release EmbeddingBenchmark
import PackageDescription

let package = Package(
    name: "EmbeddingBenchmark",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "seekdb-swift", path: "../..")
    ],
    targets: [
        .executableTarget(
            name: "EmbeddingBenchmark",
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
