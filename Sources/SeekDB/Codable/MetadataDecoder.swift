/// Reads metadata into any `Decodable` type, as `JSONDecoder` reads JSON, with the SDK's
/// number rules: integers are exact (a value that does not fit the type is an error, never
/// wrapped or rounded), a `Double` reads back bit for bit, an integer is read as a `Double`
/// only when it is exactly representable.
///
/// ```swift
/// let result = try await books.get(ids: ["dune"])
/// let book = try MetadataDecoder().decode(Book.self, from: result.metadatas?[0] ?? [:])
/// // or, for every record: try result.metadatas(as: Book.self)
/// ```
///
/// Dates are read per ``dateStrategy``; `Data` from a Base64 string, `URL` from a string,
/// `Decimal` from a number; optionals are `nil` for a missing key or `null`. Keys the type
/// does not know are ignored, so metadata written by other programs with extra keys decodes.
public struct MetadataDecoder: Sendable {
    /// How dates are read. Default ``MetadataDateStrategy/iso8601``.
    public var dateStrategy: MetadataDateStrategy
    /// Values for the types' `init(from:)` to read through `decoder.userInfo`.
    public var userInfo: [CodingUserInfoKey: any Sendable]

    /// A decoder with the given options.
    public init(dateStrategy: MetadataDateStrategy = .iso8601, userInfo: [CodingUserInfoKey: any Sendable] = [:]) {
        self.dateStrategy = dateStrategy
        self.userInfo = userInfo
    }

    /// Decodes a record's metadata object as a `T`.
    /// - Throws: `DecodingError` (the value's coding path says where), or whatever `T`'s
    ///   `init(from:)` throws.
    public func decode<T: Decodable>(_ type: T.Type, from metadata: Metadata) throws -> T {
        try decode(type, from: .object(metadata))
    }

    /// Decodes any metadata value as a `T`.
    /// - Throws: `DecodingError`, or whatever `T`'s `init(from:)` throws.
    public func decode<T: Decodable>(_ type: T.Type, from value: MetadataValue) throws -> T {
        try MetadataValueDecoder.decode(type, from: value, codingPath: [], options: self)
    }
}
