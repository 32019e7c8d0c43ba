import Foundation
import SeekDB

/// `SeekDBBench soak`: many tasks run a mixed workload on several collections for some minutes
/// while the server is restarted and connections are killed at random; then the database is
/// compared with the tasks' models. Driven by `scripts/soak`, which starts a server of its own.
///
/// Options: `--tasks N` (32), `--minutes M` (10), `--restarts K` (3), `--collections C` (4),
/// `--records R` per task (40), `--kill-every S` seconds on average (2; 0 = no kills),
/// `--json PATH` (the figures as JSON). The restarts are made by `scripts/soak` at even
/// intervals; the harness is told their number for its report. (They are not made from here:
/// Foundation's `Process` on Linux never reported the end of a script that leaves a server
/// running in the background.)
struct SoakOptions {
    var tasks = 32
    var minutes = 10.0
    var restarts = 3
    var collections = 4
    var records = 40
    var killEvery = 2.0
    var json: String?

    init(_ arguments: [String]) throws {
        var rest = arguments[...]
        while let flag = rest.popFirst() {
            guard let value = rest.popFirst() else { throw SoakError("\(flag) needs a value") }
            switch flag {
            case "--tasks": tasks = try Self.number(value, flag)
            case "--minutes": minutes = try Self.number(value, flag)
            case "--restarts": restarts = try Self.number(value, flag)
            case "--collections": collections = try Self.number(value, flag)
            case "--records": records = try Self.number(value, flag)
            case "--kill-every": killEvery = try Self.number(value, flag)
            case "--json": json = value
            default: throw SoakError("unknown option \(flag)")
            }
        }
    }

    private static func number<N: LosslessStringConvertible>(_ text: String, _ flag: String) throws -> N {
        guard let value = N(text) else { throw SoakError("\(flag): not a number: \(text)") }
        return value
    }
}

struct SoakError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

enum SoakMode {
    static func run(configuration base: SeekDBClient.Configuration, options: SoakOptions) async throws {
        var configuration = base
        configuration.pool.maximumConnections = 16
        let client = try await SeekDBClient(configuration: configuration)
        var collections: [SeekDBCollection] = []
        for index in 0..<options.collections {
            let name = "soak_\(index)"
            do { try await client.deleteCollection(name: name) } catch let error as SeekDBError where error.code == .collectionNotFound {}
            collections.append(try await client.createCollection(name: name, configuration: .init(dimension: 4), embeddingFunction: nil))
        }
        let duration = Duration.seconds(options.minutes * 60)
        let start = ContinuousClock.now
        let deadline = start + duration
        print(
            "soak: \(options.tasks) tasks, \(options.collections) collections, \(options.records) records per task, "
                + "\(options.minutes) min, \(options.restarts) restarts, a kill every ~\(options.killEvery) s")

        let memory = Task { await sampleMemory(until: deadline, start: start) }
        let kills = Task { await killSessions(configuration: base, every: options.killEvery, until: deadline) }

        let finished = await withTaskGroup(of: (SoakStats, SoakTaskModel).self) { group in
            for owner in 0..<options.tasks {
                let collection = collections[owner % collections.count]
                group.addTask {
                    var worker = SoakWorker(owner: owner, slots: options.records, collection: collection, deadline: deadline)
                    return await worker.run()
                }
            }
            var all: [(SoakStats, SoakTaskModel)] = []
            for await result in group { all.append(result) }
            return all
        }
        let elapsed = ContinuousClock.now - start
        let killCount = await kills.value
        let memorySamples = await memory.value
        let retries = client.retryCount
        await client.close()

        var stats = SoakStats()
        for (taskStats, _) in finished { stats.merge(taskStats) }
        let final = try await verify(finished.map(\.1), collections: collections.map(\.name), configuration: base)
        stats.violations += final.violations
        report(stats, final: final, elapsed: elapsed, retries: retries, kills: killCount, memory: memorySamples, options: options)
    }

    // MARK: Disturbances

    /// Kills a random session of the server (idle or busy) every `every` seconds on average.
    static func killSessions(configuration: SeekDBClient.Configuration, every: Double, until deadline: ContinuousClock.Instant) async -> Int
    {
        guard every > 0 else { return 0 }
        var configuration = configuration
        configuration.pool.maximumConnections = 1  // CONNECTION_ID() is the killer's only session
        configuration.retryPolicy = .never
        var killed = 0
        var killer: SeekDBClient?
        while ContinuousClock.now < deadline {
            try? await Task.sleep(for: .seconds(Double.random(in: 0...(2 * every))))
            do {
                if killer == nil { killer = try await SeekDBClient(configuration: configuration) }
                let rows = try await killer!.execute(
                    "SELECT ID FROM information_schema.PROCESSLIST WHERE ID <> CONNECTION_ID() AND USER = ?",
                    [.string(configuration.user)]
                ).rows
                guard let victim = rows.randomElement()?.first?.intValue else { continue }
                _ = try await killer!.executeText("KILL \(victim)")
                killed += 1
            } catch {
                await killer?.close()
                killer = nil  // the server is restarting: a new client next time
            }
        }
        await killer?.close()
        return killed
    }

    /// This process's resident memory every 15 s.
    static func sampleMemory(until deadline: ContinuousClock.Instant, start: ContinuousClock.Instant) async -> [(Duration, Double)] {
        var samples: [(Duration, Double)] = [(.zero, residentMemoryMiB())]
        while ContinuousClock.now < deadline {
            try? await Task.sleep(for: .seconds(15))
            samples.append((ContinuousClock.now - start, residentMemoryMiB()))
        }
        return samples
    }

    // MARK: Final check

    struct FinalCheck {
        var records = 0
        var present = 0
        var violations: [String] = []
    }

    /// Reads every record of every task with a new client (after the disturbances ended) and
    /// compares it with the task's model.
    static func verify(
        _ models: [SoakTaskModel], collections: [String], configuration: SeekDBClient.Configuration
    ) async throws -> FinalCheck {
        var check = FinalCheck()
        try await SeekDBClient.withClient(configuration: configuration) { client in
            var opened: [SeekDBCollection] = []
            for name in collections { opened.append(try await client.getCollection(name: name, embeddingFunction: nil)) }
            for var model in models {
                let collection = opened[model.owner % opened.count]
                let slots = Array(0..<model.slots)
                let result = try await collection.get(ids: IDs(slots.map(model.id)), include: [.documents, .metadatas, .embeddings])
                for slot in slots {
                    check.records += 1
                    var state: SoakRecordState?
                    if let index = result.ids.firstIndex(of: model.id(slot)) {
                        check.present += 1
                        switch SoakTaskModel.state(
                            document: result.documents?[index] ?? nil, embedding: result.embeddings?[index] ?? nil,
                            metadata: result.metadatas?[index] ?? nil, slot: slot)
                        {
                        case .success(let stored): state = stored
                        case .failure(let torn):
                            check.violations.append("final: \(model.id(slot)) is torn: \(torn.what)")
                            continue
                        }
                    }
                    if let violation = model.observed(slot, state) { check.violations.append("final: \(violation)") }
                }
            }
            // Nothing but the tasks' records: no record was written twice under another id or left behind.
            var stored = 0
            for collection in opened { stored += try await collection.count() }
            if stored != check.present {
                check.violations.append("final: the collections hold \(stored) records, the tasks' models \(check.present)")
            }
        }
        return check
    }

    // MARK: Report

    static func report(
        _ stats: SoakStats, final: FinalCheck, elapsed: Duration, retries: Int, kills: Int,
        memory: [(Duration, Double)], options: SoakOptions
    ) {
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let succeeded = stats.latencies.values.reduce(0) { $0 + $1.count }
        let failed = stats.errors.values.reduce(0, +)
        print("")
        print(
            "soak: \(String(format: "%.0f", seconds)) s, \(stats.calls) calls (\(succeeded) succeeded, \(failed) failed), "
                + String(format: "%.0f calls/s", Double(stats.calls) / seconds))
        print("soak: \(retries) retries by the SDK, \(kills) sessions killed, \(options.restarts) server restarts (by scripts/soak)")
        print("")
        print("operation        calls/s    p50 ms    p99 ms")
        for (operation, values) in stats.latencies.sorted(by: { $0.key < $1.key }) {
            print(
                operation.padding(toLength: 15, withPad: " ", startingAt: 0)
                    + String(
                        format: "%8.1f  %8.1f  %8.1f", Double(values.count) / seconds,
                        SoakStats.percentile(values, 0.5), SoakStats.percentile(values, 0.99)))
        }
        print("")
        print("errors by call and code:")
        for (key, count) in stats.errors.sorted(by: { $0.value > $1.value }) { print("  \(count)\t\(key)") }
        if stats.errors.isEmpty { print("  none") }
        print("")
        print(
            "client memory (RSS, MiB): "
                + memory.map { String(format: "%.0fs %.0f", Double($0.0.components.seconds), $0.1) }.joined(separator: ", "))
        let warm = memory.filter { $0.0 >= .seconds(60) }.map(\.1)
        if let first = warm.first, let last = warm.last {
            print(
                String(
                    format: "client memory after the first minute: %.0f MiB, at the end: %.0f MiB (%+.1f%%)", first, last,
                    (last / first - 1) * 100))
        }
        print("")
        print(
            "checked: \(stats.checkedReads) record reads during the run, \(stats.checkedFailedBatches) failed multi-record writes read "
                + "back, "
                + "\(final.records) records at the end (\(final.present) present); \(stats.staleQueryHits) stale query hits")
        if stats.violations.isEmpty {
            print("verdict: CONSISTENT: nothing lost, nothing duplicated, no call half applied")
        } else {
            print("verdict: \(stats.violations.count) VIOLATIONS")
            for violation in stats.violations.prefix(30) { print("  \(violation)") }
        }
        if let path = options.json {
            let object: [String: Any] = [
                "seconds": seconds, "tasks": options.tasks, "calls": stats.calls, "failed": failed, "retries": retries,
                "kills": kills, "restarts": options.restarts, "violations": stats.violations.count,
                "errors": stats.errors, "checked_reads": stats.checkedReads, "final_records": final.records,
                "latency_ms": stats.latencies.mapValues {
                    ["p50": SoakStats.percentile($0, 0.5), "p99": SoakStats.percentile($0, 0.99), "count": Double($0.count)]
                },
                "rss_mib": memory.map { [Double($0.0.components.seconds), $0.1] }
            ]
            if let data = try? JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys]) {
                _ = FileManager.default.createFile(atPath: path, contents: data)
            }
        }
        if !stats.violations.isEmpty { exit(1) }
    }
}
