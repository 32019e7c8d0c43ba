/// ``MetadataValue`` (and so ``Metadata``) reads and writes itself as the JSON value it is, so
/// request and response bodies can carry metadata as they are: a server decoding a body with
/// `JSONDecoder` gets ``Metadata`` directly, and a struct of a program's own can hold a
/// `Metadata` field.
///
/// Through ``MetadataEncoder`` and ``MetadataDecoder`` a value is kept exactly. Through
/// Foundation's `JSONEncoder` / `JSONDecoder` integers and doubles keep their values, but a
/// whole double loses its kind: `JSONEncoder` writes `3.0` as `3`, and `JSONDecoder` hands `3.0`
/// to an integer, so it comes back as ``MetadataValue/int(_:)``.
extension MetadataValue: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let bool = try? container.decode(Bool.self) {
            self = .bool(bool)
        } else if let integer = try? container.decode(Int64.self) {
            self = .int(integer)
        } else if let double = try? container.decode(Double.self) {
            self = .double(double)
        } else if let string = try? container.decode(String.self) {
            self = .string(string)
        } else if let array = try? container.decode([MetadataValue].self) {
            self = .array(array)
        } else if let object = try? container.decode([String: MetadataValue].self) {
            self = .object(object)
        } else {
            throw DecodingError.dataCorrupted(
                .init(
                    codingPath: decoder.codingPath,
                    debugDescription: "expected a JSON value (null, boolean, number, string, array or object)"))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let bool): try container.encode(bool)
        case .int(let integer): try container.encode(integer)
        case .double(let double): try container.encode(double)
        case .string(let string): try container.encode(string)
        case .array(let elements): try container.encode(elements)
        case .object(let members): try container.encode(members)
        }
    }
}
