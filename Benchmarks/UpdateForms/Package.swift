// swift-tools-version: 6.2
// Measures the candidate SQL forms for a batched update, outside the main package so that it never builds
// with the SDK. Run from this folder: swift run -c release UpdateForms
import PackageDescription

let package = Package(
    name: "UpdateForms",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "seekdb-swift", path: "../..")
    ],
    targets: [
        .executableTarget(
            name: "UpdateForms",
            dependencies: [
                .product(name: "SeekDB", package: "seekdb-swift")
            ],
            swiftSettings: [
                .enableUpcomingFeature("ExistentialAny"),
                .enableUpcomingFeature("MemberImportVisibility"),
                .enableUpcomingFeature("NonisolatedNonsendingByDefault")
            ]
        )
    ]
)
