import Foundation
import SeekDBEmbeddings
import Testing

@Suite("BM25 properties")
struct BM25PropertiesTests {
    static func code(_ build: () throws(EmbeddingError) -> BM25SparseEmbeddingFunction) -> EmbeddingError.Code? {
        do {
            _ = try build()
            return nil
        } catch { return error.code }
    }

    @Test("defaults and key order are pyseekdb's get_config()")
    func defaults() throws {
        let function = try BM25SparseEmbeddingFunction()
        #expect(function.name == "bm25")
        #expect(function.properties.map(\.key) == ["k", "b", "avg_doc_length", "dim", "language"])
        #expect(function.properties.map(\.value) == [.double(1.2), .double(0.75), .double(256), .int(250_000), .string("english")])
        let custom = try BM25SparseEmbeddingFunction(stopwords: ["foo"])
        #expect(custom.properties.last?.key == "stopwords")
        #expect(custom.properties.last?.value == .array([.string("foo")]))
    }

    @Test("the persisted properties match what pyseekdb writes into the collection settings")
    func sameSettingsAsPyseekdb() throws {
        let configurations = BM25ReferenceTests.configurations
        let answer = try PyseekdbBM25.run(["mode": "config", "configs": configurations.map(BM25ReferenceTests.json)])
        let settings = try #require(answer["settings"] as? [String])
        for (configuration, text) in zip(configurations, settings) {
            let function = try BM25SparseEmbeddingFunction(properties: configuration)
            // {"name": "bm25", "properties": {"k": 1.2, …}}: compare name, key order and value types.
            let keys = try #require(text.range(of: "\"properties\": {")).upperBound
            let expectedKeys = try text[keys...].matches(of: Regex(#""([a-z_]+)": "#)).compactMap {
                $0.output[1].substring.map(String.init)
            }
            #expect(function.properties.map(\.key) == expectedKeys, "\(text)")
            #expect(text.hasPrefix("{\"name\": \"\(function.name)\""))
            for (key, value) in function.properties {
                switch value {
                case .double(let number): #expect(text.contains("\"\(key)\": \(Self.pythonRepr(number))"), "\(key) in \(text)")
                case .int(let number): #expect(text.contains("\"\(key)\": \(number)"), "\(key) in \(text)")
                case .string(let string): #expect(text.contains("\"\(key)\": \"\(string)\""), "\(key) in \(text)")
                default: break
                }
            }
        }
    }

    /// Python's repr of a float for the values used here (always a decimal point).
    static func pythonRepr(_ value: Double) -> String {
        let text = "\(value)"
        return text.contains(".") || text.contains("e") ? text : text + ".0"
    }

    @Test("out-of-range values are invalidConfiguration")
    func invalid() {
        typealias F = BM25SparseEmbeddingFunction
        #expect(Self.code { () throws(EmbeddingError) in try F(k: -0.1) } == .invalidConfiguration)
        #expect(Self.code { () throws(EmbeddingError) in try F(k: .nan) } == .invalidConfiguration)
        #expect(Self.code { () throws(EmbeddingError) in try F(b: 1.01) } == .invalidConfiguration)
        #expect(Self.code { () throws(EmbeddingError) in try F(b: -0.01) } == .invalidConfiguration)
        #expect(Self.code { () throws(EmbeddingError) in try F(averageDocumentLength: 0) } == .invalidConfiguration)
        #expect(Self.code { () throws(EmbeddingError) in try F(averageDocumentLength: .infinity) } == .invalidConfiguration)
        #expect(Self.code { () throws(EmbeddingError) in try F(dimension: 0) } == .invalidConfiguration)
        #expect(Self.code { () throws(EmbeddingError) in try F(dimension: 500_002) } == .invalidConfiguration)
        #expect(Self.code { () throws(EmbeddingError) in try F(k: 0, b: 0, dimension: 500_001) } == nil)
        #expect(Self.code { () throws(EmbeddingError) in try F(properties: [("k", .string("1.5"))]) } == .invalidConfiguration)
        #expect(Self.code { () throws(EmbeddingError) in try F(properties: [("dim", .string("10"))]) } == .invalidConfiguration)
        #expect(Self.code { () throws(EmbeddingError) in try F(properties: [("k", .null)]) } == .invalidConfiguration)
        #expect(Self.code { () throws(EmbeddingError) in try F(properties: [("stopwords", .array([.int(1)]))]) } == .invalidConfiguration)
        #expect(Self.code { () throws(EmbeddingError) in try F(properties: [("stopwords", .string("english"))]) } == .invalidConfiguration)
    }

    @Test("a language other than English is unsupportedConfiguration naming it")
    func language() {
        for language in ["german", "French", "English", "zh"] {
            do {
                _ = try BM25SparseEmbeddingFunction(language: language)
                Issue.record("\(language) accepted")
            } catch {
                #expect(error.code == .unsupportedConfiguration)
                #expect(error.message.contains("\"\(language)\""))
            }
        }
        #expect(Self.code { () throws(EmbeddingError) in try BM25SparseEmbeddingFunction(language: "en") } == nil)
    }

    @Test("properties as pyseekdb's build_from_config reads them: defaults, ints as floats, dim truncated, unknown keys ignored")
    func fromProperties() throws {
        let function = try BM25SparseEmbeddingFunction(properties: [
            ("k", .int(2)), ("dim", .double(1000.7)), ("avg_doc_length", .int(50)), ("extra", .string("x")),
            ("stopwords", .null)
        ])
        #expect(function.k == 2)
        #expect(function.b == 0.75)
        #expect(function.dimension == 1000)
        #expect(function.averageDocumentLength == 50)
        #expect(function.stopwords == nil)
        #expect(function.properties.first?.value == .double(2))
    }

    @Test("pyseekdb's documented example and the empty-text rule")
    func example() throws {
        let function = try BM25SparseEmbeddingFunction()
        let vector = function.sparseVector(for: "Running runners ran; they run daily!")
        // Tokens run, runner, ran, run, daili: run has tf 2 (index 155464), the others tf 1.
        #expect(vector.indices == [33505, 145_321, 155_464, 158_162])
        #expect(abs(Double(vector[155_464]!) - 1.8985336254845782) < 1e-6)
        #expect(abs(Double(vector[33505]!) - 1.6697302104951084) < 1e-6)
        for empty in ["", "   ", "!!", "the and of", "a b c"] {
            #expect(function.sparseVector(for: empty) == (try SparseVector([0: 1e-6])), "\(empty.debugDescription)")
        }
    }
}

@Suite("SparseEmbeddingFunction")
struct SparseEmbeddingFunctionTests {
    @Test("BM25 works through the protocol, as a collection would hold it")
    func existential() async throws {
        let function: any SparseEmbeddingFunction = try BM25SparseEmbeddingFunction(dimension: 1000)
        #expect(function.name == "bm25")
        #expect(function.properties.first { $0.key == "dim" }?.value == .int(1000))
        let vectors = try await function.embed(["vector search", "", "vector"])
        #expect(vectors.count == 3)
        #expect(vectors.allSatisfy { $0.indices.allSatisfy { $0 < 1000 } })
        #expect(vectors[1] == (try SparseVector([0: 1e-6])))
    }

    @Test("embed stops with CancellationError when its task is cancelled")
    func cancellation() async throws {
        let function = try BM25SparseEmbeddingFunction()
        let task = Task { () async throws -> [SparseVector] in
            withUnsafeCurrentTask { $0?.cancel() }  // cancelled before embed starts
            return try await function.embed(["never"])
        }
        await #expect(throws: CancellationError.self) { try await task.value }
    }
}
