// The README's quick start as a program.
//
//   swift run QuickStart [folder]      a local database in `folder` (default ./seekdb.db), with a
//                                      seekdb started for it and stopped again at the end
//   SEEKDB_HOST=… swift run QuickStart a running server, from SEEKDB_HOST / SEEKDB_PORT /
//                                      SEEKDB_USER / SEEKDB_PASSWORD / SEEKDB_DATABASE
//
// scripts/demo runs it against a local database in .seekdb/demo.db.
import Foundation
import SeekDB

let client: SeekDBClient
if ProcessInfo.processInfo.environment["SEEKDB_HOST"] != nil {
    let configuration = SeekDBClient.Configuration.fromEnvironment()
    print("Connecting to \(configuration)")
    client = try await SeekDBClient(configuration: configuration)
} else {
    let path = CommandLine.arguments.dropFirst().first ?? "./seekdb.db"
    print("Opening the local database \(path)")
    client = try await SeekDBClient(path: path)  // like pyseekdb's Client(path: "./seekdb.db")
    if let server = client.localServer {
        print(
            "seekdb \(server.isReused ? "was already running" : "started") (pid \(server.processID)), reached through \(server.socketPath)")
    }
}

do {
    try await quickStart(client)
    await client.close()
} catch {
    await client.close()
    throw error
}

func quickStart(_ client: SeekDBClient) async throws {
    if try await client.hasCollection(name: "quickstart_books") {
        try await client.deleteCollection(name: "quickstart_books")
    }
    let books = try await client.createCollection(
        name: "quickstart_books", configuration: .init(dimension: 3, distance: .cosine), embeddingFunction: nil)
    print("Created collection \(books.name) (id \(books.id ?? "-"), \(books.dimension) dimensions, \(books.distance?.rawValue ?? "?"))")

    try await books.add(
        ids: ["dune", "emma", "ulysses"],
        embeddings: [[0.9, 0.1, 0.0], [0.1, 0.9, 0.1], [0.2, 0.3, 0.9]],
        documents: ["Dune, by Frank Herbert", "Emma, by Jane Austen", "Ulysses, by James Joyce"],
        metadatas: [["year": 1965, "genre": "sf"], ["year": 1815, "genre": "novel"], ["year": 1922, "genre": "novel"]])
    print("Added 3 books; the collection now holds \(try await books.count())")

    let found = try await books.get(ids: ["ulysses", "dune"], include: [.documents, .metadatas])
    for record in found.records {
        print("  \(record.id): \(record.document ?? "-")  \(record.metadata.map { "\(MetadataValue.object($0))" } ?? "{}")")
    }

    let deleted = try await books.delete(ids: "emma")
    print("Deleted \(deleted) book; \(try await books.count()) left")

    let collections = try await client.listCollections()
    print("Collections in '\(client.configuration.database)': \(collections.map(\.name).sorted().joined(separator: ", "))")
    try await client.deleteCollection(name: "quickstart_books")
}
