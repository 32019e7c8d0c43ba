public import Foundation
import Logging

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A seekdb server for one local data folder, reached through its Unix socket: the SDK's
/// "embedded" mode, like pyseekdb's `Client(path:)`.
///
/// The server is the `seekdb` executable of the PyPI package `pylibseekdb` (or any path you
/// give), started exactly as pylibseekdb starts it: `--embedded` (Unix socket only, **no TCP
/// port is opened**), `memory_budget=1G`, `log_disk_size=2G`. Most programs use
/// ``SeekDBClient/init(path:database:server:logger:)`` and never touch this type.
///
/// ```swift
/// let server = try await LocalServer.start(dataDirectory: "./seekdb.db")
/// let client = try await SeekDBClient(configuration: server.clientConfiguration())
/// // …
/// await client.close()
/// await server.release()      // the server exits once no client holds it
/// ```
///
/// ## Lifecycle
///
/// - ``start(dataDirectory:configuration:logger:)`` creates the folder if needed and takes a
///   *client hold* on it: a shared `flock` on `<data>/run/seekdb.clients`, the file an embedded
///   seekdb watches. If a seekdb already serves the folder (its pid file names a live seekdb
///   process for this folder, and it answers on `<data>/run/sql.sock`), the handle reuses it
///   (``isReused`` is `true`); that server may belong to another ``LocalServer``, another process,
///   pyseekdb or `scripts/seekdb-server`. Otherwise it launches one and waits until it answers
///   `SELECT 1` (2–4 s). Concurrent starts for one folder, in this process or others, are
///   serialised by an exclusive lock on `<data>/run/seekdb-swift.lock`, so only one launches.
/// - An embedded seekdb runs as long as **any** client holds the lock, and exits by itself
///   (cleanly, within ~0.1 s) when the last hold is gone — also when the holding process dies,
///   so a crashed program leaves no server behind.
/// - ``release()`` gives up this handle's hold; if it was the last one, it returns once the
///   server has exited. If other clients still hold the server, it keeps running for them.
/// - ``stop()`` stops the server whoever holds it: it releases the hold, lets an embedded server
///   exit by itself if nobody else holds it, and otherwise sends `SIGUSR1` (seekdb's graceful
///   stop, 5–8 s), then `SIGKILL` after ``Configuration/stopTimeout``. `SIGTERM` is never sent:
///   seekdb turns it into `SIGKILL`. Committed data survives either way.
///
/// Launching and waiting never block Swift's cooperative threads: locks are retried without
/// blocking and every wait is a `Task.sleep` poll.
public actor LocalServer {
    /// The data folder (absolute, symbolic links resolved): seekdb's `--base-dir`.
    public nonisolated let dataDirectory: String
    /// The Unix socket clients connect through: `<data>/run/sql.sock`, or a short alias in
    /// `/tmp` when that path is too long for a socket address.
    public nonisolated let socketPath: String
    /// The server's process id.
    public nonisolated let processID: Int32
    /// `true` when the server was already running and this handle attached to it; `false` when
    /// this handle launched it.
    public nonisolated let isReused: Bool
    /// The `seekdb` executable this handle launched; `nil` when the server was reused.
    public nonisolated let binaryPath: String?
    /// The settings the handle was started with.
    public nonisolated let configuration: Configuration

    /// The server runs in embedded mode, so it exits when its last client hold is released.
    let isEmbedded: Bool
    let directory: DataDirectory
    let logger: Logger
    private var clientLock: FileLock?
    /// Keeps Foundation's watch on a launched child (it reaps the process when it exits).
    private let process: Process?

    init(
        directory: DataDirectory, socketPath: String, processID: Int32, isReused: Bool, isEmbedded: Bool,
        binaryPath: String?, configuration: Configuration, clientLock: FileLock, process: Process?, logger: Logger
    ) {
        self.directory = directory
        self.dataDirectory = directory.path
        self.socketPath = socketPath
        self.processID = processID
        self.isReused = isReused
        self.isEmbedded = isEmbedded
        self.binaryPath = binaryPath
        self.configuration = configuration
        self.clientLock = clientLock
        self.process = process
        self.logger = logger
    }

    /// A client configuration that connects through the server's socket as `root`.
    public nonisolated func clientConfiguration(database: String = "test") -> SeekDBClient.Configuration {
        SeekDBClient.Configuration(unixSocketPath: socketPath, database: database)
    }

    /// Whether the server process is alive.
    public nonisolated var isRunning: Bool { ServerProcess.isAlive(processID) }

    /// Whether this handle still holds the server (neither ``release()`` nor ``stop()`` ran).
    public var isHeld: Bool { clientLock != nil }

    /// Gives up this handle's hold on the server. Safe to call more than once.
    ///
    /// An embedded server exits by itself once no client holds it; `release()` then returns when
    /// the process is gone. If other clients still hold it, it keeps running for them. A server
    /// this handle launched that does not exit although nobody holds it is stopped (`SIGUSR1`,
    /// then `SIGKILL`); a reused one is left alone.
    public func release() async {
        guard let lock = clientLock else { return }
        lock.close()
        clientLock = nil
        guard isEmbedded else {
            logger.debug("released a seekdb that does not watch its clients; it keeps running", metadata: metadata)
            return
        }
        switch await exitAfterRelease(patienceWhileHeld: .milliseconds(500)) {
        case .exited:
            logger.debug("seekdb exited after its last client left", metadata: metadata)
        case .heldByOthers:
            logger.debug("seekdb left running for its other clients", metadata: metadata)
        case .stillRunning where isReused:
            logger.debug("released a reused seekdb that keeps running", metadata: metadata)
        case .stillRunning:
            await terminate()
        }
    }

    /// Stops the server, also when other clients hold it or this handle reused it (their
    /// connections are then lost). Returns once the process is gone.
    public func stop() async {
        clientLock?.close()
        clientLock = nil
        if isEmbedded, await exitAfterRelease(patienceWhileHeld: .milliseconds(300)) == .exited {
            logger.debug("seekdb exited after its last client left", metadata: metadata)
            return
        }
        await terminate()
    }

    /// Finds the `seekdb` executable, in this order:
    ///
    /// 1. `explicitPath`, if given;
    /// 2. the environment variable `SEEKDB_BINARY`;
    /// 3. the pip-installed `pylibseekdb` package: in `$VIRTUAL_ENV`, then in a `.venv` folder in
    ///    `workingDirectory` or one of its parents (`.venv/lib/python3.*/site-packages/pylibseekdb/seekdb`),
    ///    then in the site-packages of the `python3` on `PATH`;
    /// 4. `seekdb` on `PATH`.
    ///
    /// A path given in 1 or 2 must exist: it is not silently replaced by a later choice.
    ///
    /// - Throws: ``SeekDBError/Code/serverBinaryNotFound``, naming where it looked and how to
    ///   install the server.
    public static func findBinary(
        explicitPath: String? = nil,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        workingDirectory: String = FileManager.default.currentDirectoryPath
    ) async throws -> String {
        try await BinaryLocator.find(explicitPath: explicitPath, environment: environment, workingDirectory: workingDirectory)
    }

    var metadata: Logger.Metadata {
        ["seekdb.data": "\(dataDirectory)", "seekdb.pid": "\(processID)"]
    }

    // MARK: Stopping

    enum ReleaseOutcome { case exited, heldByOthers, stillRunning }

    /// After this handle's hold is gone: waits for an embedded server to exit by itself. Gives up
    /// with `.heldByOthers` if the client lock stays held by someone for `patienceWhileHeld`,
    /// and with `.stillRunning` if the lock is free but the server has not exited within 2 s.
    private func exitAfterRelease(patienceWhileHeld: Duration) async -> ReleaseOutcome {
        let start = ContinuousClock.now
        let probe = try? FileLock(path: directory.clientLockFile)
        defer { probe?.close() }
        var sawFree = false
        while ServerProcess.isAlive(processID) {
            if let probe, probe.tryLock(.exclusive) {
                probe.unlock()
                sawFree = true
            }
            let waited = ContinuousClock.now - start
            if !sawFree && waited >= patienceWhileHeld { return .heldByOthers }
            if waited >= .seconds(2) { return .stillRunning }
            do { try await Task.sleep(for: .milliseconds(20)) } catch { return ServerProcess.isAlive(processID) ? .stillRunning : .exited }
        }
        return .exited
    }

    /// `SIGUSR1` (graceful), then `SIGKILL` after the stop timeout.
    private func terminate() async {
        logger.debug("stopping seekdb with SIGUSR1", metadata: metadata)
        ServerProcess.send(SIGUSR1, to: processID)
        if await ServerProcess.waitForExit(processID, timeout: configuration.stopTimeout) { return }
        logger.warning("seekdb did not stop within \(configuration.stopTimeout); sending SIGKILL", metadata: metadata)
        ServerProcess.send(SIGKILL, to: processID)
        if !(await ServerProcess.waitForExit(processID, timeout: .seconds(10))) {
            logger.error("seekdb survived SIGKILL", metadata: metadata)
        }
    }
}
