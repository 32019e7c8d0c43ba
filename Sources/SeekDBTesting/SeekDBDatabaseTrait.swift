public import Testing

/// Gives a test, or a whole suite, a database of its own (Swift Testing).
///
/// ```swift
/// @Test(.seekdbDatabase) func storesNotes() async throws {
///     let client = try SeekDBTestDatabase.current.client
///     // …
/// }
///
/// @Suite(.seekdbDatabase) struct NotesTests { … }   // one database shared by the suite's tests
/// ```
///
/// On a test, each run — and each argument of a parameterized test — gets a new database; on a
/// suite, its tests share one database made before the first and dropped after the last. The
/// database is dropped also when the test fails, throws or is cancelled. See
/// ``withSeekDBDatabase(prefix:server:_:)`` for what happens and ``SeekDBTestServer`` for where
/// the server comes from.
public struct SeekDBDatabaseTrait: TestTrait, SuiteTrait, TestScoping {
    /// The start of the database's name.
    public var prefix: String
    /// Where the database is made.
    public var server: SeekDBTestServer

    /// `false`: on a suite, the suite's tests share the suite's database.
    public var isRecursive: Bool { false }

    /// Runs the test (or the suite's tests) inside ``withSeekDBDatabase(prefix:server:_:)``.
    @concurrent public func provideScope(
        for test: Test, testCase: Test.Case?,
        performing function: @concurrent @Sendable () async throws -> Void
    ) async throws {
        try await withSeekDBDatabase(prefix: prefix, server: server) { _ in try await function() }
    }
}

extension Trait where Self == SeekDBDatabaseTrait {
    /// A database of its own for the test or suite, on ``SeekDBTestServer/shared``, named
    /// `seekdbtest_<16 hex digits>`.
    public static var seekdbDatabase: Self {
        SeekDBDatabaseTrait(prefix: SeekDBTestServer.defaultPrefix, server: .shared)
    }

    /// A database of its own for the test or suite.
    ///
    /// - Parameters:
    ///   - prefix: the start of the database's name (1…40 letters, digits or underscores).
    ///   - server: where the database is made.
    public static func seekdbDatabase(
        prefix: String = SeekDBTestServer.defaultPrefix,
        server: SeekDBTestServer = .shared
    ) -> Self {
        SeekDBDatabaseTrait(prefix: prefix, server: server)
    }
}
