import Foundation

/// What a failed start leaves behind, for error messages: seekdb writes its errors only to
/// `<data>/log/seekdb.log`, and a few banner lines to stdout.
enum ServerLog {
    /// The log's last `ERROR`/`EDIAG` lines (or its last lines when there are none) and the tail
    /// of the server's stdout, each line cut to 400 characters.
    static func tail(of directory: DataDirectory, errorLines: Int = 12, plainLines: Int = 6) -> String {
        var parts: [String] = []
        let log = lastLines(of: directory.logFile)
        if log.isEmpty {
            parts.append("\(directory.logFile) is empty or missing")
        } else {
            let errors = log.filter { $0.contains("ERROR") || $0.contains("EDIAG") }
            if errors.isEmpty {
                parts.append("last lines of \(directory.logFile):\n" + log.suffix(plainLines).joined(separator: "\n"))
            } else {
                parts.append("ERROR lines of \(directory.logFile):\n" + errors.suffix(errorLines).joined(separator: "\n"))
            }
        }
        let output = lastLines(of: directory.outputFile)
        if !output.isEmpty {
            parts.append("last lines of \(directory.outputFile):\n" + output.suffix(plainLines).joined(separator: "\n"))
        }
        return parts.joined(separator: "\n")
    }

    /// The lines of the file's last 256 KiB.
    private static func lastLines(of path: String) -> [String] {
        guard let handle = FileHandle(forReadingAtPath: path) else { return [] }
        defer { try? handle.close() }
        let window: UInt64 = 256 * 1024
        guard let size = try? handle.seekToEnd() else { return [] }
        try? handle.seek(toOffset: size > window ? size - window : 0)
        guard let data = try? handle.readToEnd() else { return [] }
        return String(decoding: data, as: UTF8.self)
            .split(separator: "\n", omittingEmptySubsequences: true)
            .map { $0.count > 400 ? String($0.prefix(400)) + "…" : String($0) }
    }
}
