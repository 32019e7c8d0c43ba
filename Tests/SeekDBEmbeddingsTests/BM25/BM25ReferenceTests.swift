import Foundation
import Testing

@testable import SeekDBEmbeddings

/// The Swift BM25 against pyseekdb's BM25SparseEmbeddingFunction (with bm25s and PyStemmer),
/// computed live in the project's Python on the same texts.
@Suite("BM25 against pyseekdb", .serialized)
struct BM25ReferenceTests {
    /// The configurations compared: pyseekdb's defaults, the issue's non-default one, and one
    /// with custom stop words and the `"en"` alias; the last has no stop words at all.
    static let configurations: [[(key: String, value: EmbeddingPropertyValue)]] = [
        [],
        [("k", .double(1.5)), ("b", .double(0.5)), ("avg_doc_length", .int(100)), ("dim", .int(1000))],
        [
            ("k", .double(0.9)), ("b", .double(1.0)), ("avg_doc_length", .double(12.5)), ("dim", .int(50_000)),
            ("language", .string("en")),
            ("stopwords", .array(["run", "search", "vector", "the", "don", "数据", "The"].map { .string($0) }))
        ],
        [("k", .double(0)), ("b", .double(0)), ("dim", .int(7)), ("stopwords", .array([]))]
    ]

    static func json(_ value: EmbeddingPropertyValue) -> Any {
        switch value {
        case .null: NSNull()
        case .bool(let flag): flag
        case .int(let number): number
        case .double(let number): number
        case .string(let text): text
        case .array(let items): items.map(json)
        case .object(let members): members.mapValues(json)
        }
    }

    static func json(_ properties: [(key: String, value: EmbeddingPropertyValue)]) -> [String: Any] {
        Dictionary(properties.map { ($0.key, json($0.value)) }, uniquingKeysWith: { _, last in last })
    }

    @Test("indices equal and values within 1e-5 relative, for every text and configuration")
    func sameVectors() throws {
        let texts = BM25Texts.all
        #expect(texts.count >= 300)
        let expected = try PyseekdbBM25.vectors(texts, configs: Self.configurations.map(Self.json))
        try #require(expected.count == Self.configurations.count)
        for (number, configuration) in Self.configurations.enumerated() {
            let function = try BM25SparseEmbeddingFunction(properties: configuration)
            let actual = function.sparseVectors(for: texts)
            var worst = 0.0
            var mismatches = 0
            for (position, text) in texts.enumerated() {
                let reference = expected[number][position]
                let vector = actual[position]
                guard vector.indices == reference.indices else {
                    mismatches += 1
                    Issue.record(
                        Comment(
                            rawValue: "configuration \(number), text \(position) \(text.prefix(60).debugDescription): indices "
                                + "\(vector.indices.prefix(8)) vs pyseekdb \(reference.indices.prefix(8))"))
                    continue
                }
                for (value, referenceValue) in zip(vector.values, reference.values) {
                    let error = abs(Double(value) - referenceValue) / abs(referenceValue)
                    worst = max(worst, error)
                    #expect(error <= 1e-5, "configuration \(number), text \(position): \(value) vs \(referenceValue)")
                }
            }
            print(
                "BM25 reference: configuration \(number) \(Self.json(configuration)): \(texts.count) texts, "
                    + "\(mismatches) index mismatches, max relative error \(worst)")
        }
    }

    @Test("the async embed gives the same vectors as the synchronous one")
    func asyncEmbed() async throws {
        let function = try BM25SparseEmbeddingFunction()
        let texts = Array(BM25Texts.all.prefix(40))
        #expect(try await function.embed(texts) == function.sparseVectors(for: texts))
        #expect(function.sparseVector(for: texts[11]) == function.sparseVectors(for: texts)[11])
    }

    @Test("the tokenizer splits and lower-cases as bm25s (stop words kept, no stemming)")
    func sameTokens() throws {
        let texts = BM25Texts.all
        let answer = try PyseekdbBM25.run(["mode": "tokens", "texts": texts])
        let expected = try #require(answer["tokens"] as? [[String]])
        let tokenizer = BM25Tokenizer(stopwords: [])
        for (position, text) in texts.enumerated() {
            #expect(tokenizer.tokens(text) == expected[position], "text \(position) \(text.prefix(60).debugDescription)")
        }
    }

    @Test("the stemmer stems every token of the texts, and the words older Snowball releases stem differently, as PyStemmer")
    func sameStems() throws {
        let tokenizer = BM25Tokenizer(stopwords: [])
        var words = Set(BM25Texts.all.flatMap(tokenizer.tokens))
        words.formUnion(Self.revisionSensitiveWords)
        let list = words.sorted()
        let answer = try PyseekdbBM25.run(["mode": "stems", "words": list])
        let expected = try #require(answer["stems"] as? [String])
        try #require(expected.count == list.count)
        var differences: [String] = []
        for (word, stem) in zip(list, expected) {
            let mine = String(String.UnicodeScalarView(EnglishStemmer.stem(Array(word.unicodeScalars))))
            if mine != stem { differences.append("\(word): \(mine) vs PyStemmer \(stem)") }
        }
        #expect(differences.isEmpty, "\(differences.count) of \(list.count) words: \(differences.prefix(20))")
    }

    /// Words Debian's libstemmer 2.2.0 stems differently from PyStemmer 3.1.0 (found by stemming
    /// ~950,000 distinct tokens with both), plus neighbours of the rules involved.
    static let revisionSensitiveWords: [String] = [
        "added", "adding", "anned", "anning", "ebbing", "erring", "erred", "egged", "offing", "oddly",
        "evening", "evenings", "inning", "innings", "outing", "canning", "herring", "earring",
        "paste", "pasted", "pastes", "pasting", "pastry", "pasta", "past", "cpaste", "npaste",
        "internal", "internally", "international", "interval", "intervals", "interfere", "interfered",
        "interest", "interesting", "interger", "intergrated", "interation", "internet", "inter",
        "universal", "universally", "universities", "university", "universe", "univers",
        "lateral", "later", "latere", "laterally", "emergency", "emergencies", "emergent", "emerge",
        "organic", "organization", "organizations", "organize", "organized", "organizing", "organ",
        "meteorologist", "cryptologists", "biologist", "biologists", "geologist", "woman_technologist",
        "dying", "lying", "tying", "vying", "hying", "eying", "skiing", "skis", "skies", "ski",
        "proceed", "proceeded", "proceeding", "exceed", "exceeded", "succeed", "succeeding", "agreed", "feed",
        "generate", "generous", "communism", "community", "arsenic", "arsenal"
    ]
}
