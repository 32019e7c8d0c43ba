import Foundation
import SeekDB
import SeekDBTesting
import Testing

/// Collections written by one client are read by the other: the SDK against pyseekdb 1.4.0
/// (server mode), run through `scripts/interop/pyseekdb_interop.py` in the project's venv.
@Suite(.enabled(if: TestEnvironment.isEnabled), .seekdbDatabase)
struct PyseekdbInteropTests {
    @Test func pyseekdbReadsACollectionWrittenByTheSDK() async throws {
        try await withTestClient { client in
            let name = TestEnvironment.uniqueName("swift")
            let collection = try await client.createCollection(
                name: name, configuration: .init(dimension: 3, distance: .cosine), embeddingFunction: nil)
            try await collection.add(
                ids: ["s1", "s2"], embeddings: [[1, 2, 3], [0.5, -0.25, 0.125]],
                documents: ["from swift", "üñí 🦊"], metadatas: [["lang": "swift", "n": 1, "tags": ["x"]], nil])

            let read = try Python.run("read", name)
            try await client.deleteCollection(name: name)
            #expect(read["listed"] as? Bool == true)
            #expect(read["dimension"] as? Int == 3)
            #expect(read["distance"] as? String == "cosine")
            #expect(read["count"] as? Int == 2)
            #expect(read["ids"] as? [String] == ["s1", "s2"])
            #expect((read["documents"] as? [String])?.sorted() == ["from swift", "üñí 🦊"].sorted())
            let embeddings = try #require(read["embeddings"] as? [[Double]])
            #expect(embeddings.contains([1, 2, 3]) && embeddings.contains([0.5, -0.25, 0.125]))
            let metadatas = try #require(read["metadatas"] as? [[String: Any]])
            #expect(metadatas.contains { $0["lang"] as? String == "swift" && $0["n"] as? Int == 1 })
        }
    }

    @Test func theSDKReadsACollectionWrittenByPyseekdb() async throws {
        try await withTestClient { client in
            let name = TestEnvironment.uniqueName("py")
            _ = try Python.run("write", name)
            do {
                #expect(try await client.listCollections().contains { $0.name == name && $0.dimension == 3 && $0.distance == .l2 })
                let collection = try await client.getCollection(name: name, embeddingFunction: nil)
                #expect(collection.dimension == 3)
                #expect(try await collection.count() == 3)
                let result = try await collection.get(ids: ["p1", "p2", "p3"], include: [.documents, .metadatas, .embeddings])
                #expect(result.ids == ["p1", "p2", "p3"])
                #expect(result.documents == ["from python", "zwei ü", nil])
                #expect(result.metadatas?[0] == ["lang": "py", "n": 1, "f": 1.5, "tags": ["a", "b"]])
                #expect(result.metadatas?[1] == ["n": 2])
                #expect(result.embeddings?[0] == [1, 2, 3])
                #expect(result.embeddings?[1] == [0.5, 0.25, 0.125])
            }
            try await client.deleteCollection(name: name)
        }
    }
}

/// Runs the interop script with the project venv's Python.
enum Python {
    /// Connects to the test's database (`TestEnvironment.configuration`): call it inside the
    /// `.seekdbDatabase` trait or a test helper.
    static func run(_ command: String, _ name: String, _ extra: String...) throws -> [String: Any] {
        let script = TestEnvironment.projectRoot.appendingPathComponent("scripts/interop/pyseekdb_interop.py").path
        let configuration = try TestEnvironment.configuration
        var environment = ProcessInfo.processInfo.environment
        environment["SEEKDB_HOST"] = configuration.host
        environment["SEEKDB_PORT"] = String(configuration.port)
        environment["SEEKDB_USER"] = configuration.user
        environment["SEEKDB_PASSWORD"] = configuration.password ?? ""
        environment["SEEKDB_DATABASE"] = configuration.database
        let lines = try output([script, command, name] + extra, environment: environment).split(separator: "\n")
        guard let last = lines.last, let object = try JSONSerialization.jsonObject(with: Data(last.utf8)) as? [String: Any] else {
            return [:]
        }
        return object
    }

    /// Runs the project's Python (`SEEKDB_PYTHON`, else `.venv/bin/python`) with `arguments` and
    /// returns what it printed; throws with its standard error if it fails.
    static func output(_ arguments: [String], environment: [String: String] = ProcessInfo.processInfo.environment) throws -> String {
        let python = environment["SEEKDB_PYTHON"] ?? TestEnvironment.projectRoot.appendingPathComponent(".venv/bin/python").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = arguments
        process.environment = environment
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let errorText = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw InteropFailure(message: "python \(arguments.first ?? "") exited \(process.terminationStatus): \(errorText)")
        }
        return String(decoding: data, as: UTF8.self)
    }

    struct InteropFailure: Error, CustomStringConvertible {
        let message: String
        var description: String { message }
    }
}

/// The local all-MiniLM-L6-v2 wired into collections (needs the model: scripts/fetch-model).
@Suite(.enabled(if: TestEnvironment.isEnabled), .seekdbDatabase)
struct DefaultEmbeddingInteropTests {
    @Test func defaultFunctionIsPersistedAndUsedForDocuments() async throws {
        try await withTestClient { client in
            let name = TestEnvironment.uniqueName("minilm")
            let collection = try await client.createCollection(name: name)
            #expect(collection.dimension == 384)
            #expect(collection.persistedEmbeddingFunctionName == "default")
            try await collection.add(ids: ["d1"], documents: ["The quick brown fox jumps over the lazy dog"])

            let expected = try await DefaultEmbeddingFunction().embed(["The quick brown fox jumps over the lazy dog"])[0]
            let stored = try #require(try await collection.get(ids: "d1", include: [.embeddings]).embeddings?.first ?? nil)
            #expect(cosineSimilarity(stored, expected) > 0.99999)

            let reopened = try await client.getCollection(name: name)
            #expect(reopened.embeddingFunction is DefaultEmbeddingFunction)
            let read = try Python.run("read", name)
            #expect(read["embedding_function"] as? String == "DefaultEmbeddingFunction")
            try await client.deleteCollection(name: name)
        }
    }

    @Test func aDocumentsOnlyUpdateIsReEmbeddedLocally() async throws {
        try await withTestClient { client in
            let name = TestEnvironment.uniqueName("minilm")
            let collection = try await client.createCollection(name: name)
            try await collection.add(
                ids: ["pet", "car"], documents: ["A cat sleeps on the sofa", "Cars need fuel"],
                metadatas: [["kind": "pet"], ["kind": "car"]])
            let result = try await collection.update(ids: "car", documents: "Electric cars charge overnight")
            #expect(result.updatedCount == 1)

            let expected = try await DefaultEmbeddingFunction().embed(["Electric cars charge overnight", "A cat sleeps on the sofa"])
            let read = try await collection.get(ids: ["car", "pet"], include: [.documents, .metadatas, .embeddings])
            #expect(read.documents == ["Electric cars charge overnight", "A cat sleeps on the sofa"])
            #expect(read.metadatas == [["kind": "car"], ["kind": "pet"]])
            #expect(cosineSimilarity(try #require(read.embeddings?[0]), expected[0]) > 0.99999)
            #expect(cosineSimilarity(try #require(read.embeddings?[1]), expected[1]) > 0.99999)

            // A query by the new text finds the updated record at distance ~0: its stored vector
            // is the new document's embedding.
            let hits = try await collection.query(texts: "Electric cars charge overnight", nResults: 2, consistency: .readYourWrites)
            #expect(hits.ids == [["car", "pet"]])
            #expect(try #require(hits.distances?.first?.first) < 1e-4)

            let python = try Python.run("read", name)
            #expect(python["embedding_function"] as? String == "DefaultEmbeddingFunction")
            #expect(Set(python["documents"] as? [String] ?? []) == ["Electric cars charge overnight", "A cat sleeps on the sofa"])
            try await client.deleteCollection(name: name)
        }
    }
}

func cosineSimilarity(_ a: [Float], _ b: [Float]) -> Double {
    var dot = 0.0
    var normA = 0.0
    var normB = 0.0
    for (x, y) in zip(a, b) {
        dot += Double(x) * Double(y)
        normA += Double(x) * Double(x)
        normB += Double(y) * Double(y)
    }
    return dot / (normA.squareRoot() * normB.squareRoot())
}
