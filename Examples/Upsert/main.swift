// Update pattern: upsert — insert the ids that are new and update the given fields of those
// that exist, in one transaction; the result says which were which.
// Run: swift run Upsert
import ExampleSupport
import SeekDB

try await withExampleCollection("example_upsert", dimension: 3) { products in
    try await products.add(ids: "p1", embeddings: [[1, 0, 0]], documents: "Kettle", metadatas: ["stock": 5])
    let result = try await products.upsert(
        ids: ["p1", "p2"],
        embeddings: [nil, [0, 1, 0]],  // p1 keeps its embedding; p2 is new and needs one
        documents: [nil, "Toaster"],
        metadatas: [["stock": 4], ["stock": 10]])
    print("Inserted \(result.insertedIDs), updated \(result.updatedIDs)")
    printRecords("Now:", try await products.get(ids: ["p1", "p2"]))
}
