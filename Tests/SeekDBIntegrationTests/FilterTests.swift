import Foundation
import SeekDB
import SeekDBTesting
import Testing

@testable import SeekDBDriver

/// `where` / `whereDocument` against the real server, with the ids pyseekdb 1.4.0.post1
/// returned for the same filters on the same rows (docs/pyseekdb-storage.md, filters; the rows
/// `nested` and `flag` were added and the whole table re-observed with pyseekdb's `get`).
@Suite(.enabled(if: TestEnvironment.isEnabled), .seekdbDatabase)
struct FilterTests {
    /// The rows of that document's filter table plus a nested object and a boolean.
    static let metadatas: [(String, Metadata?, String?)] = [
        ("arr", ["t": ["ml", "ai"]], "apple banana"),
        ("scal", ["t": "ml"], "banana cherry"),
        ("missing", [:], nil),
        ("null", ["t": nil], "cherry pie"),
        ("empty", ["t": []], "Swift code 42"),
        ("num", ["t": 5], "apple pie"),
        ("str_num", ["t": "5"], "pear"),
        ("nested", ["a": ["b": 2, "c": "x"], "t": 7.5], "nested thing"),
        ("flag", ["t": true], "true story")
    ]

    static let everyID = ["arr", "empty", "flag", "missing", "nested", "null", "num", "scal", "str_num"]

    /// (pyseekdb JSON, the same filter typed in Swift, ids pyseekdb returned).
    static let metadataCases: [(String, MetadataFilter, [String])] = [
        (#"{"t": "ml"}"#, .equal("t", "ml"), ["arr", "scal"]),
        (#"{"t": {"$eq": "ai"}}"#, .field("t") == "ai", ["arr"]),
        (#"{"t": {"$ne": "ml"}}"#, .notEqual("t", "ml"), ["empty", "flag", "nested", "null", "num", "str_num"]),
        (#"{"t": {"$nin": ["ml"]}}"#, .notIn("t", ["ml"]), ["empty", "flag", "nested", "null", "num", "str_num"]),
        (#"{"$not": {"t": "ml"}}"#, !(.field("t") == "ml"), ["empty", "flag", "nested", "null", "num", "str_num"]),
        (#"{"t": {"$in": ["ml", "5"]}}"#, .in("t", ["ml", "5"]), ["arr", "scal", "str_num"]),
        (#"{"t": 5}"#, ["t": 5], ["num"]),
        (#"{"t": {"$gt": 3}}"#, .field("t") > 3, ["arr", "empty", "flag", "nested", "num", "scal", "str_num"]),
        (#"{"t": {"$gt": "a"}}"#, .greaterThan("t", "a"), ["arr", "empty", "flag", "scal"]),
        (#"{"t": {"$lt": 10}}"#, .lessThan("t", 10), ["nested", "null", "num"]),
        (#"{"t": null}"#, .equal("t", nil), ["null"]),
        (#"{"t": {"$gte": 5}}"#, .field("t") >= 5, ["arr", "empty", "flag", "nested", "num", "scal", "str_num"]),
        (#"{"t": {"$lte": 5}}"#, .field("t") <= 5, ["null", "num"]),
        (#"{"t": {"$in": []}}"#, .in("t", []), []),
        (#"{"t": {"$nin": []}}"#, .notIn("t", []), everyID),
        (#"{"$and": [{"t": {"$gte": 5}}, {"t": {"$lt": 7}}]}"#, .field("t") >= 5 && .field("t") < 7, ["num"]),
        (#"{"$or": [{"t": 5}, {"t": "ml"}]}"#, .field("t") == 5 || .field("t") == "ml", ["arr", "num", "scal"]),
        (#"{"a.b": 2}"#, .equal("a.b", 2), ["nested"]),
        (#"{"a.b": {"$gt": 1}}"#, .greaterThan("a.b", 1), ["nested"]),
        (#"{"t": true}"#, .equal("t", true), ["flag"]),
        (#"{"t": 7.5}"#, .equal("t", 7.5), ["nested"]),
        (#"{"t": {"$gt": 5, "$lt": 8}}"#, .and([.greaterThan("t", 5), .lessThan("t", 8)]), ["nested"]),
        (#"{"t": ["ml", "ai"]}"#, .equal("t", ["ml", "ai"]), []),
        (#"{"t": {"$in": [5, true]}}"#, .field("t").isIn([5, true]), ["flag", "num"])
    ]

    static let documentCases: [(String, DocumentFilter, [String])] = [
        (#"{"$contains": "banana"}"#, .contains("banana"), ["arr", "scal"]),
        (#"{"$not_contains": "apple"}"#, .notContains("apple"), ["empty", "flag", "missing", "nested", "null", "scal", "str_num"]),
        (#"{"$regex": "^[a-c]"}"#, .regex("^[a-c]"), ["arr", "null", "num", "scal"]),
        (#"{"$and": [{"$contains": "apple"}, {"$contains": "pie"}]}"#, .contains("apple") && .contains("pie"), ["num"]),
        (#"{"$or": [{"$contains": "pear"}, {"$regex": "[0-9]"}]}"#, .or([.contains("pear"), .regex("[0-9]")]), ["empty", "str_num"])
    ]

    static func fill(_ collection: SeekDBCollection) async throws {
        let rows = metadatas
        try await collection.add(
            ids: IDs(rows.map(\.0)),
            embeddings: Embeddings(rows.indices.map { [Float($0), 1] }),
            documents: Documents(rows.map(\.2)),
            metadatas: Metadatas(rows.map(\.1)))
    }

    @Test func everyMetadataOperatorSelectsWhatPyseekdbSelects() async throws {
        try await withTestCollection(dimension: 2) { _, collection in
            try await Self.fill(collection)
            for (json, typed, expected) in Self.metadataCases {
                #expect(try MetadataFilter(json: json) == typed, "\(json)")
                let ids = try await collection.get(where: typed, include: []).ids.sorted()
                #expect(ids == expected, "\(json)")
            }
        }
    }

    @Test func everyDocumentOperatorSelectsWhatPyseekdbSelects() async throws {
        try await withTestCollection(dimension: 2) { _, collection in
            try await Self.fill(collection)
            for (json, typed, expected) in Self.documentCases {
                #expect(try DocumentFilter(json: json) == typed, "\(json)")
                let ids = try await collection.get(whereDocument: typed, include: []).ids.sorted()
                #expect(ids == expected, "\(json)")
            }
            let both = try await collection.get(where: .field("t") == "ml", whereDocument: .contains("cherry"))
            #expect(both.ids == ["scal"])
            #expect(both.documents == ["banana cherry"])
        }
    }

    @Test func filtersCombineWithIDsAndKeepTheOrderAsked() async throws {
        try await withTestCollection(dimension: 2) { _, collection in
            try await Self.fill(collection)
            let result = try await collection.get(
                ids: ["str_num", "num", "arr", "scal", "zz"], where: .field("t") > 3, include: [.metadatas])
            #expect(result.ids == ["str_num", "num", "arr", "scal"])
            #expect(result.metadatas?[1] == ["t": 5])
            let page = try await collection.get(where: .notIn("t", []), limit: 4, offset: 2, include: [])
            #expect(page.count == 4)
        }
    }

    @Test func injectionKeysAreMatchedLiterallyNeverExecuted() async throws {
        try await withTestCollection(dimension: 2) { _, collection in
            let evil = "a') OR 1=1 -- "
            try await collection.add(
                ids: ["plain", "evil"], embeddings: [[1, 1], [2, 2]],
                metadatas: [["a": 1], [evil: "hit", "quote\"key": 1, "back\\slash": 2, "a b": 3]])
            for key in [evil, "' OR '1'='1", "a\") OR 1=1 -- ", "$.a", "*", "a[0]", "`a`"] {
                #expect(try await collection.get(where: .notEqual(key, "x"), include: []).ids == (key == evil ? ["evil"] : []), "\(key)")
                #expect(try await collection.get(where: .field(key) > 0, include: []).ids == (key == evil ? ["evil"] : []), "\(key)")
            }
            #expect(try await collection.get(where: .equal(evil, "hit"), include: []).ids == ["evil"])
            #expect(try await collection.get(where: .equal("quote\"key", 1), include: []).ids == ["evil"])
            #expect(try await collection.get(where: .equal("back\\slash", 2), include: []).ids == ["evil"])
            #expect(try await collection.get(where: .equal("a b", 3), include: []).ids == ["evil"])
            #expect(try await collection.delete(where: .equal(evil, "nope")) == 0)
            #expect(try await collection.count() == 2)
        }
    }

    @Test func deleteByFilterReportsTheCount() async throws {
        try await withTestCollection(dimension: 2) { _, collection in
            try await Self.fill(collection)
            #expect(try await collection.delete(where: .field("t") == "ml") == 2)
            #expect(try await collection.delete(ids: ["num", "str_num", "null"], whereDocument: .contains("pie")) == 2)
            #expect(try await collection.get(include: []).ids.sorted() == ["empty", "flag", "missing", "nested", "str_num"])
            #expect(try await collection.delete(where: .all) == 5)
            #expect(try await collection.count() == 0)
        }
    }

    @Test func invalidFiltersAreRejectedBeforeAnySQL() async throws {
        try await withTestCollection(dimension: 2) { _, collection in
            let counter = StatementCounter()
            await StatementTracing.$counter.withValue(counter) {
                await expectInvalid { try await collection.delete() }
                await expectInvalid { try await collection.get(where: .equal("", 1)) }
                await expectInvalid { try await collection.get(where: .equal("a..b", 1)) }
                await expectInvalid { try await collection.get(where: .greaterThan("t", ["x"])) }
                await expectInvalid { try await collection.get(where: .equal("t", .double(.nan))) }
                await expectInvalid { try await collection.delete(where: .lessThan("t", .double(.infinity))) }
                await expectInvalid { try await collection.query(embeddings: [[1, 1]], nResults: 0) }
                await expectInvalid { try await collection.query(embeddings: [[1, 1]], nResults: 16_385) }
                await expectInvalid { try await collection.query(embeddings: [nil]) }
                await expectInvalid { try await collection.query(embeddings: []) }
                await expectInvalid { try await collection.query(texts: "no embedding function") }
            }
            #expect(counter.value == 0)
        }
    }
}

/// Expects `body` to throw ``SeekDBError`` with code `.invalidArgument`.
func expectInvalid(_ body: () async throws -> some Any, sourceLocation: SourceLocation = #_sourceLocation) async {
    let error = await #expect(throws: SeekDBError.self, sourceLocation: sourceLocation) { _ = try await body() }
    #expect(error?.code == .invalidArgument, sourceLocation: sourceLocation)
}
