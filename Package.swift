// swift-tools-version: 6.2
import PackageDescription

/// Settings shared by every Swift target: Swift 6 mode plus the upcoming features the
/// swift-server ecosystem enables (see docs/code-style.md).
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("NonisolatedNonsendingByDefault")
]

let package = Package(
    name: "seekdb-swift",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "SeekDB", targets: ["SeekDB"]),
        .library(name: "SeekDBEmbeddings", targets: ["SeekDBEmbeddings"]),
        .executable(name: "seekdb", targets: ["SeekDBCLI"]),
        // For applications' test targets only: a database per test (Swift Testing trait, XCTest helper).
        .library(name: "SeekDBTesting", targets: ["SeekDBTesting"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        // Observability and lifecycle, as the swift-server ecosystem expects of a database client:
        // nothing is recorded or traced unless the application bootstraps a backend.
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-distributed-tracing.git", from: "1.7.3"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        // `swift package generate-documentation --target SeekDB` builds the DocC catalog.
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0")
    ],
    targets: [
        // MariaDB Connector/C (Debian: libmariadb-dev). Only SeekDBDriver imports it.
        .systemLibrary(
            name: "CMariaDB",
            pkgConfig: "libmariadb",
            providers: [.apt(["libmariadb-dev"]), .brew(["mariadb-connector-c"])]
        ),
        // CBLAS from OpenBLAS (Debian: libopenblas-dev), for the embedding model's matrix products.
        .systemLibrary(
            name: "CBLAS",
            pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev"]), .brew(["openblas"])]
        ),
        // The only code that touches C pointers: connections, statements, values, pool.
        .target(
            name: "SeekDBDriver",
            dependencies: [
                "CMariaDB",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "Tracing", package: "swift-distributed-tracing")
            ],
            swiftSettings: swiftSettings
        ),
        // all-MiniLM-L6-v2 in Swift: WordPiece tokenizer, BERT forward pass, mean pooling.
        .target(
            name: "SeekDBEmbeddings",
            dependencies: ["CBLAS"],
            swiftSettings: swiftSettings
        ),
        // Public API: SeekDBClient, SeekDBAdminClient, SeekDBCollection, filters, errors.
        .target(
            name: "SeekDB",
            dependencies: [
                "SeekDBDriver",
                "SeekDBEmbeddings",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "Tracing", package: "swift-distributed-tracing"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle")
            ],
            swiftSettings: swiftSettings
        ),
        // Database-backed tests for SDK users: the `.seekdbDatabase` trait, the XCTest helper,
        // the shared test server (environment or one LocalServer per process), fixtures, snapshots.
        .target(
            name: "SeekDBTesting",
            dependencies: ["SeekDB"],
            swiftSettings: swiftSettings
        ),
        // The `seekdb` command-line tool: databases, collections, records, embeddings, raw SQL.
        .executableTarget(
            name: "SeekDBCLI",
            dependencies: [
                "SeekDB",
                .product(name: "ArgumentParser", package: "swift-argument-parser")
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "QuickStart",
            dependencies: ["SeekDB"],
            path: "Examples/QuickStart",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SeekDBDriverTests",
            dependencies: ["SeekDBDriver"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SeekDBTests",
            dependencies: [
                "SeekDB",
                .product(name: "MetricsTestKit", package: "swift-metrics"),
                .product(name: "InMemoryTracing", package: "swift-distributed-tracing")
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SeekDBEmbeddingsTests",
            dependencies: ["SeekDBEmbeddings"],
            swiftSettings: swiftSettings
        ),
        // Runs the built `seekdb` binary as a subprocess against a real server.
        .testTarget(
            name: "SeekDBCLITests",
            dependencies: ["SeekDBCLI", "SeekDB", "SeekDBTesting"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SeekDBTestingTests",
            dependencies: ["SeekDBTesting", "SeekDB"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SeekDBIntegrationTests",
            dependencies: [
                "SeekDB", "SeekDBDriver", "SeekDBTesting",
                .product(name: "MetricsTestKit", package: "swift-metrics"),
                .product(name: "InMemoryTracing", package: "swift-distributed-tracing"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "ServiceLifecycleTestKit", package: "swift-service-lifecycle")
            ],
            swiftSettings: swiftSettings
        )
    ]
)

// Runnable update patterns and search (`swift run <name>`), each exercised by scripts/test.
let updateExamples = [
    "UpdateMetadata", "UpdateEmbeddingsAndDocuments", "UpdateDocumentsOnly", "UpdateTimestampMerge",
    "IncrementalContentUpdate", "BatchUpdate", "Upsert", "UpdateByFilter", "SearchWithFilters"
]
package.targets.append(
    .target(
        name: "ExampleSupport", dependencies: ["SeekDB"], path: "Examples/ExampleSupport",
        swiftSettings: swiftSettings))
package.targets += updateExamples.map { name in
    .executableTarget(
        name: name, dependencies: ["SeekDB", "ExampleSupport"], path: "Examples/\(name)",
        swiftSettings: swiftSettings)
}
