// Update pattern: change the metadata of one record, leaving its document and embedding alone.
// Run: swift run UpdateMetadata   (against SEEKDB_HOST/SEEKDB_PORT; scripts/demo sets them up)
import ExampleSupport
import SeekDB

try await withExampleCollection("example_update_metadata", dimension: 3) { tickets in
    try await tickets.add(
        ids: "T-1", embeddings: [[0.1, 0.2, 0.3]], documents: "Printer on floor 2 jams",
        metadatas: ["status": "open", "priority": 2])
    printRecords("Before:", try await tickets.get(ids: "T-1", include: [.documents, .metadatas, .embeddings]))

    // Metadata is replaced wholesale (pyseekdb's behaviour); document and embedding are untouched.
    let result = try await tickets.update(ids: "T-1", metadatas: ["status": "closed", "priority": 2])
    print("Updated \(result.updatedCount) record")
    printRecords("After:", try await tickets.get(ids: "T-1", include: [.documents, .metadatas, .embeddings]))

    // Updating an id that does not exist is an error that names it, and changes nothing.
    do {
        try await tickets.update(ids: "T-404", metadatas: ["status": "closed"])
    } catch let error as SeekDBError where error.code == .recordsNotFound {
        print("As expected: \(error.message) (missing: \(error.missingIDs))")
    }
}
