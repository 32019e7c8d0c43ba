// Update pattern: read a record, append to its content, and write it back with a bumped
// revision. The new document is re-embedded locally; the merge keeps the other metadata.
// Run: swift run IncrementalContentUpdate
import ExampleSupport
import SeekDB

try await withExampleCollection("example_incremental") { log in
    try await log.add(ids: "incident-7", documents: "09:00 disk alert on db-3.", metadatas: ["revision": 1, "owner": "ops"])
    for entry in ["09:05 failover started.", "09:12 failover complete, latency normal."] {
        let current = try await log.get(ids: "incident-7", include: [.documents, .metadatas]).records[0]
        guard case .int(let revision)? = current.metadata?["revision"] else { break }
        try await log.update(
            ids: "incident-7",
            documents: .init((current.document ?? "") + " " + entry),
            metadatas: ["revision": .int(revision + 1)],
            metadataMode: .merge)
    }
    printRecords("After two incremental updates:", try await log.get(ids: "incident-7"))
}
