import Foundation

/// The `Decoder` behind ``MetadataDecoder``: reads a ``MetadataValue`` tree.
struct MetadataValueDecoder: Decoder {
    let value: MetadataValue
    let options: MetadataDecoder
    let codingPath: [any CodingKey]

    var userInfo: [CodingUserInfoKey: Any] { options.userInfo }

    /// `value` as a `T`: scalars by the number rules of ``MetadataScalars``, metadata values as
    /// they are, Foundation's types from the forms ``MetadataEncoder`` writes, anything else
    /// through its `init(from:)`.
    static func decode<T: Decodable>(
        _ type: T.Type, from value: MetadataValue, codingPath: [any CodingKey],
        options: MetadataDecoder
    ) throws -> T {
        if let scalar = try MetadataScalars.decode(type, from: value, codingPath: codingPath) { return scalar }
        // Unwrapped before the cast: a `nil` Any? cast to an optional `T` would succeed as `nil`.
        if let direct = try directValue(type, from: value, codingPath: codingPath, options: options), let typed = direct as? T {
            return typed
        }
        return try T(from: MetadataValueDecoder(value: value, options: options, codingPath: codingPath))
    }

    private static func directValue<T>(
        _ type: T.Type, from value: MetadataValue, codingPath: [any CodingKey],
        options: MetadataDecoder
    ) throws -> Any? {
        if type == MetadataValue.self { return value }
        if type == Date.self { return try options.dateStrategy.decode(value, codingPath: codingPath) }
        if type == Data.self {
            guard case .string(let text) = value else { throw MetadataScalars.mismatch(type, value, codingPath) }
            guard let data = Data(base64Encoded: text) else { throw corrupted("a string that is not Base64", type, codingPath) }
            return data
        }
        if type == URL.self {
            guard case .string(let text) = value else { throw MetadataScalars.mismatch(type, value, codingPath) }
            guard let url = URL(string: text) else { throw corrupted("a string that is not a URL", type, codingPath) }
            return url
        }
        if type == Decimal.self {
            switch value {
            case .int(let integer): return Decimal(integer)
            case .double(let double):
                guard let decimal = Decimal(string: double.description) else {
                    throw corrupted("a number Decimal cannot hold", type, codingPath)
                }
                return decimal
            default: throw MetadataScalars.mismatch(type, value, codingPath)
            }
        }
        return nil
    }

    private static func corrupted(_ what: String, _ type: Any.Type, _ codingPath: [any CodingKey]) -> DecodingError {
        .dataCorrupted(.init(codingPath: codingPath, debugDescription: "expected \(type), found \(what)"))
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case .object(let members) = value else { throw MetadataScalars.mismatch([String: Any].self, value, codingPath) }
        return KeyedDecodingContainer(KeyedContainer<Key>(members: members, options: options, codingPath: codingPath))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case .array(let elements) = value else { throw MetadataScalars.mismatch([Any].self, value, codingPath) }
        return UnkeyedContainer(elements: elements, options: options, codingPath: codingPath)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer { self }
}

extension MetadataValueDecoder: SingleValueDecodingContainer {
    func decodeNil() -> Bool { value == .null }
    func decode(_ type: Bool.Type) throws -> Bool { try read(type) }
    func decode(_ type: String.Type) throws -> String { try read(type) }
    func decode(_ type: Double.Type) throws -> Double { try read(type) }
    func decode(_ type: Float.Type) throws -> Float { try read(type) }
    func decode(_ type: Int.Type) throws -> Int { try read(type) }
    func decode(_ type: Int8.Type) throws -> Int8 { try read(type) }
    func decode(_ type: Int16.Type) throws -> Int16 { try read(type) }
    func decode(_ type: Int32.Type) throws -> Int32 { try read(type) }
    func decode(_ type: Int64.Type) throws -> Int64 { try read(type) }
    func decode(_ type: UInt.Type) throws -> UInt { try read(type) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try read(type) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try read(type) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try read(type) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try read(type) }
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try read(type) }

    private func read<T: Decodable>(_ type: T.Type) throws -> T {
        try Self.decode(type, from: value, codingPath: codingPath, options: options)
    }
}
