import Logging
import SeekDBDriver

/// `returning:` on `update`, `upsert` and `update(where:)`: the records as they are after the
/// write, read on the write's own connection inside its transaction, so no other writer's
/// change can come between the write and what the caller is shown.
extension SeekDBCollection {
    /// Checks the fields `returning:` asks for, before any SQL is sent (the same rules as `get`'s
    /// `include`).
    func checkReturning(_ include: Include?, operation: SeekDBOperation) throws(SeekDBError) {
        guard let include else { return }
        guard include.isSubset(of: Include.all.union(.sparseEmbeddings)) else {
            throw SeekDBError.invalidArgument(
                "\(operation): returning has unknown options (raw value \(include.rawValue)); use .documents, .metadatas, .embeddings, "
                    + ".sparseEmbeddings"
            )
        }
        try checkSparseInclude(include, operation: operation)
    }

    /// The records with these ids, in the order given, with the `include` fields, read on
    /// `connection` (inside the caller's transaction).
    func readBack(_ ids: [String], include: Include, connection: MariaDBConnection, logger: Logger) async throws -> GetResult {
        try await readBack(idValues: ids.map(RecordStatements.idValue), include: include, connection: connection, logger: logger)
    }

    /// The records with these `_id` values (as read from the table, or bound from ids), in that
    /// order, read in chunks of padded id lists.
    func readBack(idValues: [SQLValue], include: Include, connection: MariaDBConnection, logger: Logger) async throws -> GetResult {
        let columns = selectColumns(include)
        var rows: [[SQLValue]] = []
        for chunk in StatementChunker.ids.chunks(count: idValues.count, rowBytes: { idValues[$0].bytesValue?.count ?? 0 }) {
            let values = RecordStatements.padded(Array(idValues[chunk]))
            rows += try await connection.execute(statements.select(columns, ids: values.count), values, logger: logger).rows
        }
        let byID = Dictionary(rows.map { ($0[0].bytesValue ?? [], $0) }, uniquingKeysWith: { first, _ in first })
        return try makeResult(idValues.compactMap { byID[$0.bytesValue ?? []] }, include: include)
    }
}
