// Update pattern: a batch of 1,000 records in one call — batched statements, one transaction.
// With missing: .skip, ids that do not exist are reported instead of failing the call.
// Run: swift run BatchUpdate
import ExampleSupport
import SeekDB

try await withExampleCollection("example_batch_update", dimension: 8) { items in
    let ids = (0..<1_000).map { "item-\($0)" }
    try await items.add(
        ids: IDs(ids), embeddings: Embeddings(ids.indices.map { i in (0..<8).map { Float((i + $0) % 5) } }),
        metadatas: Metadatas(ids.map { _ in ["price": 10, "currency": "EUR"] as Metadata }))

    let start = ContinuousClock.now
    let result = try await items.update(
        ids: IDs(ids + ["item-retired"]),
        metadatas: Metadatas((ids + ["item-retired"]).map { _ in ["price": 12] as Metadata }),
        metadataMode: .merge, missing: .skip)
    print("Updated \(result.updatedCount) records in \(start.duration(to: .now)); skipped \(result.skippedIDs)")
    printRecords("A sample:", try await items.get(ids: ["item-0", "item-999"]))
}
