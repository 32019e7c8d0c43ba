import Foundation

/// The lines of a JSON-lines input: a file, or stdin for `-`. Blank lines are skipped; each
/// line keeps its 1-based number for error messages.
enum JSONLinesInput {
    struct Line: Sendable {
        var number: Int
        var text: String
    }

    /// Reads every non-blank line of `path` (`-` for stdin); with `keepBlank`, every line
    /// (only the empty remainder after a final line feed is dropped).
    static func read(_ path: String, keepBlank: Bool = false) throws(CLIError) -> [Line] {
        let data: Data
        if path == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            do {
                data = try Data(contentsOf: URL(fileURLWithPath: path))
            } catch {
                throw .invalidArgument("cannot read '\(path)': \(error.localizedDescription)")
            }
        }
        return try lines(of: Array(data), source: path == "-" ? "stdin" : path, keepBlank: keepBlank)
    }

    /// Splits at line feeds (a carriage return before one is dropped).
    static func lines(of bytes: [UInt8], source: String, keepBlank: Bool = false) throws(CLIError) -> [Line] {
        var lines: [Line] = []
        var slices = bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
        if slices.last?.isEmpty == true { slices.removeLast() }
        for (index, slice) in slices.enumerated() {
            let line = slice.last == 0x0D ? slice.dropLast() : slice
            guard let text = String(validating: line, as: UTF8.self) else {
                throw .invalidArgument("line \(index + 1) of '\(source)' is not UTF-8 text")
            }
            if !keepBlank, text.allSatisfy(\.isWhitespace) { continue }
            lines.append(Line(number: index + 1, text: text))
        }
        return lines
    }

    /// Parses every line as a record, failing on the first bad line.
    static func records(_ path: String) throws(CLIError) -> [RecordLine] {
        let lines = try read(path)
        guard !lines.isEmpty else { throw .invalidArgument("\(path == "-" ? "stdin" : "'\(path)'") has no records") }
        var records: [RecordLine] = []
        records.reserveCapacity(lines.count)
        for line in lines { records.append(try RecordLine(parsing: line.text, line: line.number)) }
        return records
    }
}
