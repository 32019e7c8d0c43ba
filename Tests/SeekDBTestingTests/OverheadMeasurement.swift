import Foundation
import SeekDBTesting
import Testing

/// What one scope costs (create the database, connect, close, drop), on the `SEEKDB_*` server
/// and on a local server. Prints figures, asserts none; runs only with
/// `SEEKDB_TESTING_MEASURE=<runs>` set (e.g. 30).
@Suite(
    "Per-test overhead of the trait", .serialized,
    .enabled(if: ProcessInfo.processInfo.environment["SEEKDB_TESTING_MEASURE"] != nil))
struct OverheadMeasurement {
    static let runs = Int(ProcessInfo.processInfo.environment["SEEKDB_TESTING_MEASURE"] ?? "") ?? 30

    @Test func onTheEnvironmentServer() async throws {
        try await measure(.shared)
    }

    @Test func onALocalServer() async throws {
        let server = SeekDBTestServer(environment: [:])
        try await measure(server)
        await server.shutdown()
    }

    private func measure(_ server: SeekDBTestServer) async throws {
        let clock = ContinuousClock()
        let startup = try await clock.measure { _ = try await server.source }
        for _ in 0..<3 { try await withSeekDBDatabase(server: server) { _ in } }  // warm-up
        var times: [Double] = []
        for _ in 0..<Self.runs {
            let time = try await clock.measure { try await withSeekDBDatabase(server: server) { _ in } }
            times.append(Double(time.components.attoseconds) / 1e15 + Double(time.components.seconds) * 1e3)
        }
        times.sort()
        let mean = times.reduce(0, +) / Double(times.count)
        let source = try await server.source
        func ms(_ value: Double) -> String { String(format: "%.1f ms", value) }
        let first = Double(startup.components.seconds) * 1e3 + Double(startup.components.attoseconds) / 1e15
        print(
            "overhead on \(source): first use \(ms(first)); per scope over \(times.count) runs: median \(ms(times[times.count / 2])), "
                + "mean \(ms(mean)), p90 \(ms(times[times.count * 9 / 10])), min \(ms(times[0])), max \(ms(times[times.count - 1]))")
    }
}
