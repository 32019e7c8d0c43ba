import Foundation

@testable import SeekDBDriver

/// The vectors the write statements (`UPDATE`s and `INSERT`s) of `body` bound, in the order
/// they were sent: what a write actually stored, whatever the call's result says.
func vectorsWritten(by body: () async throws -> Void) async throws -> [[Float]] {
    let counter = StatementCounter()
    try await StatementTracing.$counter.withValue(counter) { try await body() }
    return counter.executedStatements.filter { $0.sql.hasPrefix("UPDATE") || $0.sql.hasPrefix("INSERT") }
        .flatMap(\.parameters).compactMap { if case .vector(let vector) = $0 { vector } else { nil } }
}
