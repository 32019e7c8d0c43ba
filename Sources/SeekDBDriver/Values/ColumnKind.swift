import CMariaDB

/// How a result column is turned into a ``SQLValue``, decided from its field metadata.
enum ColumnKind {
    case signed
    case unsigned
    case double
    case bytes
    case string

    /// Charset number 63 is `binary`: such columns (VARBINARY, BLOB, BINARY) hold bytes.
    static let binaryCharset: UInt32 = 63

    init(field: MYSQL_FIELD) {
        let isUnsigned = (field.flags & UInt32(UNSIGNED_FLAG)) != 0
        switch field.type {
        case MYSQL_TYPE_TINY, MYSQL_TYPE_SHORT, MYSQL_TYPE_LONG, MYSQL_TYPE_LONGLONG, MYSQL_TYPE_INT24, MYSQL_TYPE_YEAR:
            self = isUnsigned ? .unsigned : .signed
        case MYSQL_TYPE_FLOAT, MYSQL_TYPE_DOUBLE:
            self = .double
        case MYSQL_TYPE_STRING, MYSQL_TYPE_VAR_STRING, MYSQL_TYPE_VARCHAR, MYSQL_TYPE_BLOB, MYSQL_TYPE_TINY_BLOB,
            MYSQL_TYPE_MEDIUM_BLOB, MYSQL_TYPE_LONG_BLOB, MYSQL_TYPE_BIT, MYSQL_TYPE_GEOMETRY:
            self = field.charsetnr == ColumnKind.binaryCharset ? .bytes : .string
        default:
            // DECIMAL, dates and times, JSON, VECTOR (sent as text) and anything newer.
            self = .string
        }
    }

    /// Converts the text form of a value (text protocol, or a string-bound column).
    func value(fromText bytes: UnsafeRawBufferPointer) -> SQLValue {
        switch self {
        case .bytes:
            return .bytes(Array(bytes))
        case .string:
            return .string(String(decoding: bytes, as: UTF8.self))
        case .signed:
            let text = String(decoding: bytes, as: UTF8.self)
            return Int64(text).map(SQLValue.int) ?? .string(text)
        case .unsigned:
            let text = String(decoding: bytes, as: UTF8.self)
            return UInt64(text).map(SQLValue.uint) ?? .string(text)
        case .double:
            let text = String(decoding: bytes, as: UTF8.self)
            return Double(text).map(SQLValue.double) ?? .string(text)
        }
    }
}
