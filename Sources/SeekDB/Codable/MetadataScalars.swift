/// The SDK's number rules for `Codable` metadata, in one place:
///
/// - Integers of any width are stored as 64-bit integers and read back exactly; an unsigned
///   value above `Int64.max` cannot be stored exactly and is an error, as is reading a value
///   into a type it does not fit.
/// - `Double` is stored as is and read back bit for bit (the JSON text is the shortest form
///   that round-trips). An integer is read as a `Double` only when it is exactly representable.
/// - `Float` is stored as the double of its shortest decimal form (`Float(0.1)` is stored as
///   `0.1`, so filters on `0.1` match it) whenever that reads back as the same `Float`.
/// - NaN and infinities are errors: JSON cannot store them.
/// - Booleans and strings are stored as themselves; no value is converted to another type.
enum MetadataScalars {
    /// The metadata form of `value` when it is a boolean, string, integer or floating-point
    /// number; `nil` for any other type.
    static func encode(_ value: some Encodable, codingPath: [any CodingKey]) throws -> MetadataValue? {
        switch value {
        case let bool as Bool: return .bool(bool)
        case let string as String: return .string(string)
        case let integer as any BinaryInteger:
            guard let exact = Int64(exactly: integer) else {
                throw EncodingError.invalidValue(
                    value,
                    .init(
                        codingPath: codingPath,
                        debugDescription: "an integer outside Int64's range cannot be stored exactly"))
            }
            return .int(exact)
        case let float as Float:
            try checkFinite(float.isFinite, value, codingPath)
            // The shortest decimal form, when it reads back as the same Float (it does for
            // every value tested), else the exact widening.
            if let shortest = Double(float.description), Float(shortest) == float { return .double(shortest) }
            return .double(Double(float))
        case let double as Double:
            try checkFinite(double.isFinite, value, codingPath)
            return .double(double)
        case let floatingPoint as any BinaryFloatingPoint:
            let double = Double(floatingPoint)
            try checkFinite(double.isFinite, value, codingPath)
            return .double(double)
        default:
            return nil
        }
    }

    private static func checkFinite(_ isFinite: Bool, _ value: some Encodable, _ codingPath: [any CodingKey]) throws {
        guard isFinite else {
            throw EncodingError.invalidValue(
                value,
                .init(
                    codingPath: codingPath,
                    debugDescription: "NaN or infinity cannot be stored: JSON has no such numbers"))
        }
    }

    /// `value` as a `T` when `T` is a boolean, string, integer or floating-point type; `nil`
    /// for any other type.
    /// - Throws: `DecodingError` when the value is null, of another kind, or does not fit.
    static func decode<T>(_ type: T.Type, from value: MetadataValue, codingPath: [any CodingKey]) throws -> T? {
        if type == Bool.self {
            guard case .bool(let bool) = value else { throw mismatch(type, value, codingPath) }
            return bool as? T
        }
        if type == String.self {
            guard case .string(let string) = value else { throw mismatch(type, value, codingPath) }
            return string as? T
        }
        if let integerType = type as? any FixedWidthInteger.Type {
            return try integer(integerType, from: value, codingPath: codingPath) as? T
        }
        if type == Double.self {
            switch value {
            case .double(let double): return double as? T
            case .int(let integer):
                guard let exact = Double(exactly: integer) else {
                    throw corrupted("an integer that a Double cannot hold exactly", type, codingPath)
                }
                return exact as? T
            default: throw mismatch(type, value, codingPath)
            }
        }
        if let floatingType = type as? any BinaryFloatingPoint.Type {
            return try floatingPoint(floatingType, from: value, codingPath: codingPath) as? T
        }
        return nil
    }

    private static func integer<I: FixedWidthInteger>(
        _ type: I.Type, from value: MetadataValue,
        codingPath: [any CodingKey]
    ) throws -> I {
        switch value {
        case .int(let integer):
            guard let exact = I(exactly: integer) else { throw corrupted("an integer out of its range", type, codingPath) }
            return exact
        case .double(let double):
            // Another client may have written a whole number as a double (3.0).
            guard let exact = I(exactly: double) else {
                throw corrupted("a number that is not a whole number in its range", type, codingPath)
            }
            return exact
        default:
            throw mismatch(type, value, codingPath)
        }
    }

    /// `Float` (and other binary floating-point types): the nearest value; an error only when
    /// the number is beyond the type's range.
    private static func floatingPoint<F: BinaryFloatingPoint>(
        _ type: F.Type, from value: MetadataValue,
        codingPath: [any CodingKey]
    ) throws -> F {
        let result: F
        switch value {
        case .double(let double): result = F(double)
        case .int(let integer): result = F(integer)
        default: throw mismatch(type, value, codingPath)
        }
        guard result.isFinite else { throw corrupted("a number beyond its range", type, codingPath) }
        return result
    }

    /// The error for a value of the wrong kind (`null` is `valueNotFound`, as `JSONDecoder` has it).
    static func mismatch(_ type: Any.Type, _ value: MetadataValue, _ codingPath: [any CodingKey]) -> DecodingError {
        if value == .null {
            return .valueNotFound(type, .init(codingPath: codingPath, debugDescription: "expected \(type), found null"))
        }
        return .typeMismatch(type, .init(codingPath: codingPath, debugDescription: "expected \(type), found \(value.kindName)"))
    }

    private static func corrupted(_ what: String, _ type: Any.Type, _ codingPath: [any CodingKey]) -> DecodingError {
        .dataCorrupted(.init(codingPath: codingPath, debugDescription: "expected \(type), found \(what)"))
    }
}

extension MetadataValue {
    /// "a string", "an integer", …: what a value is, for messages that must not show it.
    var kindName: String {
        switch self {
        case .null: "null"
        case .bool: "a boolean"
        case .int: "an integer"
        case .double: "a double"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }
}
