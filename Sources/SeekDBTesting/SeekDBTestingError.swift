/// Why SeekDBTesting could not give a test its database: misuse, or no server to run on.
///
/// Each case's ``description`` says what happened and what to do, so a failing test's report is
/// enough to fix it without reading this library's source.
public enum SeekDBTestingError: Error, Sendable, CustomStringConvertible {
    /// ``SeekDBTestDatabase/current`` was read outside a test database's scope: the test (or its
    /// suite) lacks the `.seekdbDatabase` trait, or the code runs in a detached task, which does
    /// not inherit task-local values.
    case noDatabaseInScope
    /// No server to run tests on: neither `SEEKDB_HOST` nor `SEEKDB_SOCKET` is set and a local
    /// seekdb could not be started. The message carries the cause (and the server log's tail).
    case serverUnavailable(String)
    /// The database-name prefix is not 1…40 letters, digits or underscores.
    case invalidPrefix(String)
    /// A fresh database name was taken on the server several times in a row.
    case nameCollision(String)

    /// What went wrong and what to do about it.
    public var description: String {
        switch self {
        case .noDatabaseInScope:
            "SeekDBTestDatabase.current was used outside a test database's scope: add the .seekdbDatabase trait to the test or its suite "
                + "(Swift Testing), or run the code inside withSeekDBDatabase { … } (XCTest); detached tasks do not inherit the database"
        case .serverUnavailable(let reason):
            "SeekDBTesting has no seekdb to run tests on: \(reason)"
        case .invalidPrefix(let prefix):
            "invalid database-name prefix '\(prefix)': use 1 to 40 letters, digits or underscores"
        case .nameCollision(let name):
            "could not create a test database: names like '\(name)' were already taken on the server three times in a row; is another "
                + "program creating databases with the same prefix?"
        }
    }
}
