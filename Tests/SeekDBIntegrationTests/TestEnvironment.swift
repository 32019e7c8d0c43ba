import Foundation
import SeekDB
import Testing

/// Connection settings for the integration tests, from `SEEKDB_HOST`, `SEEKDB_PORT`,
/// `SEEKDB_USER`, `SEEKDB_PASSWORD`, `SEEKDB_DATABASE` (scripts/test sets them).
enum TestEnvironment {
    static let environment = ProcessInfo.processInfo.environment

    /// Integration tests run when a server is configured, and always under CI, where a missing
    /// server must fail the run instead of skipping it.
    static let isEnabled = environment["SEEKDB_HOST"] != nil || environment["CI"] != nil

    static var configuration: SeekDBClient.Configuration {
        var configuration = SeekDBClient.Configuration.fromEnvironment()
        configuration.options.connectTimeout = .seconds(30)
        // The suite asserts behaviour, not speed: on a busy machine (CI runs beside other
        // builds) a chunked statement can outlast the server's default of 10 s.
        configuration.options.queryTimeout = .seconds(120)
        configuration.unixSocketPath = nil
        return configuration
    }

    /// The project's root folder (for scripts and the venv).
    static let projectRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// A collection name no other test uses.
    static func uniqueName(_ prefix: String = "t") -> String {
        "\(prefix)_\(UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased())"
    }
}

/// Opens a client, runs `body`, closes the client.
func withTestClient<R>(_ body: (SeekDBClient) async throws -> R) async throws -> R {
    try await SeekDBClient.withClient(configuration: TestEnvironment.configuration) { client in
        try await body(client)
    }
}

/// Creates a uniquely named collection without an embedding function, runs `body`, and
/// deletes the collection afterwards, also when `body` fails.
func withTestCollection<R>(
    dimension: Int = 3, distance: DistanceMetric = .l2, embeddingFunction: (any EmbeddingFunction)? = nil,
    _ body: (SeekDBClient, SeekDBCollection) async throws -> R
) async throws -> R {
    try await withTestClient { client in
        let name = TestEnvironment.uniqueName()
        let collection = try await client.createCollection(
            name: name, configuration: .init(dimension: dimension, distance: distance), embeddingFunction: embeddingFunction)
        do {
            let result = try await body(client, collection)
            try await client.deleteCollection(name: name)
            return result
        } catch {
            try? await client.deleteCollection(name: name)
            throw error
        }
    }
}

/// Creates a user that has only `privileges` on the test database, runs `body` with a
/// configuration that logs in as that user, and drops the user afterwards.
///
/// seekdb sometimes refuses `CREATE USER` / `DROP USER` with 1396 while other tests run DDL at
/// the same moment; those statements are retried a few times.
func withRestrictedUser<R>(
    _ client: SeekDBClient, privileges: String, _ body: (SeekDBClient.Configuration, _ user: String) async throws -> R
) async throws -> R {
    let user = "u\(UUID().uuidString.prefix(8).lowercased())"   // seekdb user names are short
    let password = "Pw-\(UUID().uuidString.prefix(8))"
    try await executeRetryingUserDDL(client, "CREATE USER '\(user)'@'%' IDENTIFIED BY '\(password)'")
    do {
        try await client.executeText("GRANT \(privileges) ON \(TestEnvironment.configuration.database).* TO '\(user)'@'%'")
        var configuration = TestEnvironment.configuration
        configuration.user = user
        configuration.password = password
        let result = try await body(configuration, user)
        try await executeRetryingUserDDL(client, "DROP USER '\(user)'@'%'")
        return result
    } catch {
        _ = try? await executeRetryingUserDDL(client, "DROP USER '\(user)'@'%'")
        throw error
    }
}

private func executeRetryingUserDDL(_ client: SeekDBClient, _ sql: String) async throws {
    for attempt in 1... {
        do {
            try await client.executeText(sql)
            return
        } catch let error as SeekDBError where error.serverErrorNumber == 1396 && attempt < 30 {
            // Up to about a minute in all: on a loaded machine other tests' DDL can hold it off that long.
            try await Task.sleep(for: .milliseconds(min(250 * attempt, 3_000)))
        }
    }
}
