import SeekDB

/// `--ids-file FILE`: record ids, one per line (`-` reads stdin).
///
/// A line is the id exactly as written; blank lines are skipped and a carriage return before
/// the line feed is dropped. A line that starts with `"` is a JSON string instead, for ids
/// with line breaks, leading or trailing blanks, or a leading `"` (`"  padded id "`,
/// `"line\nbreak"`). A plain line with leading or trailing blanks is refused rather than
/// trimmed or kept silently: write it as a JSON string to keep the blanks.
enum IDsFile {
    /// The ids of `path`, in file order.
    /// - Throws: ``CLIError`` naming the file and line of a bad line, or an empty file.
    static func ids(_ path: String) throws(CLIError) -> [String] {
        let source = path == "-" ? "stdin" : "'\(path)'"
        let lines = try JSONLinesInput.read(path)
        guard !lines.isEmpty else { throw .invalidArgument("--ids-file: \(source) has no ids") }
        var ids: [String] = []
        ids.reserveCapacity(lines.count)
        for line in lines { ids.append(try id(line, source: source)) }
        return ids
    }

    /// The id of one non-blank line.
    static func id(_ line: JSONLinesInput.Line, source: String) throws(CLIError) -> String {
        let text = line.text
        if text.hasPrefix("\"") {
            let value: MetadataValue
            do { value = try MetadataValue(json: text) } catch {
                throw .invalidArgument(
                    "--ids-file: line \(line.number) of \(source) starts with \" but is not a JSON string: \(error.message)")
            }
            guard let id = value.stringValue else {
                throw .invalidArgument("--ids-file: line \(line.number) of \(source) starts with \" but is not a JSON string")
            }
            return id
        }
        if text.first?.isWhitespace == true || text.last?.isWhitespace == true {
            throw .invalidArgument(
                "--ids-file: line \(line.number) of \(source) has leading or trailing blanks; write the id as a JSON string (\"...\") to "
                    + "keep them, or remove them"
            )
        }
        return text
    }
}
