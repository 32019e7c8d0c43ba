// Update pattern: give only new documents; the SDK embeds them locally with all-MiniLM-L6-v2
// (the same model as pyseekdb's default), so no vectors have to be computed by the caller.
// Needs the model files: scripts/fetch-model (scripts/demo and scripts/test run it).
// Run: swift run UpdateDocumentsOnly
import ExampleSupport
import SeekDB

try await withExampleCollection("example_update_documents") { notes in
    try await notes.add(ids: ["n1", "n2"], documents: ["Buy milk and eggs", "The meeting moved to Friday"])
    let before = try await notes.get(ids: "n2", include: [.embeddings]).embeddings?.first ?? nil

    try await notes.update(ids: "n2", documents: "The meeting moved to Monday at 10")
    let after = try await notes.get(ids: "n2", include: [.documents, .embeddings])
    printRecords("After a documents-only update:", after)
    if let before, let new = after.embeddings?.first ?? nil {
        let dot = zip(before, new).map { $0 * $1 }.reduce(0, +)
        let norms = (before.map { $0 * $0 }.reduce(0, +) * new.map { $0 * $0 }.reduce(0, +)).squareRoot()
        print("The embedding was recomputed: cosine(old, new) = \(dot / norms)")
    }
}
