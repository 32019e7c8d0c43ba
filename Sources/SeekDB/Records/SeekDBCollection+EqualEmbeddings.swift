import Logging
import SeekDBDriver

/// ``EqualEmbeddingPolicy/skip``: given embeddings equal to the stored ones are left out of the
/// write. seekdb counts an assignment to a VECTOR column as a change even of the same vector
/// (`UPDATE … SET embedding = embedding` reports the row changed) and rewrites the row, while it
/// leaves an equal document or metadata alone by itself.
extension SeekDBCollection {
    /// Leaves out of `changes` the given embeddings equal to the stored ones, among the records
    /// `included` accepts that exist (their rows, locked, are in `stored`). Returns their
    /// indexes.
    ///
    /// The server compares: it prints vectors with about six significant digits, so a vector
    /// read back could not be compared exactly on this side.
    func dropEqualEmbeddings(
        _ changes: inout RecordChanges, stored rows: [[UInt8]: LockedRecord], included: (Int) -> Bool,
        connection: MariaDBConnection, logger: Logger
    ) async throws -> Set<Int> {
        let candidates = changes.ids.indices.filter {
            changes.embeddings[$0] != nil && included($0) && rows[Array(changes.ids[$0].utf8)] != nil
        }
        guard !candidates.isEmpty else { return [] }
        var indexByID: [[UInt8]: Int] = [:]
        indexByID.reserveCapacity(candidates.count)
        for index in candidates { indexByID[Array(changes.ids[index].utf8)] = index }
        let statements = self.statements
        var equal = Set<Int>()
        let batcher = StatementBatcher(placeholdersPerRow: 2)
        _ = try await batcher.run(candidates) { [changes] index, parameters in
            parameters.append(RecordStatements.idValue(changes.ids[index]))
            parameters.append(.vector(changes.embeddings[index]!))
        } send: { rows, parameters in
            for row in try await connection.execute(statements.equalEmbeddings(rows: rows), parameters, logger: logger).rows {
                if let index = indexByID[row[0].bytesValue ?? []] { equal.insert(index) }
            }
            return true
        }
        for index in equal { changes.embeddings[index] = nil }
        return equal
    }
}

extension RecordChanges {
    /// Whether the call gives any record an embedding (not counting ones still to compute).
    var givesEmbeddings: Bool { embeddings.contains { $0 != nil } }
}
