import Logging
import SeekDBDriver

/// Values a write would store again unchanged. seekdb counts an assignment to a VECTOR column
/// as a change even when the vector is the same (measured: `UPDATE … SET embedding = embedding`
/// reports the row changed), so it rewrites the row and its vector index entries; an equal
/// document or metadata it already leaves alone. The SDK therefore finds given embeddings
/// equal to the stored ones and leaves them out of the write.
extension SeekDBCollection {
    /// The indexes among `candidates` (records given an embedding) whose embedding equals the
    /// stored one, compared by the server in batched statements. The rows must already be
    /// locked by the caller's transaction.
    func equalStoredEmbeddings(_ changes: RecordChanges, among candidates: [Int], connection: MariaDBConnection,
                               logger: Logger) async throws -> Set<Int> {
        guard !candidates.isEmpty else { return [] }
        var indexByID: [[UInt8]: Int] = [:]
        indexByID.reserveCapacity(candidates.count)
        for index in candidates { indexByID[Array(changes.ids[index].utf8)] = index }
        let sorted = candidates.sorted { changes.ids[$0].utf8.lexicographicallyPrecedes(changes.ids[$1].utf8) }
        let statements = self.statements
        var equal = Set<Int>()
        _ = try await StatementBatcher(placeholdersPerRow: 2, maximumRows: StatementChunker.maximumSelectRows).run(sorted) { index, parameters in
            parameters.append(RecordStatements.idValue(changes.ids[index]))
            parameters.append(.vector(changes.embeddings[index]!))
        } send: { rows, parameters in
            for row in try await connection.execute(statements.equalEmbeddings(rows: rows), parameters, logger: logger).rows {
                if let index = indexByID[row[0].bytesValue ?? []] { equal.insert(index) }
            }
            return true
        }
        return equal
    }
}

extension RecordChanges {
    /// Leaves the embeddings of `indexes` out of the write (they equal the stored ones).
    mutating func keepStoredEmbeddings(_ indexes: Set<Int>) {
        for index in indexes { embeddings[index] = nil }
    }

    /// Whether the call gives any record an embedding (not counting ones still to compute).
    var givesEmbeddings: Bool { embeddings.contains { $0 != nil } }
}
