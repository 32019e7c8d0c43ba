/// Serialises ``JSONValue`` as compact JSON text (RFC 8259).
///
/// Text is collected as UTF-8 bytes and turned into one `String` at the end: appending to a byte
/// array costs a fraction of appending to a `String`, and every record's metadata goes
/// through here on each write.
enum JSONWriter {
    /// Thrown for values JSON cannot represent (NaN, ±infinity).
    struct NonFiniteNumber: Error {
        /// The path of the value, for example `$.scores[2]`.
        let path: String
    }

    static func string(_ value: JSONValue) throws(NonFiniteNumber) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(64)
        try write(value, into: &output)
        return String(decoding: output, as: UTF8.self)
    }

    /// Appends `string` as a JSON string literal (quoted and escaped).
    static func writeString(_ string: String, into output: inout String) {
        var bytes: [UInt8] = []
        writeString(string, into: &bytes)
        output += String(decoding: bytes, as: UTF8.self)
    }

    // The path of a non-finite number is put together only when one is found, while the error
    // unwinds (`$` + the component each enclosing container adds).

    private static func write(_ value: JSONValue, into output: inout [UInt8]) throws(NonFiniteNumber) {
        switch value {
        case .null: output += "null".utf8
        case .bool(let b): output += (b ? "true" : "false").utf8
        case .int(let i): output += String(i).utf8
        case .double(let d): try writeDouble(d, into: &output)
        case .string(let s): writeString(s, into: &output)
        case .array(let elements):
            output.append(UInt8(ascii: "["))
            for (index, element) in elements.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                do { try write(element, into: &output) } catch { throw error.inside("[\(index)]") }
            }
            output.append(UInt8(ascii: "]"))
        case .object(let members):
            output.append(UInt8(ascii: "{"))
            for (index, member) in members.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                writeString(member.key, into: &output)
                output.append(UInt8(ascii: ":"))
                do { try write(member.value, into: &output) } catch { throw error.inside(".\(member.key)") }
            }
            output.append(UInt8(ascii: "}"))
        }
    }

    private static func writeDouble(_ d: Double, into output: inout [UInt8]) throws(NonFiniteNumber) {
        guard d.isFinite else { throw NonFiniteNumber(path: "$") }
        if d == d.rounded(), abs(d) < 1e15 {
            // Keep a double a double on the way back: 3.0 is written "3.0", not "3".
            output += (d == 0 && d.sign == .minus ? "-0" : String(Int64(d))).utf8
            output += ".0".utf8
        } else {
            output += d.description.utf8
        }
    }

    private static func writeString(_ string: String, into output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        for byte in string.utf8 {
            switch byte {
            case UInt8(ascii: "\""): output += #"\""#.utf8
            case UInt8(ascii: "\\"): output += #"\\"#.utf8
            case UInt8(ascii: "\n"): output += #"\n"#.utf8
            case UInt8(ascii: "\r"): output += #"\r"#.utf8
            case UInt8(ascii: "\t"): output += #"\t"#.utf8
            case 0x08: output += #"\b"#.utf8
            case 0x0C: output += #"\f"#.utf8
            case 0..<0x20:
                let hex = String(byte, radix: 16)
                output += (#"\u"# + String(repeating: "0", count: 4 - hex.count) + hex).utf8
            default: output.append(byte)  // UTF-8 bytes of other characters pass through as they are
            }
        }
        output.append(UInt8(ascii: "\""))
    }
}

extension JSONWriter.NonFiniteNumber {
    /// The same error one level up: `component` (`.key` or `[2]`) goes right after the `$`.
    fileprivate func inside(_ component: String) -> Self {
        Self(path: "$" + component + path.dropFirst())
    }
}
