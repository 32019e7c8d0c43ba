import SeekDBDriver
import Testing

@testable import SeekDB

/// Filter parsing and the SQL they compile to, without a server.
struct FilterSQLTests {
    static let overlaps = "JSON_OVERLAPS(JSON_EXTRACT(metadata, ?), CAST(? AS JSON))"

    @Test func comparisonOperatorsCompileToPyseekdbsSQLWithBoundValues() throws {
        let path = SQLValue.string(#"$."t""#)
        #expect(try MetadataFilter.equal("t", "ml").sql(context: "t") == SQLFragment(Self.overlaps, [path, .string(#"["ml"]"#)]))
        #expect(try MetadataFilter.notEqual("t", 5).sql(context: "t") == SQLFragment("NOT " + Self.overlaps, [path, .string("[5]")]))
        #expect(
            try MetadataFilter.in("t", ["a", 1.5, nil, true]).sql(context: "t")
                == SQLFragment(Self.overlaps, [path, .string(#"["a",1.5,null,true]"#)]))
        #expect(try MetadataFilter.notIn("t", ["a"]).sql(context: "t") == SQLFragment("NOT " + Self.overlaps, [path, .string(#"["a"]"#)]))
        #expect(try MetadataFilter.in("t", []).sql(context: "t") == SQLFragment("FALSE"))
        #expect(try MetadataFilter.notIn("t", []).sql(context: "t") == SQLFragment("TRUE"))
        #expect(try MetadataFilter.greaterThan("t", 3).sql(context: "t") == SQLFragment("JSON_EXTRACT(metadata, ?) > ?", [path, .int(3)]))
        #expect(
            try MetadataFilter.greaterThanOrEqual("t", 2.5).sql(context: "t")
                == SQLFragment("JSON_EXTRACT(metadata, ?) >= ?", [path, .double(2.5)]))
        #expect(
            try MetadataFilter.lessThan("t", "m").sql(context: "t") == SQLFragment("JSON_EXTRACT(metadata, ?) < ?", [path, .string("m")]))
        #expect(
            try MetadataFilter.lessThanOrEqual("t", true).sql(context: "t")
                == SQLFragment("JSON_EXTRACT(metadata, ?) <= ?", [path, .int(1)]))
    }

    @Test func logicalOperatorsNestAndParenthesise() throws {
        let filter: MetadataFilter = (.field("a") == 1 && .field("b") > 2) || !(.field("c") == "x")
        let fragment = try filter.sql(context: "t")
        #expect(fragment.sql == "((\(Self.overlaps) AND JSON_EXTRACT(metadata, ?) > ?) OR NOT (\(Self.overlaps)))")
        #expect(
            fragment.parameters == [.string(#"$."a""#), .string("[1]"), .string(#"$."b""#), .int(2), .string(#"$."c""#), .string(#"["x"]"#)]
        )
        #expect(try MetadataFilter.all.sql(context: "t") == SQLFragment("TRUE"))
        #expect(try MetadataFilter.or([]).sql(context: "t") == SQLFragment("FALSE"))
    }

    @Test func keysBecomeQuotedBoundJSONPaths() throws {
        #expect(MetadataPath.jsonPath("a.b") == #"$."a"."b""#)
        #expect(MetadataPath.jsonPath("a') OR 1=1 -- ") == #"$."a') OR 1=1 -- ""#)
        #expect(MetadataPath.jsonPath(#"q"uote\"#) == #"$."q\"uote\\""#)
        #expect(MetadataPath.jsonPath("*") == #"$."*""#)
        // The key never reaches the SQL text, whatever it holds.
        for key in ["a') OR 1=1 -- ", "`x`", "'; DROP TABLE t; --", "a\"b"] {
            let fragment = try MetadataFilter.equal(key, 1).sql(context: "t")
            #expect(fragment.sql == Self.overlaps)
            #expect(fragment.parameters.first == .string(MetadataPath.jsonPath(key)))
        }
        for key in ["", ".a", "a.", "a..b"] {
            #expect(throws: SeekDBError.self) { try MetadataFilter.equal(key, 1).sql(context: "t") }
        }
    }

    @Test func invalidValuesAreRejected() {
        for filter: MetadataFilter in [
            .greaterThan("t", ["a"]), .lessThan("t", ["k": 1]), .equal("t", .double(.nan)),
            .in("t", [.double(.infinity)]), .lessThanOrEqual("t", .double(-.infinity))
        ] {
            let error = #expect(throws: SeekDBError.self) { try filter.sql(context: "get: where") }
            #expect(error?.code == .invalidArgument)
            #expect(error?.message.contains("'t'") == true)
        }
    }

    @Test func documentFiltersCompileToPyseekdbsSQL() {
        #expect(
            DocumentFilter.contains("apple").sql()
                == SQLFragment("MATCH(document) AGAINST (? IN NATURAL LANGUAGE MODE)", [.string("apple")]))
        #expect(
            DocumentFilter.notContains("apple").sql()
                == SQLFragment("NOT (MATCH(document) AGAINST (? IN NATURAL LANGUAGE MODE))", [.string("apple")]))
        #expect(DocumentFilter.regex("^a").sql() == SQLFragment("document REGEXP ?", [.string("^a")]))
        #expect(
            (DocumentFilter.regex("x") || .contains("y")).sql().sql
                == "(document REGEXP ? OR MATCH(document) AGAINST (? IN NATURAL LANGUAGE MODE))")
    }

    @Test func recordFilterJoinsMetadataAndDocumentConditions() throws {
        let filter = try RecordFilter(where: ["k": 1], whereDocument: .regex("r"), operation: .get)
        #expect(filter.whereClause.sql == " WHERE \(Self.overlaps) AND document REGEXP ?")
        #expect(filter.andClause.sql == " AND (\(Self.overlaps) AND document REGEXP ?)")
        #expect(filter.whereClause.parameters == [.string(#"$."k""#), .string("[1]"), .string("r")])
        #expect(try RecordFilter(where: nil, whereDocument: nil, operation: .get).whereClause.sql == "")
    }
}

/// pyseekdb's JSON filter syntax.
struct FilterJSONTests {
    @Test func parsesEveryMetadataOperator() throws {
        #expect(try MetadataFilter(json: #"{"k": "v"}"#) == .equal("k", "v"))
        #expect(try MetadataFilter(json: #"{"k": {"$eq": {"x": 1}}}"#) == .equal("k", ["x": 1]))
        #expect(try MetadataFilter(json: #"{"k": {"$ne": null}}"#) == .notEqual("k", nil))
        #expect(try MetadataFilter(json: #"{"k": {"$gt": 1, "$lte": 2.5}}"#) == .and([.greaterThan("k", 1), .lessThanOrEqual("k", 2.5)]))
        #expect(
            try MetadataFilter(json: #"{"k": {"$gte": "a", "$lt": "b"}}"#) == .and([.greaterThanOrEqual("k", "a"), .lessThan("k", "b")]))
        #expect(try MetadataFilter(json: #"{"k": {"$in": [1, "a"]}}"#) == .in("k", [1, "a"]))
        #expect(try MetadataFilter(json: #"{"k": {"$in": "a"}}"#) == .in("k", ["a"]))
        #expect(try MetadataFilter(json: #"{"k": {"$nin": []}}"#) == .notIn("k", []))
        #expect(try MetadataFilter(json: #"{"k": [1, 2]}"#) == .equal("k", [1, 2]))
        #expect(try MetadataFilter(json: #"{"a": 1, "b.c": true}"#) == .and([.equal("a", 1), .equal("b.c", true)]))
        #expect(
            try MetadataFilter(json: #"{"$and": [{"a": 1}, {"$or": [{"b": 2}, {"$not": {"c": 3}}]}]}"#)
                == .and([.equal("a", 1), .or([.equal("b", 2), .not(.equal("c", 3))])]))
        #expect(try MetadataFilter(["k": ["$gt": 3]]) == .greaterThan("k", 3))
    }

    @Test func rejectsUnknownAndMalformedMetadataFilters() {
        let cases: [(String, String)] = [
            (#"{"k": {"$contains": "x"}}"#, "'$contains'"),  // pyseekdb silently matches everything here
            (#"{"k": {"$regex": "x"}}"#, "'$regex'"),
            (#"{"$foo": 1}"#, "'$foo'"),
            (#"{"k": {"a": 1}}"#, "'a'"),
            (#"{"k": {"$eq": 1, "b": 2}}"#, "'b'"),
            (#"{}"#, "empty"),
            (#"{"k": {}}"#, "empty"),
            (#"{"$and": []}"#, "$and"),
            (#"{"$or": {"a": 1}}"#, "$or"),
            (#"{"$and": [1]}"#, "$and[0]"),
            (#"{"$not": [{"a": 1}]}"#, "$not"),
            (#"[{"a": 1}]"#, "a list"),
            (#"{"a": 1"#, "not valid JSON"),
            (#"{"": 1}"#, "empty"),
            (#"{"a..b": 1}"#, "a..b"),
            (#"{"$and": [{"a": 1}, {"b": {"$between": [1, 2]}}]}"#, "where.$and[1].b")
        ]
        for (json, fragment) in cases {
            let error = #expect(throws: SeekDBError.self, "\(json)") { try MetadataFilter(json: json) }
            #expect(error?.code == .invalidArgument, "\(json)")
            #expect(error?.message.contains(fragment) == true, "\(json): \(error?.message ?? "")")
        }
    }

    @Test func parsesAndRejectsDocumentFilters() throws {
        #expect(try DocumentFilter(json: #"{"$contains": "a"}"#) == .contains("a"))
        #expect(try DocumentFilter(json: #"{"$not_contains": "a"}"#) == .notContains("a"))
        #expect(try DocumentFilter(json: #"{"$regex": "^a", "$contains": "b"}"#) == .and([.regex("^a"), .contains("b")]))
        #expect(
            try DocumentFilter(json: #"{"$or": [{"$contains": "a"}, {"$and": [{"$regex": "b"}]}]}"#)
                == .or([.contains("a"), .and([.regex("b")])]))
        for json in [#"{"$match": "a"}"#, #"{}"#, #"{"$contains": 1}"#, #"{"$and": []}"#, #"{"$or": [{}]}"#, #""a""#, #"{"k": "v"}"#] {
            let error = #expect(throws: SeekDBError.self, "\(json)") { try DocumentFilter(json: json) }
            #expect(error?.code == .invalidArgument, "\(json)")
        }
    }

    @Test func swiftSpellingsBuildTheSameFilters() {
        let dictionary: MetadataFilter = ["genre": "sf"]
        #expect(dictionary == .equal("genre", "sf"))
        #expect((.field("a") == 1 && .field("b") != 2 && .field("c") < 3) == .and([.equal("a", 1), .notEqual("b", 2), .lessThan("c", 3)]))
        #expect(MetadataFilter.field("t").isIn(["a"]) == .in("t", ["a"]))
        #expect(MetadataFilter.field("t").isNotIn(["a"]) == .notIn("t", ["a"]))
        #expect((.field("a") >= 1 || .field("b") <= 2) == .or([.greaterThanOrEqual("a", 1), .lessThanOrEqual("b", 2)]))
    }
}

/// The search-language form of filters sent to `DBMS_HYBRID_SEARCH`.
struct FilterSearchDSLTests {
    static func dsl(_ filter: MetadataFilter) throws -> String? {
        try filter.searchDSL(context: "hybridSearch: where").map { try JSONWriter.string($0) }
    }

    @Test func compilesToTermRangeTermsAndBool() throws {
        let field = #"(JSON_EXTRACT(metadata, '$.\"t\"'))"#
        #expect(try Self.dsl(.equal("t", "ml")) == #"{"term":{"\#(field)":"ml"}}"#)
        #expect(try Self.dsl(.greaterThanOrEqual("t", 3)) == #"{"range":{"\#(field)":{"gte":3}}}"#)
        #expect(try Self.dsl(.in("t", [1, "a"])) == #"{"terms":{"\#(field)":[1,"a"]}}"#)
        #expect(try Self.dsl(.notEqual("t", true)) == #"{"bool":{"must_not":[{"term":{"\#(field)":true}}]}}"#)
        #expect(
            try Self.dsl(.field("t") > 1 || .field("t") < 0)
                == #"{"bool":{"should":[{"range":{"\#(field)":{"gt":1}}},{"range":{"\#(field)":{"lt":0}}}],"minimum_should_match":1}}"#)
        #expect(try Self.dsl(.and([.notIn("t", []), .equal("t", 1)])) == #"{"term":{"\#(field)":1}}"#)
        #expect(try Self.dsl(.all) == nil)
        #expect(try Self.dsl(.or([.all, .equal("t", 1)])) == nil)
    }

    @Test func refusesWhatTheServerWouldSpliceUnsafely() throws {
        for filter: MetadataFilter in [
            .equal("t", "it's"), .equal("t", "back\\slash"), .equal("a'b", 1), .equal("a\"b", 1),
            .equal("a`b", 1), .equal("t", nil), .equal("t", ["x"]), .in("t", []), .or([]), .not(.all)
        ] {
            let error = #expect(throws: SeekDBError.self, "\(filter)") { try filter.searchDSL(context: "hybridSearch: where") }
            #expect(error?.code == .invalidArgument)
        }
        #expect(throws: SeekDBError.self) { try SeekDBCollection.fullTextWords("?! '\\", operation: .hybridSearch) }
        #expect(try SeekDBCollection.fullTextWords("it's a \"test\"; DROP', 中文", operation: .hybridSearch) == "it s a test DROP 中文")
    }
}
