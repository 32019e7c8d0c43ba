import SeekDB

/// A JSON value as the CLI prints it: objects keep the order their keys were given in, and
/// `Float`s print in their shortest round-trip form (`0.1`, not `0.10000000149011612`).
indirect enum JSONOutput: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int64)
    case float(Float)
    case double(Double)
    case string(String)
    case array([JSONOutput])
    case object([(String, JSONOutput)])

    static func == (lhs: JSONOutput, rhs: JSONOutput) -> Bool { lhs.text == rhs.text }

    /// Compact JSON text on one line (non-finite numbers, which JSON cannot hold, become `null`).
    var text: String {
        var output = ""
        write(into: &output)
        return output
    }

    private func write(into output: inout String) {
        switch self {
        case .null: output += "null"
        case .bool(let value): output += value ? "true" : "false"
        case .int(let value): output += String(value)
        case .float(let value): output += Self.number(value)
        case .double(let value): output += value.isFinite ? value.description : "null"
        case .string(let value): Self.writeString(value, into: &output)
        case .array(let elements):
            output += "["
            for (index, element) in elements.enumerated() {
                if index > 0 { output += "," }
                element.write(into: &output)
            }
            output += "]"
        case .object(let members):
            output += "{"
            for (index, member) in members.enumerated() {
                if index > 0 { output += "," }
                Self.writeString(member.0, into: &output)
                output += ":"
                member.1.write(into: &output)
            }
            output += "}"
        }
    }

    /// A vector component in the server's text form, as pyseekdb returns it: whole numbers
    /// without a fraction (`1`, not `1.0`), others in their shortest round-trip form.
    private static func number(_ value: Float) -> String {
        guard value.isFinite else { return "null" }
        if value == value.rounded(), abs(value) < 1e7 { return String(Int64(value)) }
        return value.description
    }

    /// A JSON string literal (escaped by the SDK's JSON writer; non-ASCII stays UTF-8).
    private static func writeString(_ string: String, into output: inout String) {
        output += MetadataValue.string(string).description
    }
}
