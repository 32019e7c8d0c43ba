import Foundation
import SeekDB

extension SeekDBTestServer {
    /// The prefix of test database names unless a test gives its own: `seekdbtest`, so
    /// `SHOW DATABASES LIKE 'seekdbtest\_%'` lists what the tests made.
    public static let defaultPrefix = "seekdbtest"

    /// The statement timeout of test database clients (unless the server's configuration sets one).
    static let testQueryTimeout: Duration = .seconds(120)

    /// Creates a database named `<prefix>_<16 random hex digits>` and a client connected to it.
    ///
    /// `CREATE DATABASE` is sent without `IF NOT EXISTS`, so a name already taken is noticed
    /// (and another tried) instead of silently sharing a database. The work runs in a task of
    /// its own: cancelling the caller cannot stop it half-way and leave a database nobody
    /// knows about.
    ///
    /// - Throws: ``SeekDBTestingError`` (bad prefix, no server, three collisions in a row) or
    ///   the server's `SeekDBError`.
    /// - Parameter suffix: makes the part after the prefix; random by default (tests force
    ///   collisions with it).
    func makeDatabase(
        prefix: String, suffix: @escaping @Sendable () -> String = SeekDBTestServer.randomSuffix
    ) async throws -> SeekDBTestDatabase {
        try Self.validate(prefix: prefix)
        let server = try await resolved()
        return try await Task {
            var lastName = prefix
            for _ in 0..<3 {
                let name = "\(prefix)_\(suffix())"
                lastName = name
                var attempts = 0
                do {
                    try await Self.retryingSchemaNotReady {
                        attempts += 1
                        do {
                            _ = try await server.admin.executeText("CREATE DATABASE `\(name)`")
                        } catch let error as SeekDBError where error.serverErrorNumber == 1007 && attempts > 1 {
                            // An earlier attempt answered "schema try again" but created it: ours.
                        }
                    }
                } catch let error as SeekDBError where error.serverErrorNumber == 1007 {  // database exists
                    continue
                }
                var configuration = server.configuration
                configuration.database = name
                // Tests check behaviour, not speed: on a busy CI machine a large write can outlast
                // seekdb's default 10 s statement timeout.
                if configuration.options.queryTimeout == nil { configuration.options.queryTimeout = Self.testQueryTimeout }
                do {
                    let client = try await Self.retryingSchemaNotReady { try await SeekDBClient(configuration: configuration) }
                    return SeekDBTestDatabase(name: name, client: client, configuration: configuration)
                } catch {
                    _ = try? await server.admin.executeText("DROP DATABASE IF EXISTS `\(name)`")
                    throw error
                }
            }
            throw SeekDBTestingError.nameCollision(lastName)
        }.value
    }

    /// Closes the database's client and drops the database, in a task of its own so that a
    /// cancelled test still cleans up.
    ///
    /// - Throws: the server's error if the drop fails.
    func removeDatabase(_ database: SeekDBTestDatabase) async throws {
        let server = try await resolved()
        try await Task {
            await database.client.close()
            try await Self.retryingSchemaNotReady {
                _ = try await server.admin.executeText("DROP DATABASE IF EXISTS `\(database.name)`")
            }
        }.value
    }

    /// Runs `body` again while seekdb answers "schema try again" (5627) or "try again" (4023):
    /// it is still applying another session's schema change and did nothing. Test databases are
    /// created and dropped while every other test changes the schema too, and statements sent
    /// as raw SQL are not retried by the client's policy. Gives up after 60 s.
    static func retryingSchemaNotReady<R>(_ body: () async throws -> R) async throws -> R {
        let giveUp = ContinuousClock.now + .seconds(60)
        var pause = Duration.milliseconds(100)
        while true {
            do {
                return try await body()
            } catch let error as SeekDBError where [5627, 4023].contains(error.serverErrorNumber) && ContinuousClock.now + pause < giveUp {
                try await Task.sleep(for: pause)
                pause = min(pause * 2, .seconds(1))
            }
        }
    }

    /// 16 random hex digits.
    @Sendable static func randomSuffix() -> String {
        String(UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased())
    }

    static func validate(prefix: String) throws(SeekDBTestingError) {
        guard !prefix.isEmpty, prefix.utf8.count <= 40,
            prefix.utf8.allSatisfy({ ($0 >= 48 && $0 <= 57) || ($0 >= 65 && $0 <= 90) || ($0 >= 97 && $0 <= 122) || $0 == 95 })
        else {
            throw .invalidPrefix(prefix)
        }
    }
}
