import SeekDBDriver

/// Fills batched write statements record by record and sends each one as soon as it is full,
/// so a call holds the bound values of one statement at a time, never those of the whole call
/// (metadata is encoded to JSON here, just before its statement, not up front).
///
/// A statement ends before the record that would pass one of ``StatementChunker``'s limits:
/// rows per statement, 65,535 placeholders, or 4 MiB of bound values.
struct StatementBatcher {
    /// Values each record binds.
    let placeholdersPerRow: Int
    var maximumRows = StatementChunker.maximumRows

    /// Sends `records` in as few statements as the limits allow.
    ///
    /// - Parameters:
    ///   - records: record indexes, in the order they go out.
    ///   - appendRow: appends the `placeholdersPerRow` values of one record.
    ///   - send: runs one statement of `rows` records bound to `parameters`; returning `false`
    ///     stops the run there.
    /// - Returns: `false` when a `send` returned `false`, else `true`.
    func run(
        _ records: some Sequence<Int>,
        appendRow: (_ index: Int, _ parameters: inout [SQLValue]) throws -> Void,
        send: (_ rows: Int, _ parameters: [SQLValue]) async throws -> Bool
    ) async throws -> Bool {
        let chunker = StatementChunker(placeholdersPerRow: placeholdersPerRow, maximumRows: maximumRows)
        var parameters: [SQLValue] = []
        var rows = 0
        var bytes = 0
        for index in records {
            let start = parameters.count
            try appendRow(index, &parameters)
            let size = parameters[start...].reduce(0) { $0 + $1.boundByteCount }
            if chunker.startsNewStatement(afterRows: rows, bytes: bytes, adding: size) {
                let next = Array(parameters[start...])
                parameters.removeSubrange(start...)
                guard try await send(rows, parameters) else { return false }
                parameters = next
                rows = 0
                bytes = 0
            }
            rows += 1
            bytes += size
        }
        return rows == 0 ? true : try await send(rows, parameters)
    }
}

extension SQLValue {
    /// Bytes this value puts into a statement's bound data (an estimate for small scalars).
    var boundByteCount: Int {
        switch self {
        case .string(let text): text.utf8.count
        case .bytes(let bytes): bytes.count
        case .vector(let vector): vector.count * MemoryLayout<Float>.size
        default: 8
        }
    }
}
