public import Foundation
public import SeekDB

/// Where test databases are made: the server named by the `SEEKDB_*` environment, or else one
/// local seekdb for the whole test process.
///
/// The choice is made on first use, in this order:
///
/// 1. `SEEKDB_HOST` or `SEEKDB_SOCKET` is set: that server, with the other `SEEKDB_*` variables
///    (`SeekDBClient.Configuration.fromEnvironment()`). Use this for a
///    CI service container or a shared development server.
/// 2. Otherwise a `LocalServer` in a new temporary folder, started on first use (2–4 s,
///    once per test process) from the `pylibseekdb` pip package. It listens on its Unix socket
///    only (no TCP port), and when the process ends it exits and its folder is removed.
///
/// A start that fails is remembered: every later test fails at once with the same
/// ``SeekDBTestingError/serverUnavailable(_:)`` (which carries the server log's tail) instead of
/// trying again.
///
/// Most tests use ``shared`` through the `.seekdbDatabase` trait and never name this type. Make
/// your own instance to pin a source, e.g. `SeekDBTestServer(environment: [:])` for a local
/// server even when `SEEKDB_HOST` is set.
public actor SeekDBTestServer {
    /// The server tests use unless told otherwise: chosen from this process's environment.
    public static let shared = SeekDBTestServer()

    /// The local-server settings used when no `SEEKDB_*` server is configured: the
    /// `LocalServer/Configuration` defaults with a 5-second stop timeout (a test
    /// server's data is thrown away, so there is no point waiting for a slow graceful stop).
    public static var defaultLocalServerConfiguration: LocalServer.Configuration {
        var configuration = LocalServer.Configuration()
        configuration.stopTimeout = .seconds(5)
        return configuration
    }

    /// Where this server's databases live.
    public enum Source: Sendable, Hashable, CustomStringConvertible {
        /// The server the `SEEKDB_*` environment names (`host:port` or the socket path).
        case environment(String)
        /// A local seekdb this process started, with its data folder.
        case localServer(dataDirectory: String)

        /// The source in words, for messages.
        public var description: String {
            switch self {
            case .environment(let address): "the server named by SEEKDB_* (\(address))"
            case .localServer(let folder): "a local seekdb in \(folder)"
            }
        }
    }

    private let environment: [String: String]
    private let localServerConfiguration: LocalServer.Configuration
    private var startup: Task<ResolvedServer, any Error>?

    /// A test server that chooses its source from `environment` (see the type's overview).
    ///
    /// - Parameters:
    ///   - environment: where `SEEKDB_HOST`, `SEEKDB_SOCKET` and the other `SEEKDB_*` variables
    ///     are read. Pass `[:]` to always use a local server.
    ///   - localServer: how a local server is found and run.
    public init(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        localServer: LocalServer.Configuration = SeekDBTestServer.defaultLocalServerConfiguration
    ) {
        self.environment = environment
        self.localServerConfiguration = localServer
    }

    /// The source in use, starting the server on first use.
    ///
    /// - Throws: ``SeekDBTestingError/serverUnavailable(_:)``.
    public var source: Source {
        get async throws { try await resolved().source }
    }

    /// A client configuration for `database` on this server, starting the server on first use.
    ///
    /// - Throws: ``SeekDBTestingError/serverUnavailable(_:)``.
    public func clientConfiguration(database: String) async throws -> SeekDBClient.Configuration {
        var configuration = try await resolved().configuration
        configuration.database = database
        return configuration
    }

    /// Closes the administrative connection and, for a local server, stops it and removes its
    /// folder. A later use starts a new one. Optional: the same happens when the process exits.
    public func shutdown() async {
        guard let startup else { return }
        self.startup = nil
        guard let server = try? await startup.value else { return }
        await server.admin.close()
        await server.local?.shutdown()
    }

    /// The started server; the first caller starts it, later callers wait for the same start.
    /// The start runs in its own task so that cancelling the test that happened to be first
    /// does not leave the others without a server.
    func resolved() async throws -> ResolvedServer {
        if let startup { return try await startup.value }
        let environment = environment
        let configuration = localServerConfiguration
        let task = Task { try await ResolvedServer.start(environment: environment, localServer: configuration) }
        startup = task
        return try await task.value
    }
}
