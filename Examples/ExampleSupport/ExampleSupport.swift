// Shared by the update-pattern examples: connect, make a fresh collection, print records.
import Foundation
public import SeekDB

/// Connects to the server named by SEEKDB_HOST / SEEKDB_PORT / SEEKDB_USER / SEEKDB_PASSWORD /
/// SEEKDB_DATABASE, creates a fresh collection called `name`, runs `body`, and deletes the
/// collection again.
///
/// - Parameter dimension: a collection of that dimension (cosine) without an embedding
///   function; `nil` (the default) for pyseekdb's default collection: the local
///   all-MiniLM-L6-v2 (`DefaultEmbeddingFunction`, 384 dimensions, cosine).
public func withExampleCollection(
    _ name: String, dimension: Int? = nil,
    _ body: (SeekDBCollection) async throws -> Void
) async throws {
    try await SeekDBClient.withClient(configuration: .fromEnvironment()) { client in
        if try await client.hasCollection(name: name) { try await client.deleteCollection(name: name) }
        let collection =
            if let dimension {
                try await client.createCollection(
                    name: name, configuration: .init(dimension: dimension, distance: .cosine),
                    embeddingFunction: nil)
            } else {
                try await client.createCollection(name: name)
            }
        do {
            try await body(collection)
        } catch {
            try? await client.deleteCollection(name: name)
            throw error
        }
        try await client.deleteCollection(name: name)
    }
}

/// Prints one line per record: id, document, metadata and the first embedding values.
public func printRecords(_ title: String, _ result: GetResult) {
    print(title)
    for record in result.records {
        var line = "  \(record.id)"
        if let document = record.document { line += "  \"\(document)\"" }
        if let metadata = record.metadata { line += "  \(MetadataValue.object(metadata))" }
        if let embedding = record.embedding {
            line +=
                "  [" + embedding.prefix(3).map { String(format: "%.3f", $0) }.joined(separator: ", ")
                + (embedding.count > 3 ? ", …" : "") + "]"
        }
        print(line)
    }
}
