import CMariaDB

/// Result-column bindings for `mysql_stmt_bind_result`: an 8-byte slot per numeric column and
/// a small inline buffer per text or binary column. Longer values are read with
/// `mysql_stmt_fetch_column` at their exact length.
struct OutputBuffers {
    /// Text and binary values up to this size are read without a second call.
    static let inlineCapacity = 256

    var binds: [MYSQL_BIND]
    private let kinds: [ColumnKind]
    private let buffers: [UnsafeMutableRawPointer]
    private let lengths: UnsafeMutablePointer<UInt>
    private let nulls: UnsafeMutablePointer<CChar>
    private let errors: UnsafeMutablePointer<CChar>

    init(kinds: [ColumnKind]) {
        self.kinds = kinds
        let count = kinds.count
        lengths = .allocate(capacity: max(count, 1))
        lengths.initialize(repeating: 0, count: max(count, 1))
        nulls = .allocate(capacity: max(count, 1))
        nulls.initialize(repeating: 0, count: max(count, 1))
        errors = .allocate(capacity: max(count, 1))
        errors.initialize(repeating: 0, count: max(count, 1))
        var binds = [MYSQL_BIND](repeating: MYSQL_BIND(), count: count)
        var buffers: [UnsafeMutableRawPointer] = []
        for (index, kind) in kinds.enumerated() {
            let capacity = kind.isNumeric ? 8 : OutputBuffers.inlineCapacity
            let buffer = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 8)
            buffers.append(buffer)
            cmariadb_bind_output(&binds[index], buffer, UInt(capacity), lengths + index, nulls + index, errors + index)
            switch kind {
            case .signed: binds[index].buffer_type = MYSQL_TYPE_LONGLONG
            case .unsigned:
                binds[index].buffer_type = MYSQL_TYPE_LONGLONG
                binds[index].is_unsigned = 1
            case .double: binds[index].buffer_type = MYSQL_TYPE_DOUBLE
            case .bytes: binds[index].buffer_type = MYSQL_TYPE_BLOB
            case .string: binds[index].buffer_type = MYSQL_TYPE_STRING
            }
        }
        self.binds = binds
        self.buffers = buffers
    }

    /// The value of `column` in the row just fetched.
    func value(at column: Int, statement: UnsafeMutablePointer<MYSQL_STMT>) throws(DriverError) -> SQLValue {
        if nulls[column] != 0 { return .null }
        let kind = kinds[column]
        switch kind {
        case .signed: return .int(buffers[column].load(as: Int64.self))
        case .unsigned: return .uint(buffers[column].load(as: UInt64.self))
        case .double: return .double(buffers[column].load(as: Double.self))
        case .bytes, .string: break
        }
        let length = Int(lengths[column])
        if length <= OutputBuffers.inlineCapacity {
            return kind.value(fromText: UnsafeRawBufferPointer(start: buffers[column], count: length))
        }
        var bytes = [UInt8](repeating: 0, count: length)
        var readLength: UInt = 0
        let failed = bytes.withUnsafeMutableBytes { raw -> Int32 in
            var bind = MYSQL_BIND()
            cmariadb_bind_output(&bind, raw.baseAddress, UInt(length), &readLength, nil, nil)
            bind.buffer_type = kind == .bytes ? MYSQL_TYPE_BLOB : MYSQL_TYPE_STRING
            return mysql_stmt_fetch_column(statement, &bind, UInt32(column), 0)
        }
        if failed != 0 { throw DriverError.from(statement: statement) }
        return bytes.withUnsafeBytes { kind.value(fromText: $0) }
    }

    func deallocate() {
        for buffer in buffers { buffer.deallocate() }
        lengths.deallocate()
        nulls.deallocate()
        errors.deallocate()
    }
}

extension ColumnKind {
    var isNumeric: Bool {
        switch self {
        case .signed, .unsigned, .double: return true
        case .bytes, .string: return false
        }
    }
}
