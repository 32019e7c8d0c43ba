/// Serialises ``JSONValue`` as compact JSON text (RFC 8259).
enum JSONWriter {
    /// Thrown for values JSON cannot represent (NaN, ±infinity).
    struct NonFiniteNumber: Error {
        /// The path of the value, for example `$.scores[2]`.
        let path: String
    }

    static func string(_ value: JSONValue) throws(NonFiniteNumber) -> String {
        var output = ""
        try write(value, path: "$", into: &output)
        return output
    }

    private static func write(_ value: JSONValue, path: String, into output: inout String) throws(NonFiniteNumber) {
        switch value {
        case .null: output += "null"
        case .bool(let b): output += b ? "true" : "false"
        case .int(let i): output += String(i)
        case .double(let d):
            guard d.isFinite else { throw NonFiniteNumber(path: path) }
            if d == d.rounded(), abs(d) < 1e15 {
                // Keep a double a double on the way back: 3.0 is written "3.0", not "3".
                output += String(format2: d)
            } else {
                output += "\(d)"
            }
        case .string(let s): writeString(s, into: &output)
        case .array(let elements):
            output += "["
            for (index, element) in elements.enumerated() {
                if index > 0 { output += "," }
                try write(element, path: "\(path)[\(index)]", into: &output)
            }
            output += "]"
        case .object(let members):
            output += "{"
            for (index, member) in members.enumerated() {
                if index > 0 { output += "," }
                writeString(member.key, into: &output)
                output += ":"
                try write(member.value, path: "\(path).\(member.key)", into: &output)
            }
            output += "}"
        }
    }

    static func writeString(_ string: String, into output: inout String) {
        output += "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case "\u{08}": output += "\\b"
            case "\u{0C}": output += "\\f"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: output.unicodeScalars.append(scalar)
            }
        }
        output += "\""
    }
}

private extension String {
    /// A whole-number double written with one decimal: `3.0`, `-12.0`.
    init(format2 value: Double) {
        self = "\(Int64(value)).0"
        if value == 0, value.sign == .minus { self = "-0.0" }
    }
}
