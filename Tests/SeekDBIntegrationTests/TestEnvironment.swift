import Foundation
import SeekDB
import SeekDBTesting
import Testing

/// The integration tests' settings. The server and the databases come from SeekDBTesting:
/// `SeekDBTestServer.shared` is the server the `SEEKDB_*` environment names (scripts/test sets
/// it). Each suite runs in a database of its own (`.seekdbDatabase` on the `@Suite`, or on a
/// `@Test` that must not share it); ``withTestDatabase(_:)`` makes one when there is none.
///
/// One database per suite, not per test: with ~200 tests starting at once, a database for each
/// (its `CREATE DATABASE`, the collection catalog's table, `DROP DATABASE`) more than doubled
/// the schema changes, which seekdb runs one at a time, and the suites took twice as long.
enum TestEnvironment {
    static let environment = ProcessInfo.processInfo.environment

    /// Integration tests run when a server is configured, and always under CI, where a missing
    /// server must fail the run instead of skipping it.
    static let isEnabled = environment["SEEKDB_HOST"] != nil || environment["CI"] != nil

    /// How to connect to the running test's database (`SeekDBTestDatabase.current`): the
    /// library's settings (a 120 s statement timeout: the suite asserts behaviour, not speed, and
    /// must pass on a busy machine) with a 30 s connect timeout for the same reason.
    ///
    /// - Throws: `SeekDBTestingError.noDatabaseInScope` outside the trait and the helpers below.
    static var configuration: SeekDBClient.Configuration {
        get throws {
            var configuration = try SeekDBTestDatabase.current.configuration
            configuration.options.connectTimeout = .seconds(30)
            return configuration
        }
    }

    /// The project's root folder (for scripts and the venv).
    static let projectRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// A collection name no other test uses.
    static func uniqueName(_ prefix: String = "t") -> String {
        "\(prefix)_\(UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased())"
    }
}

/// Runs `body` in the test's database: the one the `.seekdbDatabase` trait gave the test (or its
/// suite), else a new one made for `body` alone and dropped afterwards (`withSeekDBDatabase`).
func withTestDatabase<R>(_ body: (SeekDBTestDatabase) async throws -> R) async throws -> R {
    if let database = try? SeekDBTestDatabase.current { return try await body(database) }
    return try await withSeekDBDatabase { database in try await body(database) }
}

/// Opens a client of its own on the test's database (``withTestDatabase(_:)``), runs `body`,
/// closes the client.
func withTestClient<R>(_ body: (SeekDBClient) async throws -> R) async throws -> R {
    try await withTestDatabase { _ in
        try await SeekDBClient.withClient(configuration: try TestEnvironment.configuration) { client in
            try await body(client)
        }
    }
}

/// Creates a uniquely named collection without an embedding function in the test's database,
/// runs `body`, and deletes the collection afterwards, also when `body` fails.
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

/// Creates a user that has only `privileges` on the test's database, runs `body` with a
/// configuration that logs in as that user, and drops the user afterwards.
///
/// seekdb sometimes refuses `CREATE USER` / `DROP USER` with 1396 while other tests run DDL at
/// the same moment; those statements are retried a few times.
func withRestrictedUser<R>(
    _ client: SeekDBClient, privileges: String, _ body: (SeekDBClient.Configuration, _ user: String) async throws -> R
) async throws -> R {
    let user = "u\(UUID().uuidString.prefix(8).lowercased())"  // seekdb user names are short
    let password = "Pw-\(UUID().uuidString.prefix(8))"
    var configuration = try TestEnvironment.configuration
    try await executeRetryingUserDDL(client, "CREATE USER '\(user)'@'%' IDENTIFIED BY '\(password)'")
    do {
        try await client.executeText("GRANT \(privileges) ON `\(configuration.database)`.* TO '\(user)'@'%'")
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
