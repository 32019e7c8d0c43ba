import CMariaDB

/// The `MYSQL_BIND` array and the memory behind it for one execution's parameters.
/// The memory must outlive `mysql_stmt_execute`; ``deallocate()`` frees it afterwards.
struct ParameterBuffers {
    var binds: [MYSQL_BIND]
    private var allocations: [UnsafeMutableRawPointer] = []

    init(_ parameters: [SQLValue]) {
        binds = [MYSQL_BIND](repeating: MYSQL_BIND(), count: parameters.count)
        for (index, parameter) in parameters.enumerated() {
            switch parameter {
            case .null:
                bind(index, type: MYSQL_TYPE_NULL, buffer: nil, length: 0)
            case .int(let value):
                bindFixed(index, value, type: MYSQL_TYPE_LONGLONG, unsigned: false)
            case .uint(let value):
                bindFixed(index, value, type: MYSQL_TYPE_LONGLONG, unsigned: true)
            case .bool(let value):
                bindFixed(index, Int64(value ? 1 : 0), type: MYSQL_TYPE_LONGLONG, unsigned: false)
            case .double(let value):
                bindFixed(index, value, type: MYSQL_TYPE_DOUBLE, unsigned: false)
            case .string(let value):
                var utf8 = Array(value.utf8)
                bindBytes(index, &utf8, type: MYSQL_TYPE_STRING)
            case .bytes(var bytes):
                bindBytes(index, &bytes, type: MYSQL_TYPE_BLOB)
            case .vector(let vector):
                var bytes = SQLValue.littleEndianBytes(of: vector)
                bindBytes(index, &bytes, type: MYSQL_TYPE_BLOB)
            }
        }
    }

    private mutating func bind(
        _ index: Int, type: enum_field_types, buffer: UnsafeMutableRawPointer?, length: Int,
        unsigned: Bool = false
    ) {
        cmariadb_bind_input(&binds[index], type, buffer, UInt(length), nil, unsigned ? 1 : 0)
    }

    private mutating func bindFixed<T>(_ index: Int, _ value: T, type: enum_field_types, unsigned: Bool) {
        let memory = UnsafeMutableRawPointer.allocate(byteCount: MemoryLayout<T>.size, alignment: MemoryLayout<T>.alignment)
        memory.storeBytes(of: value, as: T.self)
        allocations.append(memory)
        bind(index, type: type, buffer: memory, length: MemoryLayout<T>.size, unsigned: unsigned)
    }

    private mutating func bindBytes(_ index: Int, _ bytes: inout [UInt8], type: enum_field_types) {
        let memory = UnsafeMutableRawPointer.allocate(byteCount: max(bytes.count, 1), alignment: 1)
        bytes.withUnsafeBytes { memory.copyMemory(from: $0.baseAddress!, byteCount: $0.count) }
        allocations.append(memory)
        bind(index, type: type, buffer: memory, length: bytes.count)
    }

    func deallocate() {
        for memory in allocations { memory.deallocate() }
    }
}
