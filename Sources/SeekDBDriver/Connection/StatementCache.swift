/// A connection's prepared statements, keyed by SQL text.
typealias StatementCache = LRUCache<PreparedStatement>

extension LRUCache where Value == PreparedStatement {
    /// Below seekdb's limit of 50 open cursors per session (error 5930 "maximum open cursors
    /// exceeded"), with room for statements the caller prepares itself.
    static var statementCapacity: Int { 32 }

    init() { self.init(capacity: Self.statementCapacity) }
}

/// Values keyed by string, at most `capacity` of them, the least recently used evicted first
/// (an evicted prepared statement is closed when its last reference goes).
///
/// The recency order is an array: with a capacity of a few dozen, moving an entry to its end is
/// cheaper than keeping a linked list.
struct LRUCache<Value> {
    let capacity: Int
    private var entries: [String: Value] = [:]
    private var order: [String] = []

    init(capacity: Int) {
        precondition(capacity > 0, "an LRU cache needs room for one entry")
        self.capacity = capacity
    }

    /// The entries, least recently used first.
    var keys: [String] { order }

    /// The value for `key`, which becomes the most recently used.
    mutating func value(for key: String) -> Value? {
        guard let value = entries[key] else { return nil }
        if order.last != key, let index = order.firstIndex(of: key) {
            order.remove(at: index)
            order.append(key)
        }
        return value
    }

    /// Adds `value` as the most recently used, evicting the least recently used entry when full.
    mutating func insert(_ value: Value, for key: String) {
        if entries[key] != nil { remove(key) }
        if entries.count >= capacity, !order.isEmpty {
            entries[order.removeFirst()] = nil
        }
        entries[key] = value
        order.append(key)
    }

    mutating func remove(_ key: String) {
        entries[key] = nil
        order.removeAll { $0 == key }
    }

    mutating func removeAll() {
        entries.removeAll()
        order.removeAll()
    }
}
