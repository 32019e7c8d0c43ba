/// A record's metadata: a JSON object, stored in the collection's `metadata` JSON column.
///
/// Keys are Swift strings, so two canonically equivalent spellings (`"é"` and `"e\u{301}"`) are
/// one key here, while the server's JSON keeps them apart as different bytes: spell each key one
/// way (NFC is the usual choice). A stored object that has both spellings (written by another
/// client) reads back with one of them.
public typealias Metadata = [String: MetadataValue]

/// One metadata value: anything JSON can hold, with integers kept apart from doubles so values
/// round-trip exactly.
///
/// Literals work directly: `["chapter": 3, "title": "Intro", "score": 9.5, "tags": ["a", "b"], "draft": nil]`.
public enum MetadataValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case int(Int64)
    case double(Double)
    case string(String)
    case array([MetadataValue])
    case object([String: MetadataValue])
}

extension MetadataValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral,
    ExpressibleByBooleanLiteral, ExpressibleByNilLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int64) { self = .int(value) }
    public init(floatLiteral value: Double) { self = .double(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(nilLiteral: ()) { self = .null }
    public init(arrayLiteral elements: MetadataValue...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, MetadataValue)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
}

extension MetadataValue {
    /// The string, if this is a string.
    public var stringValue: String? { if case .string(let s) = self { s } else { nil } }
    /// The integer, if this is an integer.
    public var intValue: Int64? { if case .int(let i) = self { i } else { nil } }
    /// The number as a double, if this is an integer or a double.
    public var doubleValue: Double? {
        switch self {
        case .int(let i): Double(i)
        case .double(let d): d
        default: nil
        }
    }
    /// The boolean, if this is a boolean.
    public var boolValue: Bool? { if case .bool(let b) = self { b } else { nil } }

    init(_ json: JSONValue) {
        switch json {
        case .null: self = .null
        case .bool(let b): self = .bool(b)
        case .int(let i): self = .int(i)
        case .double(let d): self = .double(d)
        case .string(let s): self = .string(s)
        case .array(let a): self = .array(a.map(MetadataValue.init))
        case .object(let o): self = .object(Dictionary(o.map { ($0.key, MetadataValue($0.value)) }, uniquingKeysWith: { _, last in last }))
        }
    }

    var json: JSONValue {
        switch self {
        case .null: .null
        case .bool(let b): .bool(b)
        case .int(let i): .int(i)
        case .double(let d): .double(d)
        case .string(let s): .string(s)
        case .array(let a): .array(a.map(\.json))
        case .object(let o): .object(o.sorted { $0.key < $1.key }.map { ($0.key, $0.value.json) })
        }
    }
}

extension MetadataValue {
    /// Whether a NaN or an infinity is anywhere in this value.
    var containsNonFinite: Bool {
        switch self {
        case .double(let d): !d.isFinite
        case .array(let elements): elements.contains(where: \.containsNonFinite)
        case .object(let members): members.values.contains(where: \.containsNonFinite)
        default: false
        }
    }
}

extension MetadataValue: CustomStringConvertible {
    /// The value as JSON text (non-finite doubles, which JSON cannot hold, print as `null`).
    public var description: String { (try? JSONWriter.string(json)) ?? "null" }
}
