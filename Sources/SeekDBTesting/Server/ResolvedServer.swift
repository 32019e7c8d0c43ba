import Foundation
import SeekDB

/// A server ``SeekDBTestServer`` has chosen and reached: its client configuration (database not
/// set), an administrative client that creates and drops the test databases, and the local
/// server when it started one.
struct ResolvedServer: Sendable {
    let source: SeekDBTestServer.Source
    let configuration: SeekDBClient.Configuration
    /// Connected to `information_schema`; at most two connections.
    let admin: SeekDBClient
    let local: LocalTestServer?

    /// Connects to the `SEEKDB_*` server if `environment` names one, else starts a local server.
    ///
    /// - Throws: ``SeekDBTestingError/serverUnavailable(_:)`` saying which source failed and why.
    static func start(environment: [String: String], localServer: LocalServer.Configuration) async throws -> ResolvedServer {
        let named = ["SEEKDB_HOST", "SEEKDB_SOCKET"].contains { !(environment[$0] ?? "").isEmpty }
        if named {
            let configuration = SeekDBClient.Configuration.fromEnvironment(environment: environment)
            let address = configuration.unixSocketPath ?? "\(configuration.host):\(configuration.port)"
            let admin = try await connectAdmin(configuration) { "cannot connect to \(address) (from SEEKDB_HOST/SEEKDB_SOCKET): \($0)" }
            return ResolvedServer(source: .environment(address), configuration: configuration, admin: admin, local: nil)
        }
        let local: LocalTestServer
        do {
            local = try await LocalTestServer.start(configuration: localServer)
        } catch {
            throw SeekDBTestingError.serverUnavailable(
                "SEEKDB_HOST and SEEKDB_SOCKET are not set, and starting a local seekdb failed: \(error)")
        }
        let configuration = local.server.clientConfiguration()
        do {
            let admin = try await connectAdmin(configuration) {
                "the local seekdb in \(local.folder) started but refused a connection: \($0)"
            }
            return ResolvedServer(
                source: .localServer(dataDirectory: local.server.dataDirectory), configuration: configuration,
                admin: admin, local: local)
        } catch {
            await local.shutdown()
            throw error
        }
    }

    private static func connectAdmin(
        _ configuration: SeekDBClient.Configuration,
        message: (String) -> String
    ) async throws -> SeekDBClient {
        var admin = configuration
        admin.database = "information_schema"
        admin.pool.maximumConnections = 2
        // CREATE and DROP DATABASE wait behind other sessions' schema changes, which seekdb runs
        // one at a time: on a busy server that outlasts its default 10 s statement timeout.
        if admin.options.queryTimeout == nil { admin.options.queryTimeout = SeekDBTestServer.testQueryTimeout }
        do {
            return try await SeekDBClient(configuration: admin)
        } catch {
            throw SeekDBTestingError.serverUnavailable(message("\(error)"))
        }
    }
}
