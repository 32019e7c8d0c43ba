import SeekDB

/// A ``MetadataValue`` as it travels in request and response bodies: any JSON value, with
/// integers kept apart from other numbers so they round-trip exactly.
struct JSONMetadataValue: Codable, Sendable, Hashable {
    /// The SDK's value.
    var value: MetadataValue

    init(_ value: MetadataValue) { self.value = value }

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            value = .null
        } else if let bool = try? container.decode(Bool.self) {
            value = .bool(bool)
        } else if let int = try? container.decode(Int64.self) {
            value = .int(int)
        } else if let double = try? container.decode(Double.self) {
            value = .double(double)
        } else if let string = try? container.decode(String.self) {
            value = .string(string)
        } else if let array = try? container.decode([JSONMetadataValue].self) {
            value = .array(array.map(\.value))
        } else {
            value = .object(try container.decode([String: JSONMetadataValue].self).mapValues(\.value))
        }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch value {
        case .null: try container.encodeNil()
        case .bool(let bool): try container.encode(bool)
        case .int(let int): try container.encode(int)
        case .double(let double): try container.encode(double)
        case .string(let string): try container.encode(string)
        case .array(let array): try container.encode(array.map(JSONMetadataValue.init))
        case .object(let object): try container.encode(object.mapValues(JSONMetadataValue.init))
        }
    }
}

/// A metadata object in a body.
typealias JSONMetadata = [String: JSONMetadataValue]

extension Dictionary where Key == String, Value == JSONMetadataValue {
    /// The SDK's metadata.
    var metadata: Metadata { mapValues(\.value) }

    /// Wraps the SDK's metadata for a response body.
    init(_ metadata: Metadata) { self = metadata.mapValues(JSONMetadataValue.init) }
}
