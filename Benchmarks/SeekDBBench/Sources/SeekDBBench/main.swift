// The Swift side of `scripts/bench` (driven by Benchmarks/bench.py).
//
//   SeekDBBench serve            reads "<sdk|raw> <workload> <round>" lines on stdin, runs the
//                                workload on a fresh collection, prints one JSON line per run
//   SeekDBBench memory RECORDS   peak resident memory of one update of RECORDS records
//   SeekDBBench probe-query [N]  the SDK's query against the same SQL sent raw, and filter forms
//   SeekDBBench profile [ROUNDS] time per statement kind inside the SDK's update, upsert, delete
//   SeekDBBench probe-lock [N]   the SDK's existence check (SELECT … FOR UPDATE) against the write
//   SeekDBBench probe-update [DIMENSION] [RECORDS]   does one SDK update of that size go through?
//   SeekDBBench hot-load | hot-restore | hot   per-record calls on a large collection (HotPathMode.swift)
//   SeekDBBench resync RECORDS CHANGED [ROUNDS]  documents-only update where only CHANGED documents differ
//   SeekDBBench resync-vectors RECORDS CHANGED [ROUNDS]  given embeddings where only CHANGED differ, SDK and raw
//   SeekDBBench index-catch-up RECORDS CHANGED [ROUNDS]  the same, with the server's CPU, writes and index refresh
//   SeekDBBench compare-forms [RECORDS]  statement forms that find given vectors equal to the stored ones
//   SeekDBBench probe-session [ROUNDS] [RECORDS]  write-then-query under each query consistency
//   SeekDBBench soak [OPTIONS]   mixed workload under restarts and kills, checked against a model (SoakMode.swift)
//   SeekDBBench observability [ROUNDS]  update of 1,000 records without a backend, with no-op and with test backends
//
// Connection from SEEKDB_HOST / SEEKDB_PORT / SEEKDB_USER / SEEKDB_PASSWORD / SEEKDB_DATABASE.
// BENCH_RAW_ROWS: records per raw statement (default 500).
import Foundation
import SeekDB
import SeekDBEmbeddings

/// Writes one line to stdout at once (no buffering: the driver waits for each line).
func emit(_ line: String) { FileHandle.standardOutput.write(Data((line + "\n").utf8)) }

let arguments = CommandLine.arguments.dropFirst()
let configuration = SeekDBClient.Configuration.fromEnvironment()

switch arguments.first {
case "serve":
    var rawConfiguration = configuration
    rawConfiguration.pool.maximumConnections = 1  // START TRANSACTION … COMMIT on one connection
    let rawRows = ProcessInfo.processInfo.environment["BENCH_RAW_ROWS"].flatMap { Int($0) } ?? 500
    _ = try await DefaultEmbeddingFunction().embed(["load the model before any timed run"])
    emit(#"{"ready": true}"#)
    while let line = readLine() {
        let words = line.split(separator: " ").map(String.init)
        guard words.count == 3, let workload = Workload(rawValue: words[1]), let round = Int(words[2]) else {
            if line == "quit" { break }
            emit(#"{"error": "bad command"}"#)
            continue
        }
        do {
            // A new client (connected before the timed part) for every run: a connection keeps up
            // to 64 prepared statements, but seekdb allows a session 50 open cursors (error 5930
            // "maximum open cursors exceeded" after ~24 fresh collections on one client).
            let raw = words[0] == "raw"
            let client = try await SeekDBClient(configuration: raw ? rawConfiguration : configuration)
            let measurement: Measurement
            do {
                measurement =
                    raw
                    ? try await RawRunner(client: client, rowsPerStatement: rawRows).run(workload, round: round)
                    : try await SDKRunner(client: client).run(workload, round: round)
            } catch {
                await client.close()
                throw error
            }
            await client.close()
            emit(measurement.json)
        } catch {
            let message = "\(error)".replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
                .replacingOccurrences(of: "\n", with: " ")
            emit(#"{"error": "\#(message)"}"#)
        }
    }
case "memory":
    let records = arguments.dropFirst().first.flatMap { Int($0) } ?? 100_000
    try await SeekDBClient.withClient(configuration: configuration) { client in
        try await MemoryMode.run(records: records, client: client)
    }
case "probe-query":
    let queries = arguments.dropFirst().first.flatMap { Int($0) } ?? 200
    try await SeekDBClient.withClient(configuration: configuration) { client in
        try await QueryProbe.run(client: client, queries: queries)
    }
case "probe-lock":
    var single = configuration
    single.pool.maximumConnections = 1  // the transactions span several calls
    let repetitions = arguments.dropFirst().first.flatMap { Int($0) } ?? 15
    try await SeekDBClient.withClient(configuration: single) { client in
        try await LockProbe.run(client: client, repetitions: repetitions)
    }
case "probe-update":
    let numbers = arguments.dropFirst().compactMap { Int($0) }
    try await SeekDBClient.withClient(configuration: configuration) { client in
        try await UpdateProbe.run(client: client, dimension: numbers.first ?? 1536, records: numbers.dropFirst().first ?? 500)
    }
case "profile":
    let rounds = arguments.dropFirst().first.flatMap { Int($0) } ?? 5
    try await ProfileMode.run(configuration: configuration, rounds: rounds)
case "probe-encode":  // the SDK's JSON text of 1,000 records' metadata (through the public description)
    let metadatas = BenchData.metadatas(0..<1_000, round: 3)
    for _ in 0..<(Int(arguments.dropFirst().first ?? "5") ?? 5) {
        var total = 0
        let ms = await timed { for m in metadatas { total += MetadataValue.object(m).description.utf8.count } }
        print(String(format: "encode 1,000 metadata objects: %.2f ms (%d bytes)", ms, total))
    }
case "paired":
    let pairs = arguments.dropFirst().first.flatMap { Int($0) } ?? 20
    let names = arguments.dropFirst(2).first?.split(separator: ",").map(String.init)
    try await PairedMode.run(
        configuration: configuration, pairs: pairs,
        workloads: names?.compactMap(Workload.init(rawValue:)) ?? PairedMode.workloads)
case "resync":
    let numbers = arguments.dropFirst().compactMap { Int($0) }
    try await SeekDBClient.withClient(configuration: configuration) { client in
        try await ResyncMode.run(
            client: client, records: numbers.first ?? 1_000, changed: numbers.dropFirst().first ?? 100,
            rounds: numbers.dropFirst(2).first ?? 3)
    }
case "resync-vectors":
    let numbers = arguments.dropFirst().compactMap { Int($0) }
    try await VectorResyncMode.run(
        configuration: configuration, records: numbers.first ?? 1_000,
        changed: numbers.dropFirst().first ?? 100, rounds: numbers.dropFirst(2).first ?? 3)
case "compare-forms":
    try await CompareFormsMode.run(configuration: configuration, records: arguments.dropFirst().first.flatMap { Int($0) } ?? 10_000)
case "index-catch-up":
    let numbers = arguments.dropFirst().compactMap { Int($0) }
    try await IndexCatchUpMode.run(
        configuration: configuration, records: numbers.first ?? 10_000,
        changed: numbers.dropFirst().first ?? 100, rounds: numbers.dropFirst(2).first ?? 3)
case "observability":
    let rounds = arguments.dropFirst().first.flatMap { Int($0) } ?? 20
    try await ObservabilityMode.run(configuration: configuration, rounds: rounds)
case "hot-load":
    let words = Array(arguments.dropFirst())
    try await SeekDBClient.withClient(configuration: configuration) { client in
        try await HotPathMode.load(client: client, name: words[0], records: Int(words[1]) ?? 100_000)
    }
case "hot-restore":
    let words = Array(arguments.dropFirst())
    try await SeekDBClient.withClient(configuration: configuration) { client in
        try await HotPathMode.restore(client: client, name: words[0], first: Int(words[1]) ?? 0, count: Int(words[2]) ?? 0)
    }
case "hot":
    let words = Array(arguments.dropFirst())
    do {
        try await HotPathMode.run(
            configuration: configuration, name: words[0], raw: words[1] == "raw", workload: words[2],
            callers: Int(words[3]) ?? 1, seconds: Double(words[4]) ?? 3,
            first: words.count > 5 ? Int(words[5]) ?? 0 : 0)
    } catch {
        // A failed run (a statement timeout on a loaded server, say) is reported, not a crash.
        let message = "\(error)".replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        emit(#"{"error": "\#(message)"}"#)
    }
case "probe-session":
    let numbers = arguments.dropFirst().compactMap { Int($0) }
    try await SeekDBClient.withClient(configuration: configuration) { client in
        try await SessionProbe.run(client: client, rounds: numbers.first ?? 1_000, records: numbers.dropFirst().first ?? 100_000)
    }
case "soak":
    try await SoakMode.run(configuration: configuration, options: SoakOptions(Array(arguments.dropFirst())))
default:
    let usage =
        "usage: SeekDBBench serve | soak [OPTIONS] | memory [RECORDS] | profile [ROUNDS] | paired [PAIRS] [WORKLOADS] | "
        + "probe-encode [REPEATS] | probe-lock [N] | probe-query [N] | probe-update [DIMENSION] [RECORDS] | "
        + "probe-session [ROUNDS] [RECORDS] | observability [ROUNDS] | index-catch-up [RECORDS] [CHANGED] [ROUNDS] | "
        + "resync-vectors [RECORDS] [CHANGED] [ROUNDS] | compare-forms [RECORDS]\n"
    FileHandle.standardError.write(Data(usage.utf8))
    exit(2)
}
