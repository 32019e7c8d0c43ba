import Hummingbird
import SeekDB
import Testing

/// `POST /collections/:name/query` over real HTTP against a real seekdb.
@Suite struct QueryRouteTests {
    @Test func queryByEmbeddingsWithFilters() async throws {
        try await ServiceHarness.withService(create: RecordRoutesTests.create) { service, collection in
            _ = try await service.send(.post, "/collections/\(collection.name)/records", RecordRoutesTests.threeBooks)
            let path = "/collections/\(collection.name)/query"

            let nearest = try await service.send(
                .post, path,
                #"""
                {"queryEmbeddings": [[1, 0.1, 0, 0], [0.1, 0, 1, 0.4]], "nResults": 2, "consistency": "exact"}
                """#)
            #expect(nearest.status == .ok)
            #expect(nearest.json["ids"] as? [[String]] == [["a", "b"], ["c d", "a"]])
            #expect(JSONText.of(nearest.json["documents"]) == #"[["alpha","beta"],[null,"alpha"]]"#)
            let distances = try #require(nearest.json["distances"] as? [[Double]])
            #expect(abs(distances[0][0] - 0.1) < 1e-4)
            #expect(distances[0][0] < distances[0][1])
            #expect(nearest.json["embeddings"] == nil)  // not included by default

            let filtered = try await service.send(
                .post, path,
                #"""
                {"queryEmbeddings": [[1, 0, 0, 0]], "nResults": 3, "consistency": "exact",
                 "where": {"year": {"$lt": 2000}}, "include": ["metadatas", "embeddings"]}
                """#)
            #expect(filtered.status == .ok)
            #expect(
                JSONText.of(filtered.json) == #"{"embeddings":[[[0,1,0,0]]],"ids":[["b"]],"metadatas":[[{"genre":"poetry","year":1999}]]}"#)

            let byDocument = try await service.send(
                .post, path,
                #"""
                {"queryEmbeddings": [[0, 0, 1, 0]], "nResults": 3, "consistency": "exact",
                 "where": {"$or": [{"genre": "sf"}, {"genre": {"$in": ["poetry"]}}]}, "whereDocument": {"$contains": "beta"}}
                """#)
            #expect(byDocument.json["ids"] as? [[String]] == [["b"]])
        }
    }

    @Test func queryErrors() async throws {
        try await ServiceHarness.withService(create: RecordRoutesTests.create) { service, collection in
            _ = try await service.send(.post, "/collections/\(collection.name)/records", RecordRoutesTests.threeBooks)
            let path = "/collections/\(collection.name)/query"
            let cases: [(body: String, code: String)] = [
                (#"{"queryEmbeddings": [[1, 0, 0]]}"#, "dimensionMismatch"),
                (#"{"queryEmbeddings": [[1, 0, 0, 0]], "where": {"$near": 1}}"#, "invalidArgument"),
                (#"{"queryEmbeddings": [[1, 0, 0, 0]], "nResults": 0}"#, "invalidArgument"),
                (#"{"queryEmbeddings": [[1, 0, 0, 0]], "queryTexts": ["alpha"]}"#, "invalidArgument"),
                (#"{"nResults": 3}"#, "invalidArgument"),
                (#"{"queryTexts": ["alpha"]}"#, "invalidArgument"),  // this collection has no embedding function
                (#"{"queryEmbeddings": [[1, 0, 0, 0]], "include": ["everything"]}"#, "invalidArgument"),
                (#"{"queryEmbeddings": "#, "invalidArgument")
            ]
            for (body, code) in cases {
                let reply = try await service.send(.post, path, body)
                #expect(reply.status == .badRequest, "\(body)")
                #expect(reply.errorCode == code, "\(body): \(reply.error)")
            }
        }
    }

    /// A default collection (all-MiniLM-L6-v2, computed locally): documents sent without
    /// embeddings are embedded by the service, and text queries work after `getCollection`.
    @Test func queryByTextsOnDefaultCollection() async throws {
        try await ServiceHarness.withService(create: Self.createDefault) {
            service, collection in
            let records = "/collections/\(collection.name)/records"
            let added = try await service.send(
                .post, records,
                #"""
                {"ids": ["swift", "paris", "fruit"],
                 "documents": ["Swift is a programming language for apps and servers",
                               "The Eiffel Tower stands in Paris, the capital of France",
                               "Bananas are a yellow fruit rich in potassium"],
                 "metadatas": [{"topic": "code"}, {"topic": "travel"}, {"topic": "food"}]}
                """#)
            #expect(added.status == .created)
            let path = "/collections/\(collection.name)/query"
            let tower = try await service.send(
                .post, path,
                #"""
                {"queryTexts": ["Which city has the Eiffel Tower?", "a language for writing server code"],
                 "nResults": 1, "consistency": "readYourWrites"}
                """#)
            #expect(tower.status == .ok)
            #expect(tower.json["ids"] as? [[String]] == [["paris"], ["swift"]])

            // PUT a document only: the service re-embeds it, so the record moves in the space.
            let put = try await service.send(.put, "\(records)/fruit", #"{"document": "A croissant is a buttery French pastry"}"#)
            #expect(put.status == .ok)
            let pastry = try await service.send(
                .post, path,
                #"""
                {"queryTexts": ["flaky pastry for breakfast"], "nResults": 1, "consistency": "readYourWrites",
                 "where": {"topic": {"$ne": "travel"}}}
                """#)
            #expect(pastry.json["ids"] as? [[String]] == [["fruit"]])
        }
    }

    /// A collection with the default embedding function.
    static func createDefault(client: SeekDBClient, name: String) async throws -> SeekDBCollection {
        try await client.createCollection(name: name)
    }
}
