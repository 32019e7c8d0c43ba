import Foundation
import SeekDB
import SeekDBTesting
import Testing

@testable import SeekDBDriver

/// `hybridSearch` through `DBMS_HYBRID_SEARCH.SEARCH` on the rows of ``FilterTests``
/// (row i has embedding [i, 1]: arr 0, scal 1, missing 2, null 3, empty 4, num 5, str_num 6, nested 7, flag 8).
@Suite(.enabled(if: TestEnvironment.isEnabled), .seekdbDatabase)
struct HybridSearchTests {
    @Test func fullTextAndVectorAreFusedByReciprocalRank() async throws {
        try await withTestCollection(dimension: 2) { _, collection in
            try await FilterTests.fill(collection)
            try await collection.refreshIndex()
            let result = try await collection.hybridSearch(
                fullText: "banana", vector: .embedding([8, 1]), nResults: 4,
                vectorCandidates: 2, include: .all)
            #expect(result.scoreKind == .score)
            #expect(Set(result.ids) == ["arr", "scal", "flag", "nested"])
            #expect(result.scores == result.scores.sorted(by: >))
            // Each record appears in one ranking: rank 1 scores 1/61, rank 2 1/62 (rounded by the server).
            #expect(abs(result.scores[0] - 1.0 / 61) < 1e-4 && abs(result.scores[3] - 1.0 / 62) < 1e-4, "\(result.scores)")
            let index = try #require(result.ids.firstIndex(of: "flag"))
            #expect(result.documents?[index] == "true story")
            #expect(result.metadatas?[index] == ["t": true])
            #expect(result.embeddings?[index] == [8, 1])

            let constant = try await collection.hybridSearch(
                fullText: "banana", vector: .embedding([8, 1]), nResults: 1,
                fusion: .init(rankConstant: 10))
            #expect(abs(constant.scores[0] - 1.0 / 11) < 1e-4, "\(constant.scores)")
        }
    }

    @Test func singleLegsAndFiltersUseTheServersSemantics() async throws {
        try await withTestCollection(dimension: 2) { _, collection in
            try await FilterTests.fill(collection)
            try await collection.refreshIndex()
            let text = try await collection.hybridSearch(fullText: "banana, cherry!", include: [])
            // Natural-language matching: any word; the record with both words first.
            #expect(text.ids.first == "scal" && Set(text.ids) == ["scal", "arr", "null"])
            #expect(text.scores[0] > text.scores[1])

            let vector = try await collection.hybridSearch(vector: .embedding([8, 1]), where: .field("t") > 3, nResults: 3)
            #expect(vector.ids == ["flag", "nested", "str_num"])
            #expect(abs(vector.scores[0] - 1) < 1e-6 && abs(vector.scores[1] - 0.5) < 1e-6)  // 1 / (1 + distance)

            // The search language's equality is SQL `=`: unlike get, the array row "arr" does not match.
            let scalar = try await collection.hybridSearch(where: .field("t") == "ml" || .field("t") == 5, include: [])
            #expect(Set(scalar.ids) == ["scal", "num"])
            #expect(try await collection.get(where: .field("t") == "ml", include: []).ids.sorted() == ["arr", "scal"])

            let excluded = try await collection.hybridSearch(
                vector: .embedding([0, 1]), where: .notIn("t", ["ml", 5]) && .field("t") < 10,
                nResults: 9, include: [])
            #expect(Set(excluded.ids) == ["null", "nested"])
        }
    }

    @Test func unsafeInputIsRefusedOrNeutralisedBeforeTheServerSplicesIt() async throws {
        try await withTestCollection(dimension: 2) { _, collection in
            try await FilterTests.fill(collection)
            // Quotes and backslashes in the text become word separators.
            let quoted = try await collection.hybridSearch(fullText: "it's 'banana' \\ cherry", include: [])
            #expect(Set(quoted.ids) == ["arr", "scal", "null"])

            let counter = StatementCounter()
            await StatementTracing.$counter.withValue(counter) {
                await expectInvalid { try await collection.hybridSearch(where: .equal("t", "x') OR 1=1 -- ")) }
                await expectInvalid { try await collection.hybridSearch(where: .equal("a') OR 1=1 -- ", "x")) }
                await expectInvalid { try await collection.hybridSearch(where: .equal("t", ["ml"])) }
                await expectInvalid { try await collection.hybridSearch(where: .in("t", [])) }
                await expectInvalid { try await collection.hybridSearch(where: .all) }
                await expectInvalid { try await collection.hybridSearch(fullText: "?!") }
                await expectInvalid { try await collection.hybridSearch() }
                await expectInvalid { try await collection.hybridSearch(fullText: "a", nResults: 0) }
                await expectInvalid { try await collection.hybridSearch(vector: .text("no embedding function")) }
            }
            #expect(counter.value == 0)
            let wrong = await #expect(throws: SeekDBError.self) { try await collection.hybridSearch(vector: .embedding([1, 2, 3])) }
            #expect(wrong?.code == .dimensionMismatch)
        }
    }
}
