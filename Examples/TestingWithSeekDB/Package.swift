// swift-tools-version: 6.2
import PackageDescription

/// Same settings as the SDK (Swift 6 mode plus the swift-server ecosystem's upcoming features).
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("NonisolatedNonsendingByDefault")
]

// A small service and its database-backed tests: the application depends on SeekDB, only the
// test target on SeekDBTesting.
let package = Package(
    name: "TestingWithSeekDB",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "seekdb-swift", path: "../..")
    ],
    targets: [
        .target(
            name: "NoteStore",
            dependencies: [.product(name: "SeekDB", package: "seekdb-swift")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "NoteStoreTests",
            dependencies: [
                "NoteStore",
                .product(name: "SeekDB", package: "seekdb-swift"),
                .product(name: "SeekDBTesting", package: "seekdb-swift")
            ],
            resources: [.copy("Fixtures")],
            swiftSettings: swiftSettings
        )
    ]
)
