import Foundation
import SeekDB
import SeekDBTesting
import Testing

@testable import SeekDBDriver

/// Sparse search: most similar first, the server's scores, filters; and pyseekdb's ranking of
/// the same collection.
@Suite(.enabled(if: TestEnvironment.isEnabled), .seekdbDatabase)
struct SparseQueryTests {
    static let fruitDocuments = [
        "apples are red fruit", "pears are green", "apples apples apples",
        "green apples and red pears", "nothing here", "plums"
    ]

    static func fruitCollection(_ client: SeekDBClient, _ name: String) async throws -> SeekDBCollection {
        let collection = try await SparseCollectionTests.createBM25(client, name)
        try await collection.add(
            ids: IDs(fruitDocuments.indices.map { "r\($0)" }),
            embeddings: Embeddings(fruitDocuments.map { _ in [Float(1), 0, 0] }),
            documents: Documents(fruitDocuments),
            metadatas: Metadatas(fruitDocuments.indices.map { ["n": .int(Int64($0))] as Metadata }))
        return collection
    }

    @Test func sparseQueryRanksMostSimilarFirstAsTheServerScores() async throws {
        try await SparseCollectionTests.withCollections(1) { client, names in
            let collection = try await Self.fruitCollection(client, names[0])
            let bm25 = try BM25SparseEmbeddingFunction()
            for consistency in [QueryConsistency.readYourWrites, .exact] {
                let byText = try await collection.query(texts: "red apples", using: .sparse, nResults: 10, consistency: consistency)
                let byVector = try await collection.query(
                    sparseEmbeddings: [bm25.sparseVector(for: "red apples")], nResults: 10,
                    consistency: consistency)
                #expect(byText == byVector)
                // The inner products computed here from the stored vectors, largest first.
                let stored = try await collection.get(ids: IDs(byText.ids[0]), include: [.sparseEmbeddings])
                let query = bm25.sparseVector(for: "red apples")
                let expected =
                    stored.sparseEmbeddings?.map { vector in
                        Double(vector?.entries.reduce(Float(0)) { $0 + $1.value * (query[$1.index] ?? 0) } ?? 0)
                    } ?? []
                let scores = byText.distances?[0].map { -$0 } ?? []
                #expect(scores.count == expected.count)
                for (got, want) in zip(scores, expected) { #expect(abs(got - want) <= 1e-4 * max(1, abs(want)), "\(consistency)") }
                #expect(scores == scores.sorted(by: >), "\(consistency): \(byText.ids[0]) \(scores)")
                #expect(Array(byText.ids[0].prefix(3)).sorted() == ["r0", "r2", "r3"], "\(consistency)")  // the records with "apples"
            }
            // Filters narrow it as for dense queries.
            let filtered = try await collection.query(
                texts: "red apples", using: .sparse, where: .field("n") >= 2,
                whereDocument: .contains("pears"), consistency: .exact)
            #expect(filtered.ids == [["r3"]])
            // pyseekdb's sparse query on the same collection scores the records alike and ranks
            // them the other way (ascending inner product): the matching records, reversed.
            let python = try Python.run("sparse-query", names[0], "red apples", "6")
            let pythonIDs = python["ids"] as? [String] ?? []
            let pythonScores = python["distances"] as? [Double] ?? []
            let pythonMatches = pythonIDs.indices.filter { pythonScores[$0] > 0 }
            let ours = try await collection.query(texts: "red apples", using: .sparse, nResults: 6, consistency: .readYourWrites)
            let ourMatches = ours.ids[0].indices.filter { (ours.distances?[0][$0] ?? 0) < 0 }
            #expect(pythonMatches.reversed().map { pythonIDs[$0] } == ourMatches.map { ours.ids[0][$0] }, "\(pythonIDs) \(ours.ids[0])")
            #expect(pythonMatches.reversed().map { pythonScores[$0] }.count == ourMatches.count)
            for (p, o) in zip(pythonMatches.reversed(), ourMatches) {
                #expect(abs(pythonScores[p] + (ours.distances?[0][o] ?? 0)) <= 1e-6 * max(1, pythonScores[p]))
            }
        }
    }

    @Test func sparseQueryRefusesWhatItCannotRun() async throws {
        try await withTestCollection { _, plain in
            let counter = StatementCounter()
            let v = try SparseVector([1: 1])
            let errors: [SeekDBError?] = await StatementTracing.$counter.withValue(counter) {
                [
                    await #expect(throws: SeekDBError.self) { try await plain.query(sparseEmbeddings: [v]) },
                    await #expect(throws: SeekDBError.self) { try await plain.query(texts: "x", using: .sparse) }
                ]
            }
            #expect(counter.value == 0)
            for error in errors { #expect(error?.code == .invalidArgument) }
        }
        try await SparseCollectionTests.withCollections(1) { client, names in
            let collection = try await SparseCollectionTests.createBM25(client, names[0])
            let counter = StatementCounter()
            let errors: [SeekDBError?] = await StatementTracing.$counter.withValue(counter) {
                [
                    await #expect(throws: SeekDBError.self) { try await collection.query(sparseEmbeddings: [.empty]) },
                    await #expect(throws: SeekDBError.self) { try await collection.query(sparseEmbeddings: []) },
                    await #expect(throws: SeekDBError.self) { try await collection.query(sparseEmbeddings: [nil]) },
                    await #expect(throws: SeekDBError.self) { try await collection.query(texts: "x", using: .sparse, nResults: 0) }
                ]
            }
            #expect(counter.value == 0)
            for error in errors { #expect(error?.code == .invalidArgument) }
        }
    }
}
