import SeekDBEmbeddings
import Testing

@Suite("SparseVector")
struct SparseVectorTests {
    @Test("pairs and dictionaries are sorted by index")
    func sorted() throws {
        let fromPairs = try SparseVector([(7, 0.5), (3, 1.25), (500_000, -2)])
        #expect(fromPairs.indices == [3, 7, 500_000])
        #expect(fromPairs.values == [1.25, 0.5, -2])
        #expect(try SparseVector([7: 0.5, 3: 1.25, 500_000: -2]) == fromPairs)
        #expect(fromPairs[7] == 0.5)
        #expect(fromPairs[4] == nil)
        #expect(fromPairs.count == 3)
        #expect(try SparseVector([:]).isEmpty)
    }

    @Test("explicit arrays must be strictly ascending, finite, in range and of equal length")
    func invalid() {
        func code(_ build: () throws(EmbeddingError) -> SparseVector) -> EmbeddingError.Code? {
            do {
                _ = try build()
                return nil
            } catch { return error.code }
        }
        #expect(code { () throws(EmbeddingError) in try SparseVector(indices: [3, 1], values: [1, 2]) } == .invalidSparseVector)
        #expect(code { () throws(EmbeddingError) in try SparseVector(indices: [1, 1], values: [1, 2]) } == .invalidSparseVector)
        #expect(code { () throws(EmbeddingError) in try SparseVector([(1, 1), (1, 2)]) } == .invalidSparseVector)
        #expect(code { () throws(EmbeddingError) in try SparseVector(indices: [1], values: [.nan]) } == .invalidSparseVector)
        #expect(code { () throws(EmbeddingError) in try SparseVector(indices: [1], values: [.infinity]) } == .invalidSparseVector)
        #expect(code { () throws(EmbeddingError) in try SparseVector([500_001: 1]) } == .invalidSparseVector)
        #expect(code { () throws(EmbeddingError) in try SparseVector(indices: [1, 2], values: [1]) } == .invalidSparseVector)
        #expect(code { () throws(EmbeddingError) in try SparseVector(indices: [0, 500_000], values: [0, 1]) } == nil)
    }

    @Test("errors name the offending index")
    func messages() {
        #expect(throws: EmbeddingError.self) { try SparseVector(indices: [5, 5], values: [1, 1]) }
        do {
            _ = try SparseVector(indices: [9, 4], values: [1, 1])
        } catch {
            #expect(error.message.contains("4 comes after 9"))
        }
    }

    @Test("text form is {index:value,…} with the shortest Float digits")
    func text() throws {
        #expect(try SparseVector([3: 1.25, 7: 0.5]).text == "{3:1.25,7:0.5}")
        #expect(try SparseVector([0: 1e-6]).text == "{0:1e-06}")
        #expect(try SparseVector([1: 1]).description == "{1:1.0}")
        #expect(SparseVector.empty.text == "{}")
        let odd = try SparseVector([42: 1.6697302, 9: 3.4028235e38])
        #expect(try SparseVector(text: odd.text) == odd)
    }

    @Test("parses what seekdb prints and what it accepts")
    func parse() throws {
        #expect(try SparseVector(text: "{68675:1.67869,114033:1.67869}") == SparseVector([68675: 1.67869, 114033: 1.67869]))
        #expect(try SparseVector(text: " { 2 : 0.25 , 1:0.5 } ") == SparseVector([1: 0.5, 2: 0.25]))
        #expect(try SparseVector(text: "{3:0.000001}")[3] == 1e-6)
        #expect(try SparseVector(text: "{1:9.99995e-41}")[1] == Float("9.99995e-41"))
        #expect(try SparseVector(text: "{}").isEmpty)
        for bad in [
            "", "{", "}", "[1:2]", "{1}", "{1:}", "{:1}", "{-1:1}", "{1:2,}", "{1:x}", "{4294967296:1}",
            "{1:nan}", "{1:inf}", "{1:1,1:2}", "{500001:1}"
        ] {
            #expect(throws: EmbeddingError.self, "\(bad)") { try SparseVector(text: bad) }
        }
    }
}
