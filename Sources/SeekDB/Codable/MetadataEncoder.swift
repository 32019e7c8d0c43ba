/// Turns any `Encodable` value into metadata, as `JSONEncoder` turns it into JSON, keeping the
/// SDK's number rules: integers exact to 64 bits, doubles bit for bit, no NaN or infinity.
///
/// ```swift
/// struct Book: Codable { var title: String; var year: Int; var tags: [String]; var added: Date }
/// let metadata = try MetadataEncoder().encode(Book(title: "Dune", year: 1965, tags: ["sf"], added: .now))
/// // ["title": "Dune", "year": 1965, "tags": ["sf"], "added": "2026-11-21T09:30:00.250Z"]
/// ```
///
/// What each Swift value becomes:
/// - `Bool`, `String`: themselves. Integers of any width: a 64-bit integer (an unsigned value
///   above `Int64.max` is an error). `Double`: itself. `Float`: the double of its shortest
///   decimal form (`0.1`).
/// - `Date`: per ``dateStrategy`` (an ISO 8601 string to the millisecond by default).
///   `Data`: a Base64 string. `URL`: its absolute string. `Decimal`: a number (an integer when
///   it is whole and fits in 64 bits, otherwise the nearest double). `UUID`: its string.
/// - `nil` optionals: left out of the object (as `JSONEncoder` does); encode `nil` explicitly
///   in a custom `encode(to:)` to store `null`. ``MetadataValue`` and ``Metadata``: as they are.
/// - Structs, classes and dictionaries: objects; arrays and sets: arrays.
public struct MetadataEncoder: Sendable {
    /// How dates are written. Default ``MetadataDateStrategy/iso8601``.
    public var dateStrategy: MetadataDateStrategy
    /// Values for the types' `encode(to:)` to read through `encoder.userInfo`.
    public var userInfo: [CodingUserInfoKey: any Sendable]

    /// An encoder with the given options.
    public init(dateStrategy: MetadataDateStrategy = .iso8601, userInfo: [CodingUserInfoKey: any Sendable] = [:]) {
        self.dateStrategy = dateStrategy
        self.userInfo = userInfo
    }

    /// The metadata object `value` encodes to.
    ///
    /// - Throws: `EncodingError.invalidValue` when `value` does not encode to an object (a
    ///   number or an array cannot be a record's metadata), for NaN or infinity, for an
    ///   integer outside `Int64`'s range and for a date the ``dateStrategy`` cannot write;
    ///   whatever the value's own `encode(to:)` throws.
    public func encode(_ value: some Encodable) throws -> Metadata {
        guard let metadata = try encodeObjectOrNull(value) else { throw Self.notAnObject(value) }
        return metadata
    }

    /// The metadata object `value` encodes to, or `nil` when it encodes to `null` (a `nil`
    /// optional): for lists where `nil` means "no metadata" or "leave it as it is".
    func encodeObjectOrNull(_ value: some Encodable) throws -> Metadata? {
        if let metadata = value as? Metadata { return metadata }
        switch try encodeValue(value) {
        case .object(let members): return members
        case .null: return nil
        default: throw Self.notAnObject(value)
        }
    }

    private static func notAnObject(_ value: some Encodable) -> EncodingError {
        .invalidValue(
            value,
            .init(
                codingPath: [],
                debugDescription:
                    "metadata must be an object (a struct, class or dictionary); \(type(of: value)) encodes to another kind of value"))
    }

    /// The metadata value (of any kind) `value` encodes to; for a field of a metadata object.
    ///
    /// - Throws: as ``encode(_:)``, except that any kind of value is accepted.
    public func encodeValue(_ value: some Encodable) throws -> MetadataValue {
        try MetadataValueEncoder.value(of: value, codingPath: [], options: self)
    }
}
