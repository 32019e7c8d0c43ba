// Update pattern: new embeddings and documents for a list of records, in one transaction.
// A nil entry leaves that field of that record unchanged.
// Run: swift run UpdateEmbeddingsAndDocuments
import ExampleSupport
import SeekDB

try await withExampleCollection("example_update_list", dimension: 3) { articles in
    try await articles.add(
        ids: ["a1", "a2", "a3"],
        embeddings: [[1, 0, 0], [0, 1, 0], [0, 0, 1]],
        documents: ["Draft one", "Draft two", "Draft three"])
    let result = try await articles.update(
        ids: ["a1", "a2", "a3"],
        embeddings: [[0.9, 0.1, 0], [0.1, 0.9, 0], nil],  // a3 keeps its embedding
        documents: ["Final one", nil, nil],  // a2 and a3 keep their documents
        metadatas: [nil, nil, ["reviewed": true]])  // only a3's metadata is set
    // This collection has no embedding function, so a new document needs its new embedding
    // too: a document without one is refused before any SQL, so text and vector never drift apart.
    print("Updated \(result.updatedCount) records in one transaction")
    printRecords("After:", try await articles.get(ids: ["a1", "a2", "a3"], include: [.documents, .metadatas, .embeddings]))
}
