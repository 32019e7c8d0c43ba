/// Prepared statements of one connection, keyed by SQL text, least recently used evicted first.
struct StatementCache {
    /// Below seekdb's limit of 50 open cursors per session (error 5930 "maximum open cursors
    /// exceeded"), with room for statements the caller prepares itself.
    static let capacity = 32

    private var entries: [String: PreparedStatement] = [:]
    private var order: [String] = []

    mutating func statement(for sql: String) -> PreparedStatement? {
        guard let statement = entries[sql] else { return nil }
        if order.last != sql, let index = order.firstIndex(of: sql) {
            order.remove(at: index)
            order.append(sql)
        }
        return statement
    }

    mutating func insert(_ statement: PreparedStatement, for sql: String) {
        if entries.count >= StatementCache.capacity, !order.isEmpty {
            entries[order.removeFirst()] = nil
        }
        entries[sql] = statement
        order.append(sql)
    }

    mutating func remove(_ sql: String) {
        entries[sql] = nil
        order.removeAll { $0 == sql }
    }

    mutating func removeAll() {
        entries.removeAll()
        order.removeAll()
    }
}
