import Foundation
import Testing

/// The texts and sentence-transformers vectors of `Tests/Fixtures/embedding-reference/reference.json`
/// (its README says how it was made).
struct EmbeddingReference: Decodable {
    struct Record: Decodable {
        var label: String
        var text: String
        var embedding: [Double]
        // swift-format-ignore: AlwaysUseLowerCamelCase
        var pooled_norm: Double  // the reference file's key
    }

    var records: [Record]

    /// The file could not be read or decoded; thrown so the test fails with this message.
    struct LoadError: Error, CustomStringConvertible {
        var path: String
        var underlying: String

        var description: String {
            """
            Cannot read the embedding reference at \(path): \(underlying). It belongs to the \
            repository (Tests/Fixtures/embedding-reference/reference.json); \
            SEEKDB_EMBEDDING_REFERENCE overrides its path.
            """
        }
    }

    /// `$SEEKDB_EMBEDDING_REFERENCE`, else the copy in the repository.
    static func load() throws -> EmbeddingReference {
        let path =
            CLI.environment["SEEKDB_EMBEDDING_REFERENCE"].flatMap { $0.isEmpty ? nil : $0 }
            ?? CLI.projectRoot.appendingPathComponent("Tests/Fixtures/embedding-reference/reference.json").path
        do {
            return try JSONDecoder().decode(EmbeddingReference.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
        } catch {
            throw LoadError(path: path, underlying: "\(error)")
        }
    }
}

/// `seekdb embed` needs the model (scripts/fetch-model), not the server.
@Suite("seekdb embed", .enabled(if: CLI.environment["SEEKDB_SKIP_MODEL_TESTS"] != "1"), .serialized)
struct EmbedCommandTests {
    /// The reference texts as JSON-string lines (they hold tabs and newlines).
    static func input(_ records: [EmbeddingReference.Record]) throws -> String {
        try records.map { String(decoding: try JSONEncoder().encode($0.text), as: UTF8.self) }.joined(separator: "\n") + "\n"
    }

    static func vectors(_ run: CLIRun) throws -> [[Double]] {
        try run.stdout.split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [Double])
        }
    }

    @Test("embed --normalize matches sentence-transformers for every reference text (cosine ≥ 0.9999, unit length)")
    func normalized() async throws {
        let reference = try EmbeddingReference.load()
        let run = try await CLI.runRaw(["embed", "--normalize"], stdin: try Self.input(reference.records))
        #expect(run.status == 0, "\(run)")
        #expect(run.stderr.isEmpty, "no progress bar when output is not a terminal")
        let vectors = try Self.vectors(run)
        try #require(vectors.count == reference.records.count)
        for (record, vector) in zip(reference.records, vectors) {
            #expect(vector.count == 384, "\(record.label)")
            #expect(cosine(vector, record.embedding) >= 0.9999, "\(record.label): cosine \(cosine(vector, record.embedding))")
            #expect(abs(vector.reduce(0) { $0 + $1 * $1 }.squareRoot() - 1) < 1e-4, "\(record.label)")
        }
    }

    @Test("embed without --normalize is pyseekdb's default: the reference direction at the pooled length")
    func pooled() async throws {
        let reference = try EmbeddingReference.load()
        let run = try await CLI.runRaw(["embed"], stdin: try Self.input(reference.records))
        let vectors = try Self.vectors(run)
        try #require(vectors.count == reference.records.count, "\(run)")
        for (record, vector) in zip(reference.records, vectors) {
            #expect(cosine(vector, record.embedding) >= 0.9999, "\(record.label)")
            let norm = vector.reduce(0) { $0 + $1 * $1 }.squareRoot()
            #expect(abs(norm - record.pooled_norm) / record.pooled_norm < 1e-3, "\(record.label): \(norm) vs \(record.pooled_norm)")
        }
    }

    @Test("embed --plain reads each line as text, empty lines included, one output line per input line")
    func plain() async throws {
        let reference = try EmbeddingReference.load()
        let texts = reference.records.filter { !$0.text.contains("\n") }
        let run = try await CLI.runRaw(["embed", "--plain", "--normalize"], stdin: texts.map(\.text).joined(separator: "\n") + "\n")
        let vectors = try Self.vectors(run)
        try #require(vectors.count == texts.count, "\(run)")
        #expect(texts.contains { $0.text.isEmpty })
        for (record, vector) in zip(texts, vectors) {
            #expect(cosine(vector, record.embedding) >= 0.9999, "\(record.label)")
        }
    }

    @Test("embed rejects a line that is not a JSON string, naming the line")
    func badLine() async throws {
        let run = try await CLI.runRaw(["embed", "-o", "json"], stdin: "\"fine\"\nnot json\n")
        #expect(run.status == 1)
        #expect(run.stdout.isEmpty)
        #expect(try run.error()["code"] as? String == "invalidArgument")
        #expect((try run.error()["message"] as? String)?.hasPrefix("line 2: ") == true)
        let number = try await CLI.runRaw(["embed"], stdin: "42\n")
        #expect(number.stderr.hasPrefix("seekdb: invalidArgument: line 1: expected a JSON string"), "\(number)")
    }

    @Test("embed with a model folder that does not exist fails with embeddingFailed")
    func missingModel() async throws {
        let run = try await CLI.runRaw(["embed", "--model-dir", "/nonexistent/model", "-o", "json"], stdin: "\"text\"\n")
        #expect(run.status == 1)
        #expect(try run.error()["code"] as? String == "embeddingFailed")
    }
}
