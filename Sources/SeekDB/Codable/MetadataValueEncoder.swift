import Foundation

/// The `Encoder` behind ``MetadataEncoder``: `encode(to:)` writes into a tree of ``Node``s
/// (references, because a container may be filled after another one was asked for), which is
/// turned into a ``MetadataValue`` at the end.
struct MetadataValueEncoder: Encoder {
    let node: Node
    let options: MetadataEncoder
    let codingPath: [any CodingKey]

    var userInfo: [CodingUserInfoKey: Any] { options.userInfo }

    /// The metadata form of `value`: scalars, dates and the other special types directly,
    /// anything else through its `encode(to:)`.
    static func value(of value: some Encodable, codingPath: [any CodingKey], options: MetadataEncoder) throws -> MetadataValue {
        if let direct = try directValue(of: value, codingPath: codingPath, options: options) { return direct }
        let node = Node()
        try value.encode(to: MetadataValueEncoder(node: node, options: options, codingPath: codingPath))
        return node.value
    }

    /// Values written without their own `encode(to:)`: the number rules of
    /// ``MetadataScalars``, metadata values as they are, and Foundation's types in the forms
    /// JSON uses for them (their own `Codable` forms are not what a reader of the metadata expects).
    private static func directValue(
        of value: some Encodable, codingPath: [any CodingKey],
        options: MetadataEncoder
    ) throws -> MetadataValue? {
        if let scalar = try MetadataScalars.encode(value, codingPath: codingPath) { return scalar }
        switch value {
        case let metadataValue as MetadataValue: return metadataValue
        case let date as Date: return try options.dateStrategy.encode(date, codingPath: codingPath)
        case let data as Data: return .string(data.base64EncodedString())
        case let url as URL: return .string(url.absoluteString)
        case let decimal as Decimal:
            if let integer = Int64(decimal.description) { return .int(integer) }  // whole and in range
            guard let double = Double(decimal.description), double.isFinite else {
                throw EncodingError.invalidValue(
                    value, .init(codingPath: codingPath, debugDescription: "the decimal is not a finite number"))
            }
            return .double(double)
        default: return nil
        }
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        node.becomeObject()
        return KeyedEncodingContainer(KeyedContainer<Key>(node: node, options: options, codingPath: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        node.becomeArray()
        return UnkeyedContainer(node: node, options: options, codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { self }

    /// One value under construction. A value asked for an object and then for an array (which
    /// no synthesized `encode(to:)` does) keeps the last kind asked for.
    final class Node {
        enum Kind { case empty, value, array, object }
        var kind = Kind.empty
        var scalar = MetadataValue.null
        var elements: [Node] = []
        var members: [String: Node] = [:]

        init() {}
        init(_ value: MetadataValue) {
            kind = .value
            scalar = value
        }

        /// The finished value; one that encoded nothing is an empty object, as in `JSONEncoder`.
        var value: MetadataValue {
            switch kind {
            case .empty: .object([:])
            case .value: scalar
            case .array: .array(elements.map(\.value))
            case .object: .object(members.mapValues(\.value))
            }
        }

        func becomeObject() {
            if kind != .object {
                kind = .object
                members = [:]
            }
        }

        func becomeArray() {
            if kind != .array {
                kind = .array
                elements = []
            }
        }

        func set(_ value: MetadataValue) {
            kind = .value
            scalar = value
        }
    }
}

extension MetadataValueEncoder {
    /// Path component of an array element, as `JSONEncoder` names it.
    struct IndexKey: CodingKey {
        let intValue: Int?
        var stringValue: String { "Index \(intValue ?? 0)" }
        init(_ index: Int) { intValue = index }
        init?(stringValue: String) { nil }
        init?(intValue: Int) { self.intValue = intValue }
    }

    /// The key `superEncoder()` writes under.
    struct SuperKey: CodingKey {
        var stringValue: String { "super" }
        var intValue: Int? { nil }
        init() {}
        init?(stringValue: String) { guard stringValue == "super" else { return nil } }
        init?(intValue: Int) { nil }
    }
}

extension MetadataValueEncoder: SingleValueEncodingContainer, StoringEncodingContainer {
    mutating func encodeNil() throws { node.set(.null) }

    func store(_ value: some Encodable) throws {
        node.set(try Self.value(of: value, codingPath: codingPath, options: options))
    }
}

/// A container whose every `encode` goes through one `store`: the single-value and unkeyed
/// containers, which have the same list of `encode` requirements.
protocol StoringEncodingContainer {
    mutating func store(_ value: some Encodable) throws
}

extension StoringEncodingContainer {
    mutating func encode(_ value: Bool) throws { try store(value) }
    mutating func encode(_ value: String) throws { try store(value) }
    mutating func encode(_ value: Double) throws { try store(value) }
    mutating func encode(_ value: Float) throws { try store(value) }
    mutating func encode(_ value: Int) throws { try store(value) }
    mutating func encode(_ value: Int8) throws { try store(value) }
    mutating func encode(_ value: Int16) throws { try store(value) }
    mutating func encode(_ value: Int32) throws { try store(value) }
    mutating func encode(_ value: Int64) throws { try store(value) }
    mutating func encode(_ value: UInt) throws { try store(value) }
    mutating func encode(_ value: UInt8) throws { try store(value) }
    mutating func encode(_ value: UInt16) throws { try store(value) }
    mutating func encode(_ value: UInt32) throws { try store(value) }
    mutating func encode(_ value: UInt64) throws { try store(value) }
    mutating func encode<T: Encodable>(_ value: T) throws { try store(value) }
}
