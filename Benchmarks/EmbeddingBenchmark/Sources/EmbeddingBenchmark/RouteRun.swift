import Foundation
import SeekDBEmbeddings

/// One timed run on the workloads of a texts file, printed as the JSON line every route of
/// Benchmarks/EmbeddingRoutes prints: seconds per workload, the first vectors of each (for the
/// agreement check), and the process's peak resident memory.
enum RouteRun {
    static let sampleCount = 8

    static func run(textsFile: String, function: DefaultEmbeddingFunction) async throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: textsFile))
        guard let workloads = try JSONSerialization.jsonObject(with: data) as? [String: [String]],
            let short = workloads["short"], let long = workloads["long"]
        else {
            throw CocoaError(.fileReadCorruptFile)
        }
        _ = try await function.embed(Array(short.prefix(64)))
        var result: [String: Any] = [
            "route": "sdk",
            "settings": ["threads": "one shard per core", "padding": "none: the tokens of a batch are packed"]
        ]
        for (name, texts) in [("short", short), ("long", long)] {
            let clock = ContinuousClock()
            let started = clock.now
            let vectors = try await function.embed(texts)
            let elapsed = clock.now - started
            precondition(vectors.count == texts.count)
            result["\(name)_s"] = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
            result["\(name)_sample"] = vectors.prefix(sampleCount).map { $0.map(Double.init) }
        }
        var usage = rusage()
        #if os(Linux)
            getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
            let kilobytes = Double(usage.ru_maxrss)
        #else
            getrusage(RUSAGE_SELF, &usage)
            let kilobytes = Double(usage.ru_maxrss) / 1024  // bytes on Darwin
        #endif
        result["peak_rss_mb"] = kilobytes / 1024
        let line = try JSONSerialization.data(withJSONObject: result, options: [.sortedKeys])
        FileHandle.standardOutput.write(line + Data("\n".utf8))
    }
}
