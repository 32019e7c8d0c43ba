import Foundation
import Hummingbird
import SeekDB
import Testing

/// Every record route of the service over real HTTP against a real seekdb, on a 4-d L2
/// collection with no embedding function (so every record carries its own embedding).
@Suite struct RecordRoutesTests {
    static func create(_ client: SeekDBClient, _ name: String) async throws -> SeekDBCollection {
        try await client.createCollection(
            name: name, configuration: HNSWConfiguration(dimension: 4, distance: .l2),
            embeddingFunction: nil)
    }

    static let threeBooks = #"""
        {"ids": ["a", "b", "c d"],
         "documents": ["alpha", "beta", null],
         "metadatas": [{"genre": "sf", "year": 2020}, {"genre": "poetry", "year": 1999}, null],
         "embeddings": [[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0.5]]}
        """#

    @Test func addThenGet() async throws {
        try await ServiceHarness.withService(create: Self.create) { service, collection in
            let added = try await service.send(.post, "/collections/\(collection.name)/records", Self.threeBooks)
            #expect(added.status == .created)
            #expect(added.json["ids"] as? [String] == ["a", "b", "c d"])

            let a = try await service.send(.get, "/collections/\(collection.name)/records/a")
            #expect(a.status == .ok)
            #expect(JSONText.of(a.json) == #"{"document":"alpha","id":"a","metadata":{"genre":"sf","year":2020}}"#)

            // An id with a space, percent-encoded in the path; no document, no metadata.
            let cd = try await service.send(.get, "/collections/\(collection.name)/records/c%20d?include=embeddings")
            #expect(JSONText.of(cd.json) == #"{"document":null,"embedding":[0,0,1,0.5],"id":"c d","metadata":null}"#)

            // "/" and "%" in an id, percent-encoded in the path.
            let odd = try await service.send(
                .post, "/collections/\(collection.name)/records",
                #"{"ids": ["x/y%z"], "embeddings": [[0, 0, 0, 1]]}"#)
            #expect(odd.status == .created)
            #expect(try await service.send(.get, "/collections/\(collection.name)/records/x%2Fy%25z").json["id"] as? String == "x/y%z")

            // The SDK sees what the service wrote.
            #expect(try await collection.count() == 4)
        }
    }

    @Test func addErrors() async throws {
        try await ServiceHarness.withService(create: Self.create) { service, collection in
            let path = "/collections/\(collection.name)/records"
            _ = try await service.send(.post, path, Self.threeBooks)

            let duplicate = try await service.send(.post, path, #"{"ids": ["a"], "embeddings": [[1, 1, 1, 1]]}"#)
            #expect(duplicate.status == .conflict)
            #expect(duplicate.errorCode == "duplicateKey")
            #expect(duplicate.error["serverErrorNumber"] as? Int == 1062)

            let wrongDimension = try await service.send(.post, path, #"{"ids": ["z"], "embeddings": [[1, 2, 3]]}"#)
            #expect(wrongDimension.status == .badRequest)
            #expect(wrongDimension.errorCode == "dimensionMismatch")
            #expect((wrongDimension.error["message"] as? String)?.contains("'z'") == true)

            let badJSON = try await service.send(.post, path, #"{"ids": ["z"], "embeddings": [[1, 2, 3, 4]"#)
            #expect(badJSON.status == .badRequest)
            #expect(badJSON.errorCode == "invalidArgument")

            let noCollection = try await service.send(.post, "/collections/no_such_collection/records", Self.threeBooks)
            #expect(noCollection.status == .notFound)
            #expect(noCollection.errorCode == "collectionNotFound")

            #expect(try await collection.count() == 3)  // nothing of the failed calls was written
        }
    }

    @Test func getMissingRecord() async throws {
        try await ServiceHarness.withService(create: Self.create) { service, collection in
            let reply = try await service.send(.get, "/collections/\(collection.name)/records/ghost")
            #expect(reply.status == .notFound)
            #expect(reply.errorCode == "recordsNotFound")
            #expect(reply.missingIDs == ["ghost"])
            #expect(reply.error["serverErrorNumber"] is NSNull)
        }
    }

    @Test func putReplacesFieldsAndMetadata() async throws {
        try await ServiceHarness.withService(create: Self.create) { service, collection in
            let path = "/collections/\(collection.name)/records"
            _ = try await service.send(.post, path, Self.threeBooks)

            let put = try await service.send(.put, "\(path)/a", #"{"metadata": {"year": 2021}, "embedding": [2, 0, 0, 0]}"#)
            #expect(put.status == .ok)
            #expect(JSONText.of(put.json) == #"{"skippedIDs":[],"updatedCount":1}"#)
            let a = try await service.send(.get, "\(path)/a?include=embeddings")
            #expect(JSONText.of(a.json) == #"{"document":"alpha","embedding":[2,0,0,0],"id":"a","metadata":{"year":2021}}"#)

            let missing = try await service.send(.put, "\(path)/ghost", #"{"metadata": {"year": 1}}"#)
            #expect(missing.status == .notFound)
            #expect(missing.errorCode == "recordsNotFound")
            #expect(missing.missingIDs == ["ghost"])

            let wrongDimension = try await service.send(.put, "\(path)/a", #"{"embedding": [1, 2]}"#)
            #expect(wrongDimension.status == .badRequest)
            #expect(wrongDimension.errorCode == "dimensionMismatch")

            let badJSON = try await service.send(.put, "\(path)/a", #"{"metadata": "#)
            #expect(badJSON.status == .badRequest)
            #expect(badJSON.errorCode == "invalidArgument")

            let wrongType = try await service.send(.put, "\(path)/a", #"{"document": 42}"#)
            #expect(wrongType.status == .badRequest)
            #expect(wrongType.errorCode == "invalidArgument")
        }
    }

    @Test func patchMergesMetadata() async throws {
        try await ServiceHarness.withService(create: Self.create) { service, collection in
            let path = "/collections/\(collection.name)/records"
            _ = try await service.send(.post, path, Self.threeBooks)

            // A timestamp added, `genre` removed by null, `year` kept; the document unchanged.
            let patch = try await service.send(.patch, "\(path)/a", #"{"metadata": {"updatedAt": 1700000000, "genre": null}}"#)
            #expect(patch.status == .ok)
            #expect(patch.json["updatedCount"] as? Int == 1)
            let a = try await service.send(.get, "\(path)/a")
            #expect(JSONText.of(a.json) == #"{"document":"alpha","id":"a","metadata":{"updatedAt":1700000000,"year":2020}}"#)

            let missing = try await service.send(.patch, "\(path)/ghost", #"{"metadata": {"k": 1}}"#)
            #expect(missing.status == .notFound)
            #expect(missing.missingIDs == ["ghost"])
        }
    }

    @Test func batchUpdateFailsOrSkipsMissingIDs() async throws {
        try await ServiceHarness.withService(create: Self.create) { service, collection in
            let path = "/collections/\(collection.name)/records"
            _ = try await service.send(.post, path, Self.threeBooks)
            let batch = #"""
                {"ids": ["a", "ghost1", "b", "ghost2"], "documents": ["A", "x", "B", "y"],
                 "embeddings": [[1, 0, 0, 0], [1, 1, 1, 1], [0, 1, 0, 0], [1, 1, 1, 1]]
                """#

            let failed = try await service.send(.post, "\(path)/update", batch + "}")
            #expect(failed.status == .notFound)
            #expect(failed.missingIDs == ["ghost1", "ghost2"])
            #expect(try await service.send(.get, "\(path)/a").json["document"] as? String == "alpha")  // nothing changed

            let skipped = try await service.send(.post, "\(path)/update", batch + #", "missing": "skip"}"#)
            #expect(skipped.status == .ok)
            #expect(JSONText.of(skipped.json) == #"{"skippedIDs":["ghost1","ghost2"],"updatedCount":2}"#)
            #expect(try await service.send(.get, "\(path)/b").json["document"] as? String == "B")
            #expect(try await collection.count() == 3)  // skipped ids were not inserted

            // Metadata merged for a batch; `null` entries leave that record's metadata alone.
            let merged = try await service.send(
                .post, "\(path)/update",
                #"""
                {"ids": ["a", "b"], "metadatas": [{"seen": true}, null], "embeddings": [null, [0, 2, 0, 0]],
                 "metadataMode": "merge"}
                """#)
            #expect(merged.status == .ok, "\(merged.json)")
            #expect(JSONText.of(try await service.send(.get, "\(path)/a").json["metadata"]) == #"{"genre":"sf","seen":true,"year":2020}"#)
            #expect(
                JSONText.of(try await service.send(.get, "\(path)/b?include=embeddings").json)
                    == #"{"document":"B","embedding":[0,2,0,0],"id":"b","metadata":{"genre":"poetry","year":1999}}"#)

            let badOption = try await service.send(.post, "\(path)/update", batch + #", "missing": "ignore"}"#)
            #expect(badOption.status == .badRequest)
            #expect(badOption.errorCode == "invalidArgument")
        }
    }

    @Test func upsertInsertsAndUpdates() async throws {
        try await ServiceHarness.withService(create: Self.create) { service, collection in
            let path = "/collections/\(collection.name)/records"
            _ = try await service.send(.post, path, Self.threeBooks)
            let upsert = try await service.send(
                .post, "\(path)/upsert",
                #"""
                {"ids": ["new", "a"], "documents": ["fresh", null],
                 "metadatas": [{"year": 2024}, {"rating": 5}], "embeddings": [[0, 0, 0, 1], null],
                 "metadataMode": "merge"}
                """#)
            #expect(upsert.status == .ok)
            #expect(JSONText.of(upsert.json) == #"{"insertedIDs":["new"],"updatedIDs":["a"]}"#)
            #expect(
                JSONText.of(try await service.send(.get, "\(path)/new").json)
                    == #"{"document":"fresh","id":"new","metadata":{"year":2024}}"#)
            #expect(
                JSONText.of(try await service.send(.get, "\(path)/a").json)
                    == #"{"document":"alpha","id":"a","metadata":{"genre":"sf","rating":5,"year":2020}}"#)

            // A new id with no embedding (and no embedding function) is refused; nothing changes.
            let noVector = try await service.send(.post, "\(path)/upsert", #"{"ids": ["a", "other"], "metadatas": [{"k": 1}, {"k": 2}]}"#)
            #expect(noVector.status == .badRequest)
            #expect(noVector.errorCode == "invalidArgument")
            #expect((noVector.error["message"] as? String)?.contains("'other'") == true)
            #expect(try await collection.count() == 4)
        }
    }

    @Test func unknownRoute() async throws {
        try await ServiceHarness.withService(create: Self.create) { service, _ in
            let reply = try await service.send(.get, "/nothing/here")
            #expect(reply.status == .notFound)
            #expect(reply.errorCode == "notFound")
        }
    }
}
