/// Splits a batch of rows into statements that the server accepts: under
/// `max_allowed_packet` (16 MiB on seekdb; we stay well below) and under the protocol's
/// 65,535 placeholders.
struct StatementChunker {
    static let maximumPlaceholders = 65_535
    /// Bytes of bound values per statement. Well under the 16 MiB packet limit.
    static let maximumBytes = 4 * 1024 * 1024
    /// Rows per statement: large enough to amortise round trips, small enough to keep memory flat.
    static let maximumRows = 500
    /// Rows per statement when a row is only an id (`DELETE`/`SELECT … WHERE _id IN (…)`):
    /// small rows, so more of them; 1,000 ids in one statement instead of two saves a round trip.
    static let maximumIDRows = 5_000

    let placeholdersPerRow: Int
    var maximumRows = StatementChunker.maximumRows

    /// A chunker for rows of ids only.
    static var ids: StatementChunker { StatementChunker(placeholdersPerRow: 1, maximumRows: maximumIDRows) }

    /// Rows one statement may carry: the row limit, or fewer when the rows' placeholders would
    /// pass 65,535.
    var rowLimit: Int {
        min(maximumRows, max(1, StatementChunker.maximumPlaceholders / max(1, placeholdersPerRow)))
    }

    /// Whether a row of `size` bound bytes must start a new statement, after `rows` rows of
    /// `bytes` bytes: the one limit test every batching of statements uses.
    func startsNewStatement(afterRows rows: Int, bytes: Int, adding size: Int) -> Bool {
        rows > 0 && (rows >= rowLimit || bytes + size > StatementChunker.maximumBytes)
    }

    /// Ranges of row indexes, each small enough for one statement. `rowBytes(i)` estimates
    /// the bound bytes of row `i`.
    func chunks(count: Int, rowBytes: (Int) -> Int) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var start = 0
        var bytes = 0
        for index in 0..<count {
            let size = rowBytes(index)
            if startsNewStatement(afterRows: index - start, bytes: bytes, adding: size) {
                ranges.append(start..<index)
                start = index
                bytes = 0
            }
            bytes += size
        }
        if start < count { ranges.append(start..<count) }
        return ranges
    }

    /// `(?, ?, ?), (?, ?, ?)` style row groups: `row` is the text of one row's placeholders.
    static func repeated(_ row: String, count: Int, separator: String = ", ") -> String {
        Array(repeating: row, count: count).joined(separator: separator)
    }
}
