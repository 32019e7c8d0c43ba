import ArgumentParser
import Foundation
import SeekDB

/// How to reach the server: the options of pyseekdb's CLI (`--path DIR` for a local database,
/// or `--host`, `--port` 2881, `--user` root, `--password` or `$SEEKDB_PASSWORD`,
/// `--database`/`-d` test, `--tenant`). The word after `--path`, `--user`, `--password` and
/// `--database` is always their value, even when it starts with `-`.
struct ConnectionOptions: ParsableArguments {
    @Option(
        parsing: .unconditional,
        help: ArgumentHelp(
            "Local mode: the data folder of a local seekdb, as pyseekdb's Client(path=...).",
            discussion:
                "The folder is created if missing; a seekdb already serving it is reused, otherwise one is started (Unix socket only) and "
                + "stopped when the command ends. --host, --port, --user, --password and --tenant are then ignored.",
            valueName: "dir"))
    var path: String?

    @Option(help: "Server host.")
    var host = "127.0.0.1"

    @Option(help: "Server port (MySQL protocol).")
    var port = 2881

    @Option(parsing: .unconditional, help: "User name.")
    var user = "root"

    @Option(name: [.customShort("p"), .long], parsing: .unconditional, help: "Password (default: $SEEKDB_PASSWORD; may start with -).")
    var password: String?

    @Option(name: [.customShort("d"), .long], parsing: .unconditional, help: "Database the collections live in.")
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

    /// Opens a client on `--database` (of the local folder with `--path`), runs `body`, closes the client.
    func withClient<R>(_ body: (SeekDBClient) async throws -> sending R) async throws -> sending R {
        if let path {
            return try await SeekDBClient.withClient(path: path, database: database) { try await body($0) }
        }
        return try await SeekDBClient.withClient(configuration: configuration()) { try await body($0) }
    }

    /// Opens an admin client (on the local folder's server with `--path`), runs `body`, closes it.
    func withAdmin<R: Sendable>(_ body: (SeekDBAdminClient) async throws -> R) async throws -> R {
        var server: LocalServer?
        if let path { server = try await LocalServer.start(dataDirectory: path) }
        do {
            let admin = try await SeekDBAdminClient(configuration: server?.clientConfiguration() ?? configuration())
            do {
                let result = try await body(admin)
                await admin.close()
                await server?.release()
                return result
            } catch {
                await admin.close()
                throw error
            }
        } catch {
            await server?.release()
            throw error
        }
    }
}
