import Foundation
import SeekDB
import SeekDBTesting
import Testing

/// Faults in the middle of a call: the connection killed from a second connection during a
/// large batch update, the server stopped during a statement, a read timeout. Each gives a
/// typed error, leaves no partial batch, and the client works again afterwards.
@Suite(.enabled(if: TestEnvironment.isEnabled), .seekdbDatabase)
struct FaultTests {
    static let records = 6_000
    static let dimension = 8

    static func vector(_ index: Int, version: Int) -> [Float] {
        (0..<dimension).map { Float(index * 10 + version * 1_000_000 + $0) }
    }

    @Test func killingTheConnectionDuringABatchUpdateLeavesNoPartialBatch() async throws {
        try await withTestCollection(dimension: Self.dimension) { watcher, collection in
            let ids = (0..<Self.records).map { "r\($0)" }
            try await collection.add(
                ids: IDs(ids), embeddings: Embeddings(ids.indices.map { Self.vector($0, version: 0) }),
                metadatas: Metadatas(ids.indices.map { ["version": 0, "i": .int(Int64($0))] }))
            // One connection, so CONNECTION_ID() names the session that will run the update.
            var configuration = try TestEnvironment.configuration
            configuration.pool.maximumConnections = 1
            // The killed session's transaction is rolled back by the server in the background; on a
            // loaded machine that can hold its 6,000 rows for longer than the default 10 s statement
            // timeout, and the reads and writes below wait for it.
            configuration.options.queryTimeout = .seconds(120)
            // The kill must reach the caller here; RetryTests shows the default policy sending
            // such an update again.
            configuration.retryPolicy = .never
            try await SeekDBClient.withClient(configuration: configuration) { client in
                let writer = try await client.getCollection(name: collection.name, embeddingFunction: nil)
                let session = try #require(try await client.execute("SELECT CONNECTION_ID()").rows.first?.first?.intValue)
                func write(version: Int) async throws {
                    try await writer.update(
                        ids: IDs(ids), embeddings: Embeddings(ids.indices.map { Self.vector($0, version: version) }),
                        metadatas: Metadatas(ids.indices.map { _ in ["version": .int(Int64(version))] }), metadataMode: .merge)
                }
                // Wait until the session runs one of the batch's UPDATE statements, then kill it. On
                // a busy machine the watcher can miss the whole update; then the rows are put back to
                // version 0 and the update runs again (the pooled session stays open when idle, so
                // its absence cannot tell that the update ended).
                var killedDuring: String?
                var outcome: Result<Void, any Error> = .success(())
                for _ in 1...5 where killedDuring == nil {
                    let finished = Flag()
                    let update = Task {
                        defer { finished.set() }
                        try await write(version: 1)
                    }
                    while killedDuring == nil, !finished.isSet {
                        let rows = try await watcher.execute(
                            "SELECT INFO FROM information_schema.PROCESSLIST WHERE ID = ?", [.int(session)]
                        ).rows
                        if let info = rows.first?.first?.stringValue, info.hasPrefix("UPDATE") {
                            try await watcher.executeText("KILL \(session)")
                            killedDuring = String(info.prefix(60))
                        }
                    }
                    outcome = await update.result
                    if killedDuring == nil { try await write(version: 0) }
                }
                try #require(killedDuring != nil, "the update finished five times before the watcher saw it run")
                let error = try #require(throws: SeekDBError.self) { try outcome.get() }
                #expect([.connectionClosed, .cancelled].contains(error.code), "\(error)")
                print("FaultTests: killed session \(session) during `\(killedDuring ?? "?")…`: \(error)")

                // Every row is either fully old or fully new, and the batch is all or nothing.
                let stored = try await writer.get(ids: IDs(ids), include: [.metadatas, .embeddings])
                #expect(stored.count == Self.records)
                var newRows = 0
                for (index, id) in stored.ids.enumerated() {
                    let number = Int(id.dropFirst())!
                    let version = stored.metadatas?[index]?["version"]?.intValue
                    let embedding = stored.embeddings?[index]
                    let old = version == 0 && embedding == Self.vector(number, version: 0)
                    let new = version == 1 && embedding == Self.vector(number, version: 1)
                    #expect(
                        old || new,
                        "row \(id) is half-updated: version \(String(describing: version)), embedding \(String(describing: embedding))")
                    if new { newRows += 1 }
                    #expect(stored.metadatas?[index]?["i"]?.intValue == Int64(number))
                }
                #expect(newRows == 0 || newRows == Self.records, "\(newRows) of \(Self.records) rows were updated")

                // The dead connection was dropped, not silently reconnected: the next call runs on a new session.
                let nextSession = try #require(try await client.execute("SELECT CONNECTION_ID()").rows.first?.first?.intValue)
                #expect(nextSession != session)
                try await writer.update(
                    ids: IDs(ids), embeddings: Embeddings(ids.indices.map { Self.vector($0, version: 1) }),
                    metadatas: Metadatas(ids.indices.map { _ in ["version": 1] }), metadataMode: .merge)
                let after = try await writer.get(ids: IDs(ids), include: [.metadatas])
                #expect(after.metadatas?.allSatisfy { $0?["version"] == 1 } == true)
            }
        }
    }

    @Test func aReadTimeoutIsATypedTimeoutWithinTheConfiguredTime() async throws {
        var configuration = try TestEnvironment.configuration
        // 3 s: short against the statement, long enough for a handshake on a loaded CI machine.
        configuration.options.readTimeout = .seconds(3)
        try await SeekDBClient.withClient(configuration: configuration) { client in
            // Without the timeout the statement would succeed after 60 s; the typed error proves
            // the read timeout ended it — no clock needed in the assertion.
            let start = ContinuousClock.now
            let error = try await #require(throws: SeekDBError.self) { try await client.execute("SELECT SLEEP(60)") }
            #expect(error.code == .timeout, "\(error)")
            print("FaultTests: 3 s read timeout answered after \(ContinuousClock.now - start): \(error)")
            #expect(try await client.execute("SELECT 5").rows.first?.first?.intValue == 5)
        }
    }

    @Test func stoppingTheServerDuringACallIsTypedAndTheClientRecovers() async throws {
        // Test port + 5: inside this checkout's block of ports (helpers and CI space servers 10 apart).
        let server = ScratchServer(port: try TestEnvironment.configuration.port + 5)
        try await server.run("start")
        do {
            try await Self.stopDuringACall(server)
        } catch {
            _ = try? await server.run("stop")
            throw error
        }
        try await server.run("stop")
    }

    static func stopDuringACall(_ server: ScratchServer) async throws {
        var configuration = try TestEnvironment.configuration
        configuration.port = server.port
        configuration.database = "test"  // a fresh server: only its default database exists
        configuration.options.connectTimeout = .seconds(3)
        try await SeekDBClient.withClient(configuration: configuration) { client in
            #expect(try await client.execute("SELECT 1").rows.first?.first?.intValue == 1)
            let call = Task { try await client.execute("SELECT SLEEP(60)") }
            try await Task.sleep(for: .milliseconds(300))
            let start = ContinuousClock.now
            try await server.run("stop")
            let error = try await #require(throws: SeekDBError.self) { try await call.result.get() }
            #expect(error.code == .connectionClosed, "\(error)")
            print(
                "FaultTests: server stopped during SLEEP(60); the call failed \(ContinuousClock.now - start) after the stop began: \(error)"
            )

            let down = try await #require(throws: SeekDBError.self) { try await client.execute("SELECT 1") }
            #expect(down.code == .connectionFailed, "\(down)")

            try await server.run("start")
            #expect(try await client.execute("SELECT 2").rows.first?.first?.intValue == 2)
            #expect(await client.openConnections == 1)
        }
    }
}

/// A seekdb of the test's own (scripts/seekdb-server with its own home and port), for faults
/// that would disturb the shared test server.
struct ScratchServer {
    let port: Int
    var home: String { TestEnvironment.projectRoot.appendingPathComponent(".seekdb/scratch-\(port)").path }

    /// Runs `scripts/seekdb-server <command>` for this server and returns its output.
    ///
    /// posix_spawn and waitpid on a dispatch thread, not Foundation's `Process`: its
    /// `waitUntilExit` never returned here once the script had started a server.
    @discardableResult
    func run(_ command: String) async throws -> String {
        let script = TestEnvironment.projectRoot.appendingPathComponent("scripts/seekdb-server").path
        let log = home + ".\(command).log"
        let arguments = [script, "--home", home, "--port", String(port), command]
        let status: Int32 = await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                var actions = posix_spawn_file_actions_t()
                posix_spawn_file_actions_init(&actions)
                posix_spawn_file_actions_addopen(&actions, 1, log, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
                posix_spawn_file_actions_adddup2(&actions, 1, 2)
                var argv = arguments.map { strdup($0) } + [nil]
                var pid: pid_t = 0
                var status: Int32 = -1
                if posix_spawn(&pid, script, &actions, nil, &argv, environ) == 0 {
                    while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
                }
                for argument in argv { free(argument) }
                posix_spawn_file_actions_destroy(&actions)
                continuation.resume(returning: status)
            }
        }
        let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
        guard status == 0 else {
            throw SeekDBError(.server, "scripts/seekdb-server \(command) failed (wait status \(status)): \(text)")
        }
        return text
    }
}

/// Set once, read from another task.
final class Flag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    var isSet: Bool { lock.withLock { value } }
    func set() { lock.withLock { value = true } }
}
