// Update pattern: patch the metadata of every record matching a filter, in one statement —
// no need to fetch ids first. Filters are typed Swift values or pyseekdb's JSON syntax.
// Run: swift run UpdateByFilter
import ExampleSupport
import SeekDB

try await withExampleCollection("example_update_by_filter", dimension: 3) { orders in
    try await orders.add(
        ids: ["o1", "o2", "o3", "o4"],
        embeddings: [[1, 0, 0], [0, 1, 0], [0, 0, 1], [1, 1, 0]],
        metadatas: [
            ["status": "pending", "total": 30], ["status": "pending", "total": 250],
            ["status": "shipped", "total": 90], ["status": "pending", "total": 500]
        ])

    // Typed filter: pending orders of 200 or more get flagged for review (merge keeps other keys).
    let flagged = try await orders.update(
        where: .field("status") == "pending" && .field("total") >= 200,
        metadata: ["review": true])
    print("Flagged \(flagged) orders for review")

    // The same kind of filter from pyseekdb's JSON syntax, e.g. read from a request or config.
    let filter = try MetadataFilter(json: #"{"$and": [{"status": "pending"}, {"total": {"$lt": 100}}]}"#)
    let released = try await orders.update(where: filter, metadata: ["status": "released"])
    print("Released \(released) small orders")

    printRecords("Now:", try await orders.get(ids: ["o1", "o2", "o3", "o4"]))
}
