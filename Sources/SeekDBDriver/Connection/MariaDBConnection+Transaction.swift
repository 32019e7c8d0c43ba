import Logging

/// A `COMMIT` that failed: the server may or may not have applied the transaction (the answer
/// was lost with the connection, or the server refused the commit).
package struct CommitFailed: Error {
    package let error: DriverError
}

extension MariaDBConnection {
    /// Runs `body` inside one transaction on this connection: `START TRANSACTION`, `body`, then
    /// `COMMIT`. When `body` (or `START TRANSACTION`) throws, the transaction is rolled back (not
    /// on a broken connection, whose session the server ends and rolls back itself) and the
    /// error is thrown as is. A failed `COMMIT` is thrown as ``CommitFailed``, since only then is
    /// the outcome unknown.
    package nonisolated func withTransaction<R>(logger: Logger, _ body: () async throws -> R) async throws -> R {
        let result: R
        do {
            _ = try await query("START TRANSACTION", logger: logger)
            result = try await body()
        } catch {
            if !isBroken {
                _ = try? await query("ROLLBACK", logger: logger)
            }
            throw error
        }
        do {
            _ = try await query("COMMIT", logger: logger)
        } catch let error as DriverError {
            throw CommitFailed(error: error)
        }
        return result
    }
}
