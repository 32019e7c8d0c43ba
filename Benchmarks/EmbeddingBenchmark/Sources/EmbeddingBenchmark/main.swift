// Measures DefaultEmbeddingFunction's throughput (texts per second, batch 32) on two workloads:
// 1,000 short sentences and 200 long (~250-token) texts, and prints a markdown table.
//
// Usage: swift run -c release EmbeddingBenchmark [--model-dir FOLDER] [--repeat N] [--only short|long|load]
//        EmbeddingBenchmark --texts FILE --json [--model-dir FOLDER]
// The model comes from FOLDER, $SEEKDB_MODEL_DIR or the default cache (scripts/fetch-model).
// With --texts, the workloads are read from FILE ({"short": [...], "long": [...]}, written by
// Benchmarks/EmbeddingRoutes/compare.py) and the result is one JSON line in the shape of the
// other routes (Benchmarks/EmbeddingRoutes/routes.py), so scripts/bench-embed can set them side
// by side.
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
    machine network science history computer memory engine storage record server client function
    """.split(whereSeparator: \.isWhitespace).map(String.init)

func sentence(wordCount: Int, using generator: inout SplitMix64) -> String {
    var parts: [String] = []
    parts.reserveCapacity(wordCount)
    for index in 0..<wordCount {
        var word = words.randomElement(using: &generator)!
        if index == 0 { word = word.prefix(1).uppercased() + word.dropFirst() }
        parts.append(word)
    }
    return parts.joined(separator: " ") + "."
}

func longText(sentences: Int, using generator: inout SplitMix64) -> String {
    (0..<sentences).map { _ in sentence(wordCount: Int.random(in: 12...18, using: &generator), using: &generator) }
        .joined(separator: " ")
}

var arguments = Array(CommandLine.arguments.dropFirst())
var modelDirectory: String?
var repeats = 1
var only: String?
var textsFile: String?
while let argument = arguments.first {
    arguments.removeFirst()
    switch argument {
    case "--model-dir": modelDirectory = arguments.removeFirst()
    case "--repeat": repeats = Int(arguments.removeFirst()) ?? 1
    case "--only": only = arguments.removeFirst()
    case "--texts": textsFile = arguments.removeFirst()
    case "--json": break  // the only output of a --texts run
    default:
        FileHandle.standardError.write(Data("unknown argument \(argument)\n".utf8))
        exit(2)
    }
}

var generator = SplitMix64(state: 42)
let shortTexts = (0..<1000).map { _ in sentence(wordCount: Int.random(in: 6...14, using: &generator), using: &generator) }
let longTexts = (0..<200).map { _ in longText(sentences: 16, using: &generator) }

let function = DefaultEmbeddingFunction(modelDirectory: modelDirectory)

func meanTokens(_ texts: [String]) throws -> Double {
    let counts = try texts.map { try function.tokenIDs(for: $0).count }
    return Double(counts.reduce(0, +)) / Double(counts.count)
}

func measure(_ texts: [String], repeats: Int) async throws -> Double {
    var best = 0.0
    for _ in 0..<repeats {
        let clock = ContinuousClock()
        let start = clock.now
        let vectors = try await function.embed(texts)
        let elapsed = clock.now - start
        precondition(vectors.count == texts.count)
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        best = max(best, Double(texts.count) / seconds)
    }
    return best
}

if let textsFile {
    do {
        try await RouteRun.run(textsFile: textsFile, function: function)
        exit(0)
    } catch {
        FileHandle.standardError.write(Data("benchmark failed: \(error)\n".utf8))
        exit(1)
    }
}

do {
    let loadClock = ContinuousClock()
    let loadStart = loadClock.now
    _ = try await function.embed(["warm-up"])
    let loadTime = loadClock.now - loadStart
    let shortTokens = try meanTokens(shortTexts)
    let longTokens = try meanTokens(longTexts)
    print("| workload | texts | mean tokens | batch | texts/s |")
    print("|---|---:|---:|---:|---:|")
    if only != "long" && only != "load" {
        let shortRate = try await measure(shortTexts, repeats: repeats)
        print(
            "| short sentences | \(shortTexts.count) | \(String(format: "%.1f", shortTokens)) | \(DefaultEmbeddingFunction.batchSize) | "
                + "\(String(format: "%.1f", shortRate)) |"
        )
    }
    if only != "short" && only != "load" {
        let longRate = try await measure(longTexts, repeats: repeats)
        print(
            "| long texts | \(longTexts.count) | \(String(format: "%.1f", longTokens)) | \(DefaultEmbeddingFunction.batchSize) | "
                + "\(String(format: "%.1f", longRate)) |"
        )
    }
    print("")
    print("Model load and first call: \(loadTime). Best of \(repeats) run(s).")
} catch {
    FileHandle.standardError.write(Data("benchmark failed: \(error)\n".utf8))
    exit(1)
}
