public import SeekDB

/// The database a test runs in: created for the test, dropped after it.
///
/// Inside a test with the `.seekdbDatabase` trait (or inside ``withSeekDBDatabase(prefix:server:_:)``)
/// ``current`` is that test's database; its ``client`` is connected to it and closed when the
/// test ends.
///
/// ```swift
/// @Test(.seekdbDatabase) func addsNotes() async throws {
///     let client = try SeekDBTestDatabase.current.client
///     let notes = try await client.createCollection(name: "notes", configuration: .init(dimension: 3),
///                                                   embeddingFunction: nil)
///     // …
/// }
/// ```
public struct SeekDBTestDatabase: Sendable {
    /// The database's name: the prefix, an underscore and 16 random hex digits
    /// (`seekdbtest_3f9c0a…`).
    public let name: String
    /// A client connected to this database; closed by the scope that created it.
    public let client: SeekDBClient
    /// How ``client`` connects; use it to open more clients on the same database (close them
    /// yourself before the test ends).
    public let configuration: SeekDBClient.Configuration

    /// The database of the innermost scope around the running task.
    @TaskLocal static var scoped: SeekDBTestDatabase?

    /// The running test's database.
    ///
    /// - Throws: ``SeekDBTestingError/noDatabaseInScope`` outside a test database's scope (the
    ///   test lacks the `.seekdbDatabase` trait, or the code runs in a detached task).
    public static var current: SeekDBTestDatabase {
        get throws(SeekDBTestingError) {
            guard let scoped else { throw .noDatabaseInScope }
            return scoped
        }
    }

    /// Whether the running task is inside a test database's scope.
    public static var isAvailable: Bool { scoped != nil }
}
