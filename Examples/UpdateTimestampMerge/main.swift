// Update pattern: set a timestamp and a counter without touching the other metadata keys,
// with metadataMode: .merge (an RFC 7396 JSON merge patch applied by the server; null removes a key).
// Run: swift run UpdateTimestampMerge
import ExampleSupport
import Foundation
import SeekDB

try await withExampleCollection("example_update_merge", dimension: 3) { pages in
    try await pages.add(
        ids: "home", embeddings: [[0.3, 0.3, 0.3]],
        metadatas: ["title": "Home", "author": "ana", "draft": true, "seo": ["lang": "en"]])
    let now = ISO8601DateFormatter().string(from: Date())
    try await pages.update(
        ids: "home",
        metadatas: ["updated_at": .string(now), "draft": nil, "seo": ["canonical": "/"]],
        metadataMode: .merge)
    printRecords("Merged (title and author kept, draft removed, seo merged):", try await pages.get(ids: "home"))
}
