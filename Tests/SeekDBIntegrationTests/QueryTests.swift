import Foundation
import SeekDB
import SeekDBTesting
import Testing

@testable import SeekDBDriver

/// Vector queries against the real server: distances, ordering, filters, include, consistency.
@Suite(.enabled(if: TestEnvironment.isEnabled), .seekdbDatabase)
struct QueryTests {
    @Test func l2QueryReturnsOneListPerQueryNearestFirst() async throws {
        try await withTestCollection(dimension: 3, distance: .l2) { _, collection in
            try await collection.add(
                ids: ["a", "b", "c"], embeddings: [[1, 2, 3], [0.5, 0.5, 0.5], [10, 10, 10]],
                documents: ["alpha", nil, "gamma"], metadatas: [["k": 1], nil, ["k": 3]])
            let result = try await collection.query(
                embeddings: [[0.5, 0.5, 0.5], [10, 10, 9]], nResults: 2,
                include: .all, consistency: .readYourWrites)
            #expect(result.count == 2)
            #expect(result.ids == [["b", "a"], ["c", "a"]])
            #expect(result.documents == [[nil, "alpha"], ["gamma", "alpha"]])
            #expect(result.metadatas == [[nil, ["k": 1]], [["k": 3], ["k": 1]]])
            #expect(result.embeddings?[0][1] == [1, 2, 3])
            let distances = try #require(result.distances)
            #expect(distances[0][0] == 0)
            #expect(abs(distances[0][1] - 8.75.squareRoot()) < 1e-6)  // docs/pyseekdb-storage.md: 2.958
            #expect(abs(distances[1][0] - 1) < 1e-6)
            let hit = result.hits(forQuery: 1)[0]
            #expect(hit.id == "c" && hit.document == "gamma" && hit.distance.map { abs($0 - 1) < 1e-6 } == true)

            let idsOnly = try await collection.query(embeddings: [[1, 2, 3]], nResults: 1, include: [], consistency: .exact)
            #expect(idsOnly.ids == [["a"]] && idsOnly.distances == nil && idsOnly.documents == nil)
        }
    }

    @Test func cosineDistanceIsOneMinusCosineAndZeroQueriesAreRejected() async throws {
        try await withTestCollection(dimension: 2, distance: .cosine) { _, collection in
            try await collection.add(ids: ["x", "y", "xy"], embeddings: [[1, 0], [0, 3], [1, 1]])
            let result = try await collection.query(embeddings: [[2, 0]], nResults: 3, consistency: .readYourWrites)
            #expect(result.ids == [["x", "xy", "y"]])
            let distances = try #require(result.distances?[0])
            #expect(abs(distances[0]) < 1e-6)
            #expect(abs(distances[1] - (1 - 0.5.squareRoot())) < 1e-6)
            #expect(abs(distances[2] - 1) < 1e-6)

            let counter = StatementCounter()
            let error = await StatementTracing.$counter.withValue(counter) {
                await #expect(throws: SeekDBError.self) { try await collection.query(embeddings: [[1, 0], [0, 0]]) }
            }
            #expect(error?.code == .invalidArgument)
            #expect(error?.message.contains("index 1") == true)
            #expect(counter.value == 0)
            let wrongDimension = await #expect(throws: SeekDBError.self) { try await collection.query(embeddings: [[1, 0, 0]]) }
            #expect(wrongDimension?.code == .dimensionMismatch)
        }
    }

    @Test func innerProductCollectionReturnsTheMostSimilarFirst() async throws {
        // docs/pyseekdb-storage.md: pyseekdb returns neg, small, mid, big (least similar first).
        try await withTestCollection(dimension: 2, distance: .innerProduct) { _, collection in
            try await collection.add(ids: ["neg", "small", "mid", "big"], embeddings: [[-3, -3], [0.1, 0.1], [1, 1], [5, 5]])
            for consistency in [QueryConsistency.readYourWrites, .exact] {
                let result = try await collection.query(embeddings: [[1, 1]], nResults: 4, consistency: consistency)
                #expect(result.ids == [["big", "mid", "small", "neg"]])
                let distances = try #require(result.distances?[0])
                #expect(zip(distances, [-10, -2, -0.2, 6]).allSatisfy { abs($0 - $1) < 1e-6 }, "\(distances)")
            }
            let top = try await collection.query(embeddings: [[1, 1]], nResults: 1)
            #expect(top.ids == [["big"]])
        }
    }

    @Test func queryAppliesWhereAndWhereDocument() async throws {
        try await withTestCollection(dimension: 2) { _, collection in
            try await FilterTests.fill(collection)
            // Row i has embedding [i, 1]: arr 0, scal 1, missing 2, null 3, empty 4, num 5, str_num 6, nested 7, flag 8.
            let near = try await collection.query(
                embeddings: [[8, 1]], nResults: 3, where: .field("t") > 3,
                include: [], consistency: .readYourWrites)
            #expect(near.ids == [["flag", "nested", "str_num"]])
            let withDocument = try await collection.query(
                embeddings: [[0, 1]], nResults: 5, where: .notEqual("t", "zz"),
                whereDocument: .contains("pie"), consistency: .exact)
            #expect(withDocument.ids == [["null", "num"]])
            #expect(withDocument.documents == [["cherry pie", "apple pie"]])
            let none = try await collection.query(embeddings: [[0, 1]], where: .in("t", []), consistency: .exact)
            #expect(none.ids == [[]])
        }
    }

    @Test func aRecordAddedThenQueriedRightAwayIsFoundWithReadYourWrites() async throws {
        try await withTestCollection(dimension: 3) { _, collection in
            try await collection.add(ids: ["old1", "old2"], embeddings: [[1, 0, 0], [0, 1, 0]])
            try await collection.refreshIndex()
            for round in 0..<3 {
                let id = "new\(round)"
                let vector: [Float] = [5, 5, Float(5 + round)]
                try await collection.add(ids: IDs(id), embeddings: Embeddings(single: vector))
                let seen = try await collection.query(
                    embeddings: Embeddings(single: vector), nResults: 1,
                    include: [], consistency: .readYourWrites)
                #expect(seen.ids == [[id]])
                let exact = try await collection.query(
                    embeddings: Embeddings(single: vector), nResults: 1,
                    include: [], consistency: .exact)
                #expect(exact.ids == [[id]])
            }
        }
    }

    @Test func textQueryUsesTheDefaultEmbeddingFunction() async throws {
        try await withTestClient { client in
            let name = TestEnvironment.uniqueName("qtext")
            let collection = try await client.createCollection(name: name)
            do {
                try await collection.add(
                    ids: ["fruit", "code", "space"],
                    documents: [
                        "Apples and pears are sweet fruit that grow on trees",
                        "Swift is a programming language for writing fast, safe software",
                        "The rocket carried astronauts to the international space station"
                    ])
                let result = try await collection.query(
                    texts: ["Which language should I program in?", "orchard fruit"],
                    nResults: 3, consistency: .readYourWrites)
                #expect(result.ids.map(\.first) == ["code", "fruit"])
                #expect(result.ids.allSatisfy { $0.count == 3 })
                let filtered = try await collection.query(
                    texts: "astronaut", nResults: 3,
                    where: .notIn("missing", []), whereDocument: .notContains("rocket"))
                #expect(filtered.ids[0].contains("space") == false)
                try await client.deleteCollection(name: name)
            } catch {
                try? await client.deleteCollection(name: name)
                throw error
            }
        }
    }
}
