import Foundation

/// How ``MetadataEncoder`` writes a `Date` into metadata and ``MetadataDecoder`` reads it back.
///
/// JSON has no date type, so a date is stored as a string or a number. The default,
/// ``iso8601``, is readable in pyseekdb and the SQL console, and its fixed width makes string
/// order equal time order, so range filters work on it:
/// `.field("published") >= "2024-01-01T00:00:00.000Z"`.
public enum MetadataDateStrategy: Sendable, Hashable {
    /// An ISO 8601 string in UTC with exactly three fractional digits,
    /// `"2026-11-21T09:30:00.250Z"` (the default). Dates are kept **to the millisecond**
    /// (rounded to the nearest), for years 0000–9999. Reading also accepts no or more
    /// fractional digits and a `±hh:mm` offset instead of `Z`.
    case iso8601
    /// Seconds since 1970-01-01T00:00:00Z as a JSON double (`1763717400.25`). Reading also
    /// accepts an integer.
    case secondsSince1970
    /// Whole milliseconds since 1970-01-01T00:00:00Z as an integer (`1763717400250`), rounded
    /// to the nearest millisecond. Reading also accepts a double.
    case millisecondsSince1970
}

extension MetadataDateStrategy {
    /// The metadata form of `date`.
    /// - Throws: `EncodingError.invalidValue` for a date outside what the form can hold.
    func encode(_ date: Date, codingPath: [any CodingKey]) throws -> MetadataValue {
        let seconds = date.timeIntervalSince1970
        switch self {
        case .secondsSince1970:
            guard seconds.isFinite else { throw Self.unrepresentable(date, codingPath, "is not finite") }
            return .double(seconds)
        case .millisecondsSince1970:
            guard let milliseconds = Self.milliseconds(seconds) else {
                throw Self.unrepresentable(date, codingPath, "is outside the range of 64-bit milliseconds")
            }
            return .int(milliseconds)
        case .iso8601:
            guard let milliseconds = Self.milliseconds(seconds), let text = ISO8601Milliseconds.format(milliseconds) else {
                throw Self.unrepresentable(date, codingPath, "is outside the years 0000–9999 an ISO 8601 date can hold")
            }
            return .string(text)
        }
    }

    /// The date `value` holds in this form.
    /// - Throws: `DecodingError` when the value is of another type or not a valid date.
    func decode(_ value: MetadataValue, codingPath: [any CodingKey]) throws -> Date {
        switch (self, value) {
        case (.secondsSince1970, .double(let seconds)): return Date(timeIntervalSince1970: seconds)
        case (.secondsSince1970, .int(let seconds)): return Date(timeIntervalSince1970: Double(seconds))
        case (.millisecondsSince1970, .int(let milliseconds)): return Date(timeIntervalSince1970: Double(milliseconds) / 1000)
        case (.millisecondsSince1970, .double(let milliseconds)): return Date(timeIntervalSince1970: milliseconds / 1000)
        case (.iso8601, .string(let text)):
            guard let seconds = ISO8601Milliseconds.parse(text) else {
                throw DecodingError.dataCorrupted(
                    .init(
                        codingPath: codingPath,
                        debugDescription: "expected an ISO 8601 date such as 2026-11-21T09:30:00.250Z"))
            }
            return Date(timeIntervalSince1970: seconds)
        default:
            let expected = self == .iso8601 ? "an ISO 8601 string" : "a number"
            throw DecodingError.typeMismatch(
                Date.self,
                .init(
                    codingPath: codingPath,
                    debugDescription: "expected a date as \(expected), found \(value.kindName)"))
        }
    }

    /// Whole milliseconds since 1970, rounded to the nearest, if they fit in 64 bits.
    private static func milliseconds(_ seconds: Double) -> Int64? {
        Int64(exactly: (seconds * 1000).rounded())
    }

    private static func unrepresentable(_ date: Date, _ codingPath: [any CodingKey], _ reason: String) -> EncodingError {
        .invalidValue(date, .init(codingPath: codingPath, debugDescription: "the date \(reason)"))
    }
}
