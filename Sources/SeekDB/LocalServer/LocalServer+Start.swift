import Foundation
public import Logging
import SeekDBDriver

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension LocalServer {
    /// Starts a seekdb for `dataDirectory`, or attaches to the one already serving it, and
    /// returns once it answers `SELECT 1` on its Unix socket. See the lifecycle in ``LocalServer``.
    ///
    /// - Parameters:
    ///   - dataDirectory: the data folder (seekdb's `--base-dir`), relative to the working
    ///     directory or absolute; created with its parents if missing. The same folder pyseekdb's
    ///     `Client(path:)` uses.
    ///   - configuration: binary, memory and timeouts.
    ///   - logger: where start and stop are logged (debug level). Default: no logging.
    /// - Throws: ``SeekDBError`` with ``SeekDBError/Code/serverBinaryNotFound`` when no `seekdb`
    ///   executable is found, ``SeekDBError/Code/serverStartFailed`` when the server exits or does
    ///   not answer in time (the message carries the tail of its log), or
    ///   ``SeekDBError/Code/invalidArgument`` when the path is not a folder; `CancellationError`
    ///   (a server being launched is killed).
    public static func start(
        dataDirectory: String, configuration: Configuration = Configuration(),
        logger: Logger? = nil
    ) async throws -> LocalServer {
        let logger = logger ?? Logger(label: "seekdb.local-server", factory: { _ in SwiftLogNoOpLogHandler() })
        let directory = try DataDirectory(dataDirectory)
        let startLock = try FileLock(path: directory.startLockFile)
        defer { startLock.close() }
        guard try await startLock.lock(.exclusive, timeout: configuration.startTimeout) else {
            throw SeekDBError(
                .serverStartFailed,
                "another process kept \(directory.startLockFile) locked for \(configuration.startTimeout) while starting a seekdb for "
                    + "\(directory.path)"
            )
        }
        let clientLock = try FileLock(path: directory.clientLockFile)
        // A server whose last client just left holds this lock exclusively while it exits.
        guard try await clientLock.lock(.shared, timeout: configuration.startTimeout) else {
            throw SeekDBError(.serverStartFailed, "\(directory.clientLockFile) stayed locked exclusively for \(configuration.startTimeout)")
        }
        let socket = try SocketPath.connectable(for: directory)

        if let pid = ServerProcess.recordedPID(in: directory), ServerProcess.isServer(pid, for: directory.path) {
            logger.debug("found a running seekdb", metadata: ["seekdb.data": "\(directory.path)", "seekdb.pid": "\(pid)"])
            switch try await waitUntilReady(
                pid: pid, socket: socket, directory: directory, timeout: configuration.startTimeout, logger: logger)
            {
            case .ready:
                let embedded = ServerProcess.commandLine(pid)?.contains("--embedded") ?? false
                return LocalServer(
                    directory: directory, socketPath: socket, processID: pid, isReused: true, isEmbedded: embedded,
                    binaryPath: nil, configuration: configuration, clientLock: clientLock, process: nil, logger: logger)
            case .exited:
                logger.debug("the running seekdb exited; launching a new one", metadata: ["seekdb.pid": "\(pid)"])
            case .timedOut(let lastError):
                throw SeekDBError(
                    .serverStartFailed,
                    "a seekdb (pid \(pid)) is running for \(directory.path) but did not answer on \(socket) within "
                        + "\(configuration.startTimeout) (last error: "
                        + "\(lastError ?? "the socket does not exist"))\n\(ServerLog.tail(of: directory))"
                )
            }
        }

        let binary = try await BinaryLocator.find(
            explicitPath: configuration.binaryPath, environment: ProcessInfo.processInfo.environment,
            workingDirectory: FileManager.default.currentDirectoryPath)
        let process = try launch(binary: binary, directory: directory, configuration: configuration)
        let pid = process.processIdentifier
        logger.debug(
            "launched seekdb", metadata: ["seekdb.data": "\(directory.path)", "seekdb.pid": "\(pid)", "seekdb.binary": "\(binary)"])
        let readiness: Readiness
        do {
            readiness = try await waitUntilReady(
                pid: pid, socket: socket, directory: directory, timeout: configuration.startTimeout, logger: logger)
        } catch {
            await kill(process)
            throw error
        }
        switch readiness {
        case .ready:
            return LocalServer(
                directory: directory, socketPath: socket, processID: pid, isReused: false, isEmbedded: true,
                binaryPath: binary, configuration: configuration, clientLock: clientLock, process: process, logger: logger)
        case .exited:
            let status = await exitDescription(of: process)
            throw SeekDBError(
                .serverStartFailed,
                "seekdb \(status) during start-up (\(binary), data folder \(directory.path))\n\(ServerLog.tail(of: directory))")
        case .timedOut(let lastError):
            await kill(process)
            throw SeekDBError(
                .serverStartFailed,
                "seekdb (pid \(pid)) did not answer on \(socket) within \(configuration.startTimeout) and was killed (last error: "
                    + "\(lastError ?? "the socket was never created"))\n\(ServerLog.tail(of: directory))"
            )
        }
    }

    /// Launches seekdb in its own process group, with stdout and stderr in `log/seekdb.out`.
    /// Foundation's `Process`, not swift-subprocess: see ``ServerProcess`` for why.
    private static func launch(binary: String, directory: DataDirectory, configuration: Configuration) throws(SeekDBError) -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = configuration.arguments(dataDirectory: directory.path)
        process.currentDirectoryURL = URL(fileURLWithPath: directory.path)
        var environment = ProcessInfo.processInfo.environment
        environment["TELEMETRY_ENABLED"] = configuration.telemetryEnabled ? "true" : "false"
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        do {
            _ = FileManager.default.createFile(atPath: directory.outputFile, contents: nil)
            let output = try FileHandle(forWritingTo: URL(fileURLWithPath: directory.outputFile))
            defer { try? output.close() }
            process.standardOutput = output
            process.standardError = output
            try process.run()
        } catch {
            throw SeekDBError(.serverStartFailed, "could not launch \(binary): \(error.localizedDescription)", underlying: error)
        }
        return process
    }

    enum Readiness {
        case ready, exited
        case timedOut(lastError: String?)
    }

    /// Polls every 100 ms: is the process alive, does the socket exist, does it answer `SELECT 1`?
    private static func waitUntilReady(
        pid: Int32, socket: String, directory: DataDirectory, timeout: Duration,
        logger: Logger
    ) async throws -> Readiness {
        let deadline = ContinuousClock.now + timeout
        var lastError: String?
        while true {
            guard ServerProcess.isAlive(pid) else { return .exited }
            if FileManager.default.fileExists(atPath: directory.socketFile) {
                if let error = await probe(socket: socket, logger: logger) { lastError = error } else { return .ready }
            }
            if ContinuousClock.now >= deadline { return .timedOut(lastError: lastError) }
            try await Task.sleep(for: .milliseconds(100))
        }
    }

    /// `nil` when `SELECT 1` through `socket` answers 1, else what went wrong.
    private static func probe(socket: String, logger: Logger) async -> String? {
        let configuration = MariaDBConnection.Configuration(
            endpoint: .unixSocket(path: socket), user: "root", password: nil, database: nil,
            connectTimeout: .seconds(2), readTimeout: .seconds(10))
        do {
            let connection = try await MariaDBConnection.connect(configuration, logger: logger)
            let result = try? await connection.query("SELECT 1", logger: logger)
            await connection.close()
            return result?.rows.first?.first?.intValue == 1 ? nil : "SELECT 1 did not return 1"
        } catch {
            return "\(error)"
        }
    }

    private static func kill(_ process: Process) async {
        ServerProcess.send(SIGKILL, to: process.processIdentifier)
        _ = await ServerProcess.waitForExit(process.processIdentifier, timeout: .seconds(10))
    }

    /// "exited with status N" or "was killed by signal N", once Foundation has reaped the child.
    /// The process is already gone when this is asked; Foundation learns it from its own child
    /// watcher, which on a busy machine took over a second (a CI run saw plain "exited"), so
    /// this waits up to 10 s for it.
    private static func exitDescription(of process: Process) async -> String {
        let deadline = ContinuousClock.now + .seconds(10)
        while process.isRunning && ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(20))
        }
        guard !process.isRunning else { return "exited" }
        switch process.terminationReason {
        case .exit: return "exited with status \(process.terminationStatus)"
        case .uncaughtSignal: return "was killed by signal \(process.terminationStatus)"
        @unknown default: return "exited (status \(process.terminationStatus))"
        }
    }
}
