import Foundation
import SeekDB
import SeekDBTesting
import Testing

@testable import SeekDBDriver

@Suite(.enabled(if: TestEnvironment.isEnabled), .seekdbDatabase)
struct RecordTests {
    @Test func addThenGetRoundTripsEveryField() async throws {
        try await withTestCollection { _, collection in
            let metadata: Metadata = [
                "chapter": 3, "score": 9.5, "whole": 2.0, "title": "Intro \"quoted\" \\ 中文 🦊",
                "tags": ["a", "b"], "nested": ["x": ["y": true]], "none": nil, "big": 9_007_199_254_740_993
            ]
            try await collection.add(
                ids: ["a", "b", "c"],
                embeddings: [[1, 2, 3], [0.5, 0.25, 0.125], [-1, 0, 1]],
                documents: ["first", nil, ""],
                metadatas: [metadata, nil, [:]])
            #expect(try await collection.count() == 3)

            let result = try await collection.get(ids: ["c", "a", "missing", "b"], include: [.documents, .metadatas, .embeddings])
            #expect(result.ids == ["c", "a", "b"])
            #expect(result.documents == ["", "first", nil])
            #expect(result.metadatas?[1] == metadata)
            #expect(result.metadatas?[0] == [:])
            #expect(result.metadatas?[2] == nil)
            #expect(result.embeddings?[1] == [1, 2, 3])
            #expect(result.embeddings?[2] == [0.5, 0.25, 0.125])

            let onlyIDs = try await collection.get(ids: "a", include: [])
            #expect(onlyIDs.ids == ["a"] && onlyIDs.documents == nil && onlyIDs.metadatas == nil)
        }
    }

    @Test func getPagesWithLimitAndOffset() async throws {
        try await withTestCollection(dimension: 2) { _, collection in
            let ids = (0..<25).map { "id\($0)" }
            try await collection.add(ids: IDs(ids), embeddings: Embeddings(ids.indices.map { [Float($0), 1] }))
            let all = try await collection.get()
            #expect(all.count == 25)
            let page = try await collection.get(limit: 10, offset: 20)
            #expect(page.count == 5)
            let byIDs = try await collection.get(ids: IDs(ids), limit: 3, offset: 1)
            #expect(byIDs.ids == ["id1", "id2", "id3"])
            #expect(try await collection.peek(limit: 4).embeddings?.count == 4)
        }
    }

    @Test func idsTravelAsUTF8Bytes() async throws {
        try await withTestCollection(dimension: 2) { client, collection in
            let ids = ["100%_complete", "%%", "a'b", "back\\slash", "emoji🦊", "שלום", "x\u{0}y", String(repeating: "é", count: 256)]
            try await collection.add(ids: IDs(ids), embeddings: Embeddings(ids.map { _ in [1, 2] }))
            let result = try await collection.get(ids: IDs(ids), include: [])
            #expect(result.ids == ids)
            let hex = try await client.execute("SELECT HEX(_id) FROM `c$v2$\(collection.id!)` WHERE _id = ?", [.bytes(Array("a'b".utf8))])
            #expect(hex.rows.first?.first?.stringValue == "612762")
        }
    }

    @Test func deleteByIDsReportsTheCount() async throws {
        try await withTestCollection(dimension: 2) { _, collection in
            try await collection.add(ids: ["a", "b", "c"], embeddings: [[1, 1], [2, 2], [3, 3]])
            #expect(try await collection.delete(ids: ["a", "c", "zz"]) == 2)
            #expect(try await collection.get().ids == ["b"])
        }
    }

    @Test func deletingMoreIDsThanOneStatementCarriesIsOneTransaction() async throws {
        try await withTestCollection(dimension: 2) { _, collection in
            let stored = (0..<3_000).map { "r\($0)" }
            try await collection.add(ids: IDs(stored), embeddings: Embeddings(stored.map { _ in [1, 2] }))
            // 12,000 ids (most absent): three statements of the id chunker, inside one transaction.
            let asked = (0..<12_000).map { "r\($0 * 2)" }
            let counter = StatementCounter()
            let deleted = try await StatementTracing.$counter.withValue(counter) { try await collection.delete(ids: IDs(asked)) }
            #expect(deleted == 1_500)
            #expect(counter.executedSQL.filter { $0.hasPrefix("DELETE") }.count == 3)
            #expect(counter.executedSQL.first == "START TRANSACTION" && counter.executedSQL.last == "COMMIT")
            #expect(try await collection.count() == 1_500)
            #expect(try await collection.get(ids: ["r0", "r1", "r2999"], include: []).ids == ["r1", "r2999"])

            // 1,000 ids fit one statement, which is atomic by itself: no transaction around it.
            let single = StatementCounter()
            let odd = (0..<1_000).map { "r\($0 * 2 + 1)" }
            #expect(try await StatementTracing.$counter.withValue(single) { try await collection.delete(ids: IDs(odd)) } == 1_000)
            #expect(single.executedSQL.count == 1)
        }
    }

    @Test func largeAddIsChunkedAndAtomic() async throws {
        try await withTestCollection(dimension: 8) { _, collection in
            let ids = (0..<1_200).map { "r\($0)" }
            try await collection.add(ids: IDs(ids), embeddings: Embeddings(ids.indices.map { i in (0..<8).map { Float(i + $0) } }))
            #expect(try await collection.count() == 1_200)
            // An existing id in the last chunk rolls back every chunk of the call.
            let more = (1_200..<2_400).map { "r\($0)" } + ["r5"]
            let error = await #expect(throws: SeekDBError.self) {
                try await collection.add(ids: IDs(more), embeddings: Embeddings(more.map { _ in [Float](repeating: 1, count: 8) }))
            }
            #expect(error?.code == .duplicateKey)
            #expect(try await collection.count() == 1_200)
        }
    }

    @Test func badRecordsAreRejectedBeforeAnySQL() async throws {
        try await withTestCollection { _, collection in
            let counter = StatementCounter()
            func expectRejected(_ code: SeekDBError.Code, _ body: () async throws -> Void) async {
                let error = await StatementTracing.$counter.withValue(counter) {
                    await #expect(throws: SeekDBError.self) { try await body() }
                }
                #expect(error?.code == code, "\(String(describing: error))")
            }
            await expectRejected(.invalidArgument) { try await collection.add(ids: [], embeddings: []) }
            await expectRejected(.invalidArgument) { try await collection.add(ids: [""], embeddings: [[1, 2, 3]]) }
            await expectRejected(.invalidArgument) { try await collection.add(ids: ["a", "a"], embeddings: [[1, 2, 3], [1, 2, 3]]) }
            await expectRejected(.invalidArgument) {
                try await collection.add(ids: IDs(String(repeating: "x", count: 513)), embeddings: [[1, 2, 3]])
            }
            await expectRejected(.invalidArgument) { try await collection.add(ids: ["a", "b"], embeddings: [[1, 2, 3]]) }
            await expectRejected(.dimensionMismatch) { try await collection.add(ids: ["a", "b"], embeddings: [[1, 2, 3], [1, 2]]) }
            await expectRejected(.invalidArgument) { try await collection.add(ids: ["a"], embeddings: [[1, .nan, 3]]) }
            await expectRejected(.invalidArgument) {
                try await collection.add(ids: ["a"], embeddings: [[1, 2, 3]], metadatas: ["x": .double(.infinity)])
            }
            await expectRejected(.invalidArgument) { try await collection.add(ids: ["a"], documents: ["no embedding function"]) }
            await expectRejected(.invalidArgument) { try await collection.add(ids: ["a"]) }
            await expectRejected(.invalidArgument) { _ = try await collection.get(limit: -1) }
            #expect(counter.value == 0)
        }
    }

    @Test func documentsAreEmbeddedByTheCollectionsFunction() async throws {
        try await withTestCollection(dimension: 4, embeddingFunction: LetterCountEmbedding()) { _, collection in
            try await collection.add(ids: ["x", "y"], embeddings: [nil, [9, 9, 9, 9]], documents: ["abc", "ignored"])
            let result = try await collection.get(ids: ["x", "y"], include: [.embeddings])
            #expect(result.embeddings?[0] == [1, 1, 1, 0])
            #expect(result.embeddings?[1] == [9, 9, 9, 9])
        }
    }
}

/// A small deterministic embedding function for tests: counts of a, b, c, d.
struct LetterCountEmbedding: EmbeddingFunction {
    var dimension: Int { 4 }
    func embed(_ texts: [String]) async throws -> [[Float]] {
        texts.map { text in ["a", "b", "c", "d"].map { letter in Float(text.filter { String($0) == letter }.count) } }
    }
}
