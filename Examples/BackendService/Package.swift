// swift-tools-version: 6.2
import PackageDescription

/// Same settings as the SDK (Swift 6 mode plus the swift-server ecosystem's upcoming features).
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("NonisolatedNonsendingByDefault")
]

// A package of its own, so that SDK users never pull a web framework.
let package = Package(
    name: "BackendService",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "seekdb-swift", path: "../.."),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        // /metrics in Prometheus' text format; only this example depends on it, never the SDK.
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1")
    ],
    targets: [
        // The routes, JSON shapes and error mapping; a library so the test can build the app.
        .target(
            name: "RecordsService",
            dependencies: [
                .product(name: "SeekDB", package: "seekdb-swift"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Prometheus", package: "swift-prometheus")
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "BackendService",
            dependencies: [
                "RecordsService",
                .product(name: "SeekDB", package: "seekdb-swift"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus")
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "BackendServiceTests",
            dependencies: [
                "RecordsService",
                .product(name: "SeekDB", package: "seekdb-swift"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log")
            ],
            swiftSettings: swiftSettings
        )
    ]
)
