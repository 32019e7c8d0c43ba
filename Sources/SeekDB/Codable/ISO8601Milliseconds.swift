/// ISO 8601 dates in the one fixed form ``MetadataDateStrategy/iso8601`` writes
/// (`yyyy-MM-ddTHH:mm:ss.SSSZ`, UTC), and the common forms it reads.
///
/// Written by hand rather than with a date formatter: the form is fixed (no locale, calendar
/// or time zone is involved), the conversion is exact integer arithmetic on milliseconds, and
/// it behaves the same on every platform. Civil dates use the proleptic Gregorian calendar
/// (the days-from-civil algorithm of H. Hinnant's "chrono-compatible low-level date algorithms").
enum ISO8601Milliseconds {
    private static let millisecondsPerDay: Int64 = 86_400_000

    /// `2026-11-21T09:30:00.250Z` for milliseconds since 1970, or `nil` outside the years 0000–9999.
    static func format(_ milliseconds: Int64) -> String? {
        let (days, inDay) = floorDivision(milliseconds, millisecondsPerDay)
        let (year, month, day) = civil(fromDays: days)
        guard (0...9999).contains(year) else { return nil }
        let hour = inDay / 3_600_000
        let minute = inDay / 60_000 % 60
        let second = inDay / 1000 % 60
        let fraction = inDay % 1000
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(hour, 2)):\(pad(minute, 2)):\(pad(second, 2)).\(pad(fraction, 3))Z"
    }

    /// Seconds since 1970 of `yyyy-MM-ddTHH:mm:ss[.fraction](Z|±hh:mm|±hhmm)` (`T` may also be
    /// a space or `t`, `Z` also `z`), or `nil` if the text is not such a date.
    static func parse(_ text: String) -> Double? {
        var scanner = Scanner(Array(text.utf8))
        guard let year = scanner.number(digits: 4), scanner.skip("-"), let month = scanner.number(digits: 2), scanner.skip("-"),
            let day = scanner.number(digits: 2), scanner.skip("T") || scanner.skip("t") || scanner.skip(" "),
            let hour = scanner.number(digits: 2), scanner.skip(":"), let minute = scanner.number(digits: 2), scanner.skip(":"),
            let second = scanner.number(digits: 2),
            (1...12).contains(month), (1...daysInMonth(year, month)).contains(day), hour < 24, minute < 60, second < 60
        else { return nil }
        var fractionDigits: [UInt8] = []
        if scanner.skip(".") || scanner.skip(",") {
            fractionDigits = scanner.digits()
            guard !fractionDigits.isEmpty else { return nil }
        }
        guard let offsetMinutes = scanner.offset(), scanner.atEnd else { return nil }
        let wholeSeconds =
            days(fromYear: year, month: month, day: day) * 86_400 + Int64(hour * 3600 + minute * 60 + second)
            - Int64(offsetMinutes) * 60
        if fractionDigits.count <= 3 {
            // Milliseconds are exact integers here, so a date written by `format` reads back equal.
            let padded = fractionDigits + Array(repeating: UInt8(ascii: "0"), count: 3 - fractionDigits.count)
            let milliseconds = wholeSeconds * 1000 + Int64(padded.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) })
            return Double(milliseconds) / 1000
        }
        guard let fraction = Double("0." + String(decoding: fractionDigits, as: UTF8.self)) else { return nil }
        return Double(wholeSeconds) + fraction
    }

    // MARK: Calendar arithmetic

    /// Days since 1970-01-01 of a proleptic Gregorian date.
    static func days(fromYear year: Int, month: Int, day: Int) -> Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = Int64((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1)
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The proleptic Gregorian date `days` after 1970-01-01.
    static func civil(fromDays days: Int64) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = Int(dayOfYear - (153 * shiftedMonth + 2) / 5 + 1)
        let month = Int(shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9)
        return (Int(yearOfEra + era * 400) + (month <= 2 ? 1 : 0), month, day)
    }

    private static func daysInMonth(_ year: Int, _ month: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    private static func floorDivision(_ a: Int64, _ b: Int64) -> (quotient: Int64, remainder: Int64) {
        let remainder = a % b
        return remainder < 0 ? (a / b - 1, remainder + b) : (a / b, remainder)
    }

    private static func pad(_ value: some BinaryInteger, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    /// Reads the parts of a date left to right.
    private struct Scanner {
        let bytes: [UInt8]
        var index = 0

        init(_ bytes: [UInt8]) { self.bytes = bytes }

        var atEnd: Bool { index == bytes.count }

        mutating func skip(_ character: Unicode.Scalar) -> Bool {
            guard index < bytes.count, bytes[index] == UInt8(ascii: character) else { return false }
            index += 1
            return true
        }

        /// Exactly `digits` ASCII digits as a number.
        mutating func number(digits count: Int) -> Int? {
            guard index + count <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[index..<index + count] {
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            index += count
            return value
        }

        /// All the ASCII digits from here on.
        mutating func digits() -> [UInt8] {
            let start = index
            while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
            return Array(bytes[start..<index])
        }

        /// `Z` (0) or `±hh:mm` / `±hhmm` / `±hh` in minutes east of UTC; `nil` if neither.
        mutating func offset() -> Int? {
            if skip("Z") || skip("z") { return 0 }
            let sign: Int
            if skip("+") { sign = 1 } else if skip("-") { sign = -1 } else { return nil }
            guard let hours = number(digits: 2), hours < 24 else { return nil }
            if atEnd { return sign * hours * 60 }
            _ = skip(":")
            guard let minutes = number(digits: 2), minutes < 60 else { return nil }
            return sign * (hours * 60 + minutes)
        }
    }
}
