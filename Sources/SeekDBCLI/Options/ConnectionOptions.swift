import ArgumentParser
import Foundation
import SeekDB

/// How to reach the server: the options of pyseekdb's CLI (`--host`, `--port` 2881, `--user`
/// root, `--password` or `$SEEKDB_PASSWORD`, `--database`/`-d` test, `--tenant`).
struct ConnectionOptions: ParsableArguments {
    @Option(help: "Server host.")
    var host = "127.0.0.1"

    @Option(help: "Server port (MySQL protocol).")
    var port = 2881

    @Option(help: "User name.")
    var user = "root"

    @Option(name: [.customShort("p"), .long], help: "Password (default: $SEEKDB_PASSWORD).")
    var password: String?

    @Option(name: [.customShort("d"), .long], help: "Database the collections live in.")
    var database = "test"

    @Option(help: "OceanBase tenant: logs in as USER@TENANT, as pyseekdb does (seekdb needs none).")
    var tenant: String?

    /// The client configuration; an empty or missing `--password` falls back to `$SEEKDB_PASSWORD`.
    func configuration(environment: [String: String] = ProcessInfo.processInfo.environment) -> SeekDBClient.Configuration {
        var secret = password ?? ""
        if secret.isEmpty { secret = environment["SEEKDB_PASSWORD"] ?? "" }
        var configuration = SeekDBClient.Configuration(
            host: host, port: port, user: user, password: secret.isEmpty ? nil : secret,
            database: database, tenant: tenant)
        configuration.pool.maximumConnections = 2
        return configuration
    }

    /// Opens a client on `--database`, runs `body`, closes the client.
    func withClient<R>(_ body: (SeekDBClient) async throws -> sending R) async throws -> sending R {
        try await SeekDBClient.withClient(configuration: configuration()) { try await body($0) }
    }

    /// Opens an admin client, runs `body`, closes the client.
    func withAdmin<R: Sendable>(_ body: (SeekDBAdminClient) async throws -> R) async throws -> R {
        let admin = try await SeekDBAdminClient(configuration: configuration())
        do {
            let result = try await body(admin)
            await admin.close()
            return result
        } catch {
            await admin.close()
            throw error
        }
    }
}
