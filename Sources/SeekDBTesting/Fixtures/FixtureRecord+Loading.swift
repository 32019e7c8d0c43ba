public import Foundation
public import SeekDB

extension FixtureRecord {
    /// The records of a JSON-lines file (blank lines skipped), as `seekdb add --file` reads it.
    ///
    /// - Throws: `SeekDBError` with code `.invalidArgument` naming the file and line, or the
    ///   error of reading the file.
    public static func records(jsonLinesAt url: URL) throws -> [FixtureRecord] {
        let text = try String(contentsOf: url, encoding: .utf8)
        return try records(jsonLines: text, source: url.lastPathComponent)
    }

    /// The records of JSON-lines text (blank lines skipped).
    ///
    /// - Throws: `SeekDBError` with code `.invalidArgument` naming `source` and the line.
    public static func records(jsonLines text: String, source: String = "input") throws(SeekDBError) -> [FixtureRecord] {
        var records: [FixtureRecord] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.isEmpty { continue }
            records.append(try FixtureRecord(json: trimmed, source: "\(source) line \(index + 1)"))
        }
        return records
    }

    /// Records from `Encodable` values whose JSON has the record format's keys (`id`, and any
    /// of `document`, `embedding`, `metadata`): encodes each value and parses it back.
    ///
    /// - Throws: the encoder's error, or `SeekDBError` with code `.invalidArgument` naming the
    ///   value's index when its JSON is not a record.
    public static func records<Value: Encodable>(encoding values: some Sequence<Value>) throws -> [FixtureRecord] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return try values.enumerated().map { index, value in
            let json = String(decoding: try encoder.encode(value), as: UTF8.self)
            return try FixtureRecord(json: json, source: "value \(index)")
        }
    }
}
