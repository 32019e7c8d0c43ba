import Foundation
import SeekDB
import SeekDBTesting
import Testing

/// Without `SEEKDB_HOST` or `SEEKDB_SOCKET`, the databases live on a local seekdb started for the
/// process in a temporary folder, which shutdown (or the process's exit) removes.
@Suite("A local server when the environment names none", .serialized)
struct LocalServerSourceTests {
    @Test func startsALocalServerOnFirstUseAndRemovesItsFolder() async throws {
        let server = SeekDBTestServer(environment: [:])
        let names = try await withThrowingTaskGroup(of: String.self) { group in
            for index in 0..<4 {
                group.addTask {
                    try await withSeekDBDatabase(server: server) { database in
                        let collection = try await database.client.createCollection(
                            name: "notes", records: [FixtureRecord(id: "a", document: "\(index)", embedding: [1, 2, 3])])
                        #expect(try await collection.snapshot().records.map(\.document) == ["\(index)"])
                        return database.name
                    }
                }
            }
            return try await group.reduce(into: Set<String>()) { $0.insert($1) }
        }
        #expect(names.count == 4)
        guard case .localServer(let dataDirectory) = try await server.source else {
            Issue.record("expected a local server")
            return
        }
        let folder = URL(fileURLWithPath: dataDirectory).deletingLastPathComponent().path
        #expect(folder.contains("seekdb-testing-"))
        await server.shutdown()
        #expect(!FileManager.default.fileExists(atPath: folder))
    }
}
