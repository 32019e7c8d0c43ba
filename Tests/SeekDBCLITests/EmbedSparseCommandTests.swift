import Foundation
import Testing

/// `seekdb embed --sparse bm25` against pyseekdb's BM25 computed live in the project's Python
/// (`$SEEKDB_PYTHON`, else `.venv/bin/python`). Needs neither the server nor the model.
@Suite("seekdb embed --sparse bm25")
struct EmbedSparseCommandTests {
    static let texts = [
        "Running runners ran; they run daily!", "", "   ", "The quick brown fox jumps over the lazy dog",
        "don't stop-believing: café, naïve, ΟΔΥΣΣΕΥΣ", "数据库 vector search 🚀 3.14 ½",
        "added internal universities evening meteorologist", String(repeating: "search engine ", count: 50)
    ]

    /// pyseekdb's vectors for `texts` with `properties` (a JSON object).
    static func pyseekdb(_ properties: [String: Any]) async throws -> [[String: Any]] {
        let python =
            CLI.environment["SEEKDB_PYTHON"].flatMap { $0.isEmpty ? nil : $0 }
            ?? CLI.projectRoot.appendingPathComponent(".venv/bin/python").path
        guard FileManager.default.isExecutableFile(atPath: python) else {
            Issue.record(
                "no Python at \(python): run scripts/test (it installs .venv with pyseekdb, bm25s, PyStemmer) or set SEEKDB_PYTHON")
            return []
        }
        let request = try JSONSerialization.data(withJSONObject: ["mode": "vectors", "configs": [properties], "texts": texts])
        let script = CLI.projectRoot.appendingPathComponent("scripts/interop/bm25_reference.py").path
        let run = try await CLI.runProgram(python, [script], stdin: String(decoding: request, as: UTF8.self))
        try #require(run.status == 0, "\(run)")
        let answer = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        return try #require((answer["results"] as? [[[String: Any]]])?.first)
    }

    static func input(_ texts: [String]) throws -> String {
        try texts.map { String(decoding: try JSONEncoder().encode($0), as: UTF8.self) }.joined(separator: "\n") + "\n"
    }

    @Test(
        "one line per text with pyseekdb's indices and values, for the defaults and for --properties",
        arguments: [nil, #"{"k":1.5,"b":0.5,"avg_doc_length":100,"dim":1000}"#])
    func matchesPyseekdb(properties: String?) async throws {
        let arguments = ["embed", "--sparse", "bm25"] + (properties.map { ["--properties", $0] } ?? [])
        let run = try await CLI.runRaw(arguments, stdin: try Self.input(Self.texts))
        #expect(run.status == 0, "\(run)")
        let lines = run.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        try #require(lines.count == Self.texts.count, "\(run)")
        let config = try properties.map { try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) } ?? [:]
        let expected = try await Self.pyseekdb(config)
        try #require(expected.count == Self.texts.count)
        for (position, line) in lines.enumerated() {
            #expect(line.hasPrefix(#"{"indices":["#), "\(line)")
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let indices = try #require(object["indices"] as? [Int])
            let values = try #require(object["values"] as? [Double])
            #expect(indices == (expected[position]["indices"] as? [Int]), "text \(position)")
            #expect(indices == indices.sorted())
            for (value, reference) in zip(values, try #require(expected[position]["values"] as? [Double])) {
                #expect(abs(value - reference) / reference <= 1e-5, "text \(position): \(value) vs \(reference)")
            }
        }
    }

    @Test("--plain reads each line as text; an empty line is the empty text")
    func plain() async throws {
        let run = try await CLI.runRaw(["embed", "--sparse", "bm25", "--plain"], stdin: "Running runners ran\n\n")
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout.split(separator: "\n").last == #"{"indices":[0],"values":[1e-06]}"#)
    }

    @Test("bad --sparse, --properties and flag combinations are invalidArgument, naming the problem")
    func invalid() async throws {
        let cases: [([String], String)] = [
            (["--sparse", "splade"], "only sparse function is bm25"),
            (["--sparse", "bm25", "--properties", "[1]"], "must be a JSON object"),
            (["--sparse", "bm25", "--properties", "{"], "--properties"),
            (["--sparse", "bm25", "--properties", #"{"k":-1}"#], "k must be"),
            (["--sparse", "bm25", "--properties", #"{"language":"german"}"#], "\"german\""),
            (["--sparse", "bm25", "--normalize"], "--normalize"),
            (["--properties", "{}"], "needs --sparse")
        ]
        for (arguments, message) in cases {
            let run = try await CLI.runRaw(["embed", "-o", "json"] + arguments, stdin: "\"text\"\n")
            #expect(run.status == 1, "\(arguments)")
            #expect(run.stdout.isEmpty)
            #expect(try run.error()["code"] as? String == "invalidArgument", "\(arguments)")
            #expect((try run.error()["message"] as? String)?.contains(message) == true, "\(arguments): \(run.stderr)")
        }
    }
}
