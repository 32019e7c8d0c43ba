import Foundation
import SeekDB

/// Peak resident memory of this process while one `update` call changes `records` records
/// (384-d embedding + metadata each). The input is built first; the kernel's peak-RSS mark
/// (VmHWM) is then reset to the current RSS (`/proc/self/clear_refs`), so the peak read after
/// the call is what the call itself needed on top of the caller's arrays.
enum MemoryMode {
    static func run(records: Int, client: SeekDBClient) async throws {
        let collection = try await client.createCollection(
            name: "bench_memory_\(records)_\(UInt32.random(in: 0...UInt32.max))",
            configuration: HNSWConfiguration(dimension: BenchData.dimension, distance: .cosine), embeddingFunction: nil)
        defer { _ = collection }
        let preloadMs = try await timed {
            for start in stride(from: 0, to: records, by: 5_000) {
                let part = start..<min(records, start + 5_000)
                try await collection.add(ids: IDs(BenchData.ids(part)), embeddings: Embeddings(BenchData.vectors(part, round: 0)))
            }
        }
        let ids = IDs(BenchData.ids(0..<records))
        let embeddings = Embeddings(BenchData.vectors(0..<records, round: 1))
        let metadatas = Metadatas(BenchData.metadatas(0..<records, round: 1))
        let before = ProcStatus.read()
        let reset = ProcStatus.resetPeak()
        let updateMs = try await timed {
            let result = try await collection.update(ids: ids, embeddings: embeddings, metadatas: metadatas)
            try check(result.updatedCount == records, "memory: updated \(result.updatedCount)")
        }
        let after = ProcStatus.read()
        withExtendedLifetime((ids, embeddings, metadatas)) {}
        try await SDKRunner.checkRound(collection, id: BenchData.id(records - 1), round: 1)
        try await client.deleteCollection(name: collection.name)
        let mb = { (kb: Int) in Double(kb) / 1024 }
        emit(
            #"{"records": \#(records), "preload_ms": \#(preloadMs), "update_ms": \#(updateMs), "#
                + #""rss_before_mb": \#(mb(before.rssKB)), "peak_during_mb": \#(mb(reset ? after.peakKB : -1)), "#
                + #""growth_mb": \#(reset ? mb(after.peakKB - before.rssKB) : -1), "#
                + #""process_peak_mb": \#(mb(after.peakKB)), "peak_reset": \#(reset)}"#)
    }
}

/// VmRSS and VmHWM from `/proc/self/status`.
enum ProcStatus {
    static func read() -> (rssKB: Int, peakKB: Int) {
        let text = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
        func field(_ name: String) -> Int {
            for line in text.split(separator: "\n") where line.hasPrefix(name + ":") {
                return Int(line.dropFirst(name.count + 1).split(whereSeparator: \.isWhitespace).first ?? "") ?? -1
            }
            return -1
        }
        return (field("VmRSS"), field("VmHWM"))
    }

    /// Resets VmHWM to the current RSS (Linux ≥ 4.0). Returns false if the kernel refused.
    static func resetPeak() -> Bool {
        guard let handle = FileHandle(forWritingAtPath: "/proc/self/clear_refs") else { return false }
        defer { try? handle.close() }
        do { try handle.write(contentsOf: Data("5".utf8)) } catch { return false }
        return true
    }
}
