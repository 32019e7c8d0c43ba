/// A value sent to the server as a bound parameter, or read back from a result column.
///
/// Values never become part of SQL text: the driver sends them in the binary protocol of a
/// prepared statement.
public enum SQLValue: Sendable, Hashable {
    case null
    case int(Int64)
    case uint(UInt64)
    case double(Double)
    case bool(Bool)
    case string(String)
    case bytes([UInt8])
    /// A vector, sent as little-endian float32 bytes (4 bytes per component). The SQL must
    /// read the parameter as binary (`CAST(? AS BINARY)`), which is how seekdb accepts
    /// binary vectors through a prepared statement.
    case vector([Float])
}

extension SQLValue {
    /// The value as a string: `string` as is, `bytes` decoded as UTF-8, numbers formatted.
    public var stringValue: String? {
        switch self {
        case .string(let s): return s
        case .bytes(let b): return String(decoding: b, as: UTF8.self)
        case .int(let i): return String(i)
        case .uint(let u): return String(u)
        case .double(let d): return String(d)
        case .bool(let b): return b ? "1" : "0"
        case .null, .vector: return nil
        }
    }

    /// The value as a signed integer, parsing text if needed.
    public var intValue: Int64? {
        switch self {
        case .int(let i): return i
        case .uint(let u): return Int64(exactly: u)
        case .double(let d): return Int64(exactly: d)
        case .bool(let b): return b ? 1 : 0
        case .string, .bytes: return stringValue.flatMap { Int64($0) }
        case .null, .vector: return nil
        }
    }

    /// The value as a double, parsing text if needed (DECIMAL columns arrive as text).
    public var doubleValue: Double? {
        switch self {
        case .double(let d): return d
        case .int(let i): return Double(i)
        case .uint(let u): return Double(u)
        case .string, .bytes: return stringValue.flatMap { Double($0) }
        case .bool(let b): return b ? 1 : 0
        case .null, .vector: return nil
        }
    }

    /// The raw bytes of a `bytes` or `string` value.
    public var bytesValue: [UInt8]? {
        switch self {
        case .bytes(let b): return b
        case .string(let s): return Array(s.utf8)
        default: return nil
        }
    }

    /// `true` for SQL NULL.
    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    /// Little-endian float32 bytes of a vector.
    static func littleEndianBytes(of vector: [Float]) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: vector.count * 4)
        bytes.withUnsafeMutableBytes { raw in
            for (i, component) in vector.enumerated() {
                raw.storeBytes(of: component.bitPattern.littleEndian, toByteOffset: i * 4, as: UInt32.self)
            }
        }
        return bytes
    }
}

extension SQLValue: CustomStringConvertible {
    /// A short form for logs that never prints the content of strings, bytes or vectors.
    public var description: String {
        switch self {
        case .null: return "NULL"
        case .int, .uint, .double, .bool: return "<number>"
        case .string(let s): return "<string \(s.utf8.count) bytes>"
        case .bytes(let b): return "<bytes \(b.count)>"
        case .vector(let v): return "<vector \(v.count)>"
        }
    }
}
