import Foundation
import SeekDB
import SeekDBTesting
import Testing

/// What one run of the `seekdb` binary did.
struct CLIRun: CustomStringConvertible {
    var status: Int32
    var stdout: String
    var stderr: String

    /// stdout parsed as JSON.
    func json() throws -> Any {
        try JSONSerialization.jsonObject(with: Data(stdout.utf8), options: [.fragmentsAllowed])
    }

    /// stdout as a JSON object.
    func object() throws -> [String: Any] {
        try #require(try json() as? [String: Any], "stdout is not a JSON object: \(stdout)")
    }

    /// The `{"error": {...}}` object printed on stderr with `-o json`.
    func error() throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: Data(stderr.utf8)) as? [String: Any]
        return try #require(object?["error"] as? [String: Any], "stderr has no JSON error object: \(stderr)")
    }

    var description: String { "exit \(status)\nstdout: \(stdout)\nstderr: \(stderr)" }
}

/// Runs the built `seekdb` executable as a subprocess, connected to the test server.
enum CLI {
    static let environment = ProcessInfo.processInfo.environment

    /// Server tests run when a server is configured, and always under CI.
    static let serverConfigured = environment["SEEKDB_HOST"] != nil || environment["CI"] != nil

    /// The project's root folder.
    static let projectRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The `seekdb` binary: `$SEEKDB_CLI`, else next to the test bundle (SwiftPM puts every
    /// product of a build in one folder), else `.build/debug/seekdb`.
    static let executable: URL = {
        if let path = environment["SEEKDB_CLI"], !path.isEmpty { return URL(fileURLWithPath: path) }
        var folder = Bundle.main.executableURL?.deletingLastPathComponent()
        for _ in 0..<4 {
            guard let current = folder else { break }
            let candidate = current.appendingPathComponent("seekdb")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            folder = current.deletingLastPathComponent()
        }
        return projectRoot.appendingPathComponent(".build/debug/seekdb")
    }()

    /// `--host --port --user -d` of the test's database (`SeekDBTestDatabase.current`, from
    /// SeekDBTesting; `SEEKDB_PASSWORD` is inherited), or of `database` on the same server.
    ///
    /// - Throws: `SeekDBTestingError.noDatabaseInScope` outside ``CLIServerTests`` and ``withDatabase(_:)``.
    static func connection(database: String? = nil) throws -> [String] {
        let configuration = try SeekDBTestDatabase.current.configuration
        return [
            "--host", configuration.host, "--port", String(configuration.port),
            "--user", configuration.user, "-d", database ?? configuration.database
        ]
    }

    /// Runs `seekdb <connection options of the test server> arguments…`; options in
    /// `arguments` (e.g. `--user`) come later and win.
    static func run(
        _ arguments: [String], stdin: String = "", database: String? = nil,
        environment extra: [String: String] = [:]
    ) async throws -> CLIRun {
        try await runRaw(try connection(database: database) + arguments, stdin: stdin, environment: extra)
    }

    /// Runs `seekdb arguments…` exactly as given. stdin, stdout and stderr are files, never a terminal.
    /// `seekdb sql STATEMENT` for CREATE USER / DROP USER, sent again (up to 8 times) while
    /// seekdb answers 1396, which it does when other sessions run DDL at the same moment.
    static func runUserDDL(_ statement: String) async throws -> CLIRun {
        var attempt = 1
        while true {
            let run = try await run(["sql", statement])
            guard run.status != 0, run.stderr.contains("1396"), attempt < 8 else { return run }
            try await Task.sleep(for: .milliseconds(250 * attempt))
            attempt += 1
        }
    }

    static func runRaw(_ arguments: [String], stdin: String = "", environment extra: [String: String] = [:]) async throws -> CLIRun {
        try await runProgram(executable.path, arguments, stdin: stdin, environment: extra)
    }

    /// Runs a program with stdin, stdout and stderr in files.
    static func runProgram(
        _ program: String, _ arguments: [String], stdin: String = "",
        environment extra: [String: String] = [:]
    ) async throws -> CLIRun {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("seekdb-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = folder.appendingPathComponent("stdin")
        let output = folder.appendingPathComponent("stdout")
        let errors = folder.appendingPathComponent("stderr")
        try Data(stdin.utf8).write(to: input)
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errors.path, contents: nil)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        process.environment = environment.merging(extra) { _, new in new }
        let handles = [try FileHandle(forReadingFrom: input), try FileHandle(forWritingTo: output), try FileHandle(forWritingTo: errors)]
        defer { for handle in handles { try? handle.close() } }
        process.standardInput = handles[0]
        process.standardOutput = handles[1]
        process.standardError = handles[2]
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do { try process.run() } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: error)
            }
        }
        return CLIRun(
            status: status, stdout: try String(contentsOf: output, encoding: .utf8),
            stderr: try String(contentsOf: errors, encoding: .utf8))
    }

    /// A name no other test uses.
    static func uniqueName(_ prefix: String = "cli") -> String {
        "\(prefix)_\(UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(12).lowercased())"
    }

    /// Runs `body` in the test's database: the one the `.seekdbDatabase` trait gave the test or
    /// its suite (every ``CLIServerTests`` test has its suite's), else a new one for `body` alone.
    static func withDatabase<R>(_ body: () async throws -> R) async throws -> R {
        if SeekDBTestDatabase.isAvailable { return try await body() }
        return try await withSeekDBDatabase { _ in try await body() }
    }

    /// Creates a 3-d l2 collection without an embedding function in the test's database
    /// (``withDatabase(_:)``), runs `body`, deletes it.
    static func withCollection<R>(
        dimension: Int = 3, embeddingFunction: Bool = false,
        _ body: (String) async throws -> R
    ) async throws -> R {
        try await withDatabase { try await withCollectionInDatabase(dimension: dimension, embeddingFunction: embeddingFunction, body) }
    }

    private static func withCollectionInDatabase<R>(
        dimension: Int, embeddingFunction: Bool,
        _ body: (String) async throws -> R
    ) async throws -> R {
        let name = uniqueName()
        var arguments = ["collections", "create", name, "--distance", "l2"]
        arguments += embeddingFunction ? [] : ["--dimension", String(dimension), "--no-embedding-function"]
        let created = try await run(arguments)
        try #require(created.status == 0, "\(created)")
        do {
            let result = try await body(name)
            _ = try await run(["collections", "delete", name])
            return result
        } catch {
            _ = try? await run(["collections", "delete", name])
            throw error
        }
    }
}

/// Every suite that talks to the server is nested here and runs one test at a time: these tests
/// create and drop collections, databases and users, and seekdb's DDL slows down (up to its
/// statement timeout) when many run at once next to the other integration suites. They share one
/// database of their own (SeekDBTesting's `.seekdbDatabase` on the suite), made before the first
/// and dropped after the last.
@Suite("seekdb CLI against seekdb", .enabled(if: CLI.serverConfigured), .serialized, .seekdbDatabase)
struct CLIServerTests {}
