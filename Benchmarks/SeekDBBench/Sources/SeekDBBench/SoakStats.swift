import Foundation

/// What one soak task saw; merged at the end.
struct SoakStats {
    /// Latency of each successful call, in milliseconds, by operation.
    var latencies: [String: [Double]] = [:]
    /// Failed calls by operation and error code.
    var errors: [String: Int] = [:]
    /// Consistency violations (should stay empty).
    var violations: [String] = []
    /// Records read back and compared with the model.
    var checkedReads = 0
    /// Failed writes of several records whose records were read back to check all or nothing.
    var checkedFailedBatches = 0
    /// Query hits on records the model says are deleted (the vector index is eventually consistent).
    var staleQueryHits = 0

    mutating func merge(_ other: SoakStats) {
        latencies.merge(other.latencies) { $0 + $1 }
        errors.merge(other.errors) { $0 + $1 }
        violations += other.violations
        checkedReads += other.checkedReads
        checkedFailedBatches += other.checkedFailedBatches
        staleQueryHits += other.staleQueryHits
    }

    var calls: Int { latencies.values.reduce(0) { $0 + $1.count } + errors.values.reduce(0, +) }

    static func percentile(_ values: [Double], _ p: Double) -> Double {
        guard !values.isEmpty else { return 0 }
        let sorted = values.sorted()
        return sorted[min(sorted.count - 1, Int((Double(sorted.count - 1) * p).rounded()))]
    }
}

/// The resident memory of this process, from /proc (Linux), in MiB.
func residentMemoryMiB() -> Double {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
        let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
        let kib = Double(line.split(separator: " ").dropFirst().first ?? "")
    else { return 0 }
    return kib / 1024
}
