/// Runs `body` in a database of its own: the scope behind the `.seekdbDatabase` trait, for
/// XCTest and for code outside a test function.
///
/// Creates a database with a unique name on `server`, connects a client to it, runs `body` with
/// ``SeekDBTestDatabase/current`` set to it, then closes the client and drops the database — also
/// when `body` throws or the task is cancelled.
///
/// ```swift
/// final class NotesTests: XCTestCase {
///     func testAdd() async throws {
///         try await withSeekDBDatabase { database in
///             let notes = try await database.client.createCollection(
///                 name: "notes", configuration: .init(dimension: 3), embeddingFunction: nil)
///             // …
///         }
///     }
/// }
/// ```
///
/// - Parameters:
///   - prefix: the start of the database's name (1…40 letters, digits or underscores); the name
///     is `<prefix>_<16 random hex digits>`. Default ``SeekDBTestServer/defaultPrefix``.
///   - server: where the database is made. Default ``SeekDBTestServer/shared`` (the `SEEKDB_*`
///     environment, else a local server for the process).
///   - body: the test code.
/// - Returns: what `body` returns.
/// - Throws: what `body` throws (a failure to drop the database afterwards is then not
///   reported); otherwise ``SeekDBTestingError`` or the server's error when the database cannot
///   be made, or dropping it fails.
public func withSeekDBDatabase<R>(
    prefix: String = SeekDBTestServer.defaultPrefix, server: SeekDBTestServer = .shared,
    _ body: (SeekDBTestDatabase) async throws -> R
) async throws -> R {
    let database = try await server.makeDatabase(prefix: prefix)
    let result: R
    do {
        result = try await SeekDBTestDatabase.$scoped.withValue(database) { try await body(database) }
    } catch {
        try? await server.removeDatabase(database)
        throw error
    }
    try await server.removeDatabase(database)
    return result
}
