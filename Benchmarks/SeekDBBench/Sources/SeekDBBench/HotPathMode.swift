import Foundation
import SeekDB

/// Per-record calls on a large collection, as a web service makes them: one record per call
/// from 1, 8 or 32 concurrent callers sharing one client. `Benchmarks/hot_path.py` drives it
/// and runs pyseekdb on the same collection in the same run.
///
///   SeekDBBench hot-load NAME RECORDS             creates NAME (8-d, l2) and loads RECORDS records
///   SeekDBBench hot-restore NAME FIRST COUNT      puts records FIRST..<FIRST+COUNT back (after a delete run)
///   SeekDBBench hot NAME sdk|raw WORKLOAD CALLERS SECONDS [FIRST]
///                                                 runs WORKLOAD for SECONDS (deletes: ids FIRST… once each)
///
/// `raw` sends the statement the SDK sends, through `client.execute` on the same kind of
/// client: the difference is the SDK's own cost per call. Prints one JSON line.
enum HotPathMode {
    static let dimension = 8

    static func id(_ index: Int) -> String { "id\(index)" }
    static func vector(_ index: Int) -> [Float] { (0..<dimension).map { Float(($0 * 31 + index * 17) % 97) / 97 } }
    static func document(_ index: Int) -> String { "doc \(index) text" }
    static func metadata(_ index: Int) -> Metadata { ["n": .int(Int64(index)), "g": .int(Int64(index % 10))] }

    static func load(client: SeekDBClient, name: String, records: Int) async throws {
        try? await client.deleteCollection(name: name)
        let collection = try await client.createCollection(
            name: name, configuration: .init(dimension: dimension, distance: .l2), embeddingFunction: nil)
        let ms = try await timed { try await add(collection, 0..<records) }
        emit(#"{"loaded": \#(records), "seconds": \#(ms / 1000)}"#)
    }

    static func add(_ collection: SeekDBCollection, _ range: Range<Int>) async throws {
        for start in stride(from: range.lowerBound, to: range.upperBound, by: 5_000) {
            let batch = start..<min(range.upperBound, start + 5_000)
            try await collection.add(
                ids: IDs(batch.map(id)), embeddings: Embeddings(batch.map(vector)),
                documents: Documents(batch.map(document)), metadatas: Metadatas(batch.map(metadata)))
        }
    }

    static func restore(client: SeekDBClient, name: String, first: Int, count: Int) async throws {
        let collection = try await client.getCollection(name: name, embeddingFunction: nil)
        // Upsert, not add: a run that ended early deleted only some of the ids.
        let range = first..<(first + count)
        try await collection.upsert(
            ids: IDs(range.map(id)), embeddings: Embeddings(range.map(vector)),
            documents: Documents(range.map(document)), metadatas: Metadatas(range.map(metadata)))
        emit(#"{"restored": \#(count)}"#)
    }

    /// Runs `workload` from `callers` tasks for `seconds` (or, for deletes, once per id from
    /// `first`) and prints calls per second and latency percentiles.
    static func run(
        configuration: SeekDBClient.Configuration, name: String, raw: Bool, workload: String,
        callers: Int, seconds: Double, first: Int
    ) async throws {
        var configuration = configuration
        configuration.pool.maximumConnections = callers
        try await SeekDBClient.withClient(configuration: configuration) { client in
            let collection = try await client.getCollection(name: name, embeddingFunction: nil)
            let records = try await collection.count()
            let call = try HotCall(workload: workload, raw: raw, collection: collection, records: records)
            // Open every connection before the clock starts.
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<callers { group.addTask { _ = try await client.execute("SELECT 1") } }
                try await group.waitForAll()
            }
            let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
            let next = Counter(first)
            let start = ContinuousClock.now
            let latencies = try await withThrowingTaskGroup(of: [Double].self) { group in
                for caller in 0..<callers {
                    group.addTask {
                        var random = SplitMix(seed: UInt64(caller + 1) * 0x9E37_79B9)
                        var latencies: [Double] = []
                        while ContinuousClock.now < deadline {
                            let index: Int
                            if call.consumesIDs {
                                guard let taken = next.take(below: first + call.maximumCalls) else { break }
                                index = taken
                            } else {
                                index = Int(random.next() % UInt64(records))
                            }
                            latencies.append(try await timed { try await call.run(index, random: &random) })
                        }
                        return latencies
                    }
                }
                return try await group.reduce(into: []) { $0 += $1 }.sorted()
            }
            let elapsed = start.duration(to: .now)
            let wall = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            func percentile(_ p: Double) -> Double {
                latencies.isEmpty ? 0 : latencies[min(latencies.count - 1, Int(Double(latencies.count) * p))]
            }
            emit(
                #"{"calls": \#(latencies.count), "seconds": \#(wall), "per_second": \#(Double(latencies.count) / wall), "#
                    + #""p50_ms": \#(percentile(0.5)), "p99_ms": \#(percentile(0.99)), "records": \#(records)}"#)
        }
    }
}

/// One call of a workload, through the SDK or as the same statement through `client.execute`.
struct HotCall: Sendable {
    let workload: String
    let raw: Bool
    let collection: SeekDBCollection
    let records: Int
    let table: String

    init(workload: String, raw: Bool, collection: SeekDBCollection, records: Int) throws {
        guard ["get1", "update1", "merge1", "upsert1", "delete1", "get1000", "update1000", "query_filtered"].contains(workload) else {
            throw BenchFailure(description: "unknown workload \(workload)")
        }
        self.workload = workload
        self.raw = raw
        self.collection = collection
        self.records = records
        self.table = "`c$v2$\(collection.id ?? "")`"
    }

    /// Deletes take each id once; the driver restores them afterwards.
    var consumesIDs: Bool { workload == "delete1" }
    var maximumCalls: Int { 1_500 }

    private static let id = "CAST(? AS BINARY)"
    private static func idValue(_ index: Int) -> SQLValue { .bytes(Array(HotPathMode.id(index).utf8)) }

    func run(_ index: Int, random: inout SplitMix) async throws {
        let client = collection.client
        let id = HotPathMode.id(index)
        let json = #"{"n": \#(index), "g": \#(index % 10), "v": \#(random.next() % 1000)}"#
        switch (workload, raw) {
        case ("get1", false):
            _ = try await collection.get(ids: IDs(id))
        case ("get1", true):
            _ = try await client.execute("SELECT _id, document, metadata FROM \(table) WHERE _id IN (\(Self.id))", [Self.idValue(index)])
        case ("update1", false), ("upsert1", false):
            let metadata: Metadata = ["n": .int(Int64(index)), "g": .int(Int64(index % 10)), "v": .int(Int64(random.next() % 1000))]
            if workload == "update1" {
                try await collection.update(ids: IDs(id), metadatas: Metadatas(metadata))
            } else {
                try await collection.upsert(ids: IDs(id), metadatas: Metadatas(metadata))
            }
        case ("update1", true), ("upsert1", true):
            _ = try await client.execute(
                "UPDATE \(table) t JOIN (SELECT \(Self.id) AS _id, ? AS metadata) v ON t._id = v._id SET t.metadata = v.metadata",
                [Self.idValue(index), .string(json)])
        case ("merge1", false):
            try await collection.update(ids: IDs(id), metadatas: Metadatas(["v": .int(Int64(random.next() % 1000))]), metadataMode: .merge)
        case ("merge1", true):
            _ = try await client.execute(
                "UPDATE \(table) t JOIN (SELECT \(Self.id) AS _id, ? AS metadata) v ON t._id = v._id"
                    + " SET t.metadata = JSON_MERGE_PATCH(COALESCE(t.metadata, CAST('{}' AS JSON)), CAST(v.metadata AS JSON))",
                [Self.idValue(index), .string(#"{"v": \#(random.next() % 1000)}"#)])
        case ("delete1", false):
            try await collection.delete(ids: IDs(id))
        case ("delete1", true):
            _ = try await client.execute("DELETE FROM \(table) WHERE _id IN (\(Self.id))", [Self.idValue(index)])
        case ("get1000", _), ("update1000", _):
            var indexes: [Int] = []
            indexes.reserveCapacity(1_000)
            for _ in 0..<1_000 { indexes.append(Int(random.next() % UInt64(records))) }
            indexes = Array(Set(indexes))
            try await many(indexes, random: &random)
        case ("query_filtered", false):
            _ = try await collection.query(embeddings: Embeddings([HotPathMode.vector(index)]), nResults: 10, where: .field("g") == 3)
        case ("query_filtered", true):
            _ = try await client.execute(
                "SELECT _id, document, metadata, l2_distance(embedding, CAST(? AS BINARY)) AS distance FROM \(table)"
                    + " WHERE JSON_OVERLAPS(JSON_EXTRACT(metadata, ?), CAST(? AS JSON)) ORDER BY distance APPROXIMATE LIMIT ?",
                [.vector(HotPathMode.vector(index)), .string(#"$."g""#), .string("[3]"), .int(10)])
        default:
            throw BenchFailure(description: "unknown workload \(workload)")
        }
    }

    private func many(_ indexes: [Int], random: inout SplitMix) async throws {
        let client = collection.client
        let ids = indexes.map(HotPathMode.id)
        if workload == "get1000" {
            if raw {
                let placeholders = Array(repeating: Self.id, count: ids.count).joined(separator: ", ")
                _ = try await client.execute(
                    "SELECT _id, document, metadata FROM \(table) WHERE _id IN (\(placeholders))",
                    indexes.map(Self.idValue))
            } else {
                _ = try await collection.get(ids: IDs(ids))
            }
            return
        }
        let round = Int64(random.next() % 1000)
        if raw {
            // As the SDK sends it: ids in key order, 500 rows per statement, one transaction.
            let sorted = indexes.sorted { HotPathMode.id($0).utf8.lexicographicallyPrecedes(HotPathMode.id($1).utf8) }
            _ = try await client.execute("START TRANSACTION")
            for start in stride(from: 0, to: sorted.count, by: 500) {
                let chunk = sorted[start..<min(sorted.count, start + 500)]
                var parameters: [SQLValue] = []
                for index in chunk { parameters += [Self.idValue(index), .string(#"{"n": \#(index), "r": \#(round)}"#)] }
                _ = try await client.execute(RawSQL.update(table: table, columns: ["metadata"], rows: chunk.count), parameters)
            }
            _ = try await client.execute("COMMIT")
        } else {
            let metadatas: [Metadata] = indexes.map { ["n": .int(Int64($0)), "r": .int(round)] }
            try await collection.update(ids: IDs(ids), metadatas: Metadatas(metadatas))
        }
    }
}

/// Hands out consecutive numbers to concurrent tasks.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Int
    init(_ value: Int) { self.value = value }

    func take(below limit: Int) -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard value < limit else { return nil }
        value += 1
        return value - 1
    }
}

/// A small deterministic random number generator (SplitMix64), one per task.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
