// Measures BM25SparseEmbeddingFunction's throughput (texts per second) against pyseekdb's
// BM25SparseEmbeddingFunction (bm25s + PyStemmer) on the same texts, in the same run:
// 10,000 short sentences and 1,000 long (~250-word) texts, default properties. Each side
// embeds a whole workload in one call (pyseekdb stems each distinct word once per call; the
// Swift function shares a stem cache per call the same way); the best of --repeat rounds counts.
//
// Usage: swift run -c release BM25Benchmark [--repeat N] [--python PATH]
// Python: PATH, else $SEEKDB_PYTHON, else the repository's .venv/bin/python.
import Foundation
import SeekDBEmbeddings

/// A small deterministic generator (SplitMix64), so every run embeds the same texts.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

let words = """
    the of and a to in is was for on that with as by at from his her it an were are which this be \
    or has had not but also their one its new after first two been they who other more all time \
    she when during into year may used city world made over about state where some most school \
    between such these years three part people only both while many under well known would then \
    house team based system later season number through because series music film game country \
    river water light stone green data vector search model database query index language learning \
    machine network science history computer memory engine storage record server client function \
    running searched indexing queries happily nationalization studies argued connected generously
    """.split(whereSeparator: \.isWhitespace).map(String.init)

func sentence(wordCount: Int, using generator: inout SplitMix64) -> String {
    var parts: [String] = []
    for index in 0..<wordCount {
        var word = words.randomElement(using: &generator)!
        if index == 0 { word = word.prefix(1).uppercased() + word.dropFirst() }
        parts.append(word)
    }
    return parts.joined(separator: " ") + "."
}

var arguments = Array(CommandLine.arguments.dropFirst())
var repeats = 3
/// The repository root (this file is Benchmarks/BM25Benchmark/Sources/BM25Benchmark/main.swift).
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
// Not resolved through symbolic links: a venv's python must be started by its own path.
var python =
    ProcessInfo.processInfo.environment["SEEKDB_PYTHON"].flatMap { $0.isEmpty ? nil : $0 }
    ?? root.appendingPathComponent(".venv/bin/python").path
while let argument = arguments.first {
    arguments.removeFirst()
    switch argument {
    case "--repeat": repeats = Int(arguments.removeFirst()) ?? 3
    case "--python": python = arguments.removeFirst()
    default:
        FileHandle.standardError.write(Data("unknown argument \(argument)\n".utf8))
        exit(2)
    }
}
let script = root.appendingPathComponent("scripts/interop/bm25_reference.py").path

var generator = SplitMix64(state: 25)
let shortTexts = (0..<10_000).map { _ in sentence(wordCount: Int.random(in: 6...14, using: &generator), using: &generator) }
let longTexts = (0..<1_000).map { _ in
    (0..<16).map { _ in sentence(wordCount: Int.random(in: 12...18, using: &generator), using: &generator) }.joined(separator: " ")
}

/// pyseekdb's best wall time for one call on `texts` (the script times it in Python).
@MainActor func pyseekdbSeconds(_ texts: [String]) throws -> Double {
    let request = FileManager.default.temporaryDirectory.appendingPathComponent("bm25-bench-\(UUID().uuidString).json")
    let body: [String: Any] = ["mode": "time", "configs": [[String: Any]()], "texts": texts, "rounds": repeats]
    try JSONSerialization.data(withJSONObject: body).write(to: request)
    defer { try? FileManager.default.removeItem(at: request) }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: python)
    process.arguments = [script]
    process.standardInput = try FileHandle(forReadingFrom: request)
    let output = Pipe()
    process.standardOutput = output
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0,
        let answer = try JSONSerialization.jsonObject(with: data) as? [String: Any],
        let seconds = (answer["seconds"] as? [Double])?.first
    else {
        throw NSError(domain: "BM25Benchmark", code: 1, userInfo: [NSLocalizedDescriptionKey: "\(python) \(script) failed"])
    }
    return seconds
}

/// The Swift function's best wall time for one call on `texts`.
@MainActor func swiftSeconds(_ texts: [String], _ function: BM25SparseEmbeddingFunction) -> Double {
    var best = Double.infinity
    for _ in 0..<repeats {
        let clock = ContinuousClock()
        let start = clock.now
        let vectors = function.sparseVectors(for: texts)
        let elapsed = clock.now - start
        precondition(vectors.count == texts.count)
        best = min(best, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
    }
    return best
}

let function = try BM25SparseEmbeddingFunction()
print("| workload | texts | mean words | Swift texts/s | pyseekdb texts/s | Swift / pyseekdb |")
print("|---|---:|---:|---:|---:|---:|")
for (name, texts) in [("short sentences", shortTexts), ("long texts", longTexts)] {
    let meanWords = Double(texts.map { $0.split(separator: " ").count }.reduce(0, +)) / Double(texts.count)
    let swift = swiftSeconds(texts, function)
    let pyseekdb = try pyseekdbSeconds(texts)
    let swiftRate = Double(texts.count) / swift
    let pythonRate = Double(texts.count) / pyseekdb
    print(
        "| \(name) | \(texts.count) | \(String(format: "%.1f", meanWords)) | \(Int(swiftRate.rounded())) | "
            + "\(Int(pythonRate.rounded())) | \(String(format: "%.1f", swiftRate / pythonRate)) |")
}
