import Foundation

/// What the local seekdb server process has used so far, read from `/proc`: CPU time (user +
/// system) and bytes written to storage. A benchmark takes one reading before a call and one
/// after the server's background work for it, so it shows work the caller's time does not.
/// The process id comes from `SEEKDB_SERVER_PID`, or from `$SEEKDB_HOME/seekdb.pid` as
/// `scripts/seekdb-server` writes it; without either (or off Linux) there is no reading.
struct ServerUsage {
    var cpuSeconds: Double
    var writtenBytes: Double

    /// The server's process id, if it is known and its `/proc` entries can be read.
    static let pid: Int32? = {
        let environment = ProcessInfo.processInfo.environment
        var text = environment["SEEKDB_SERVER_PID"]
        if text == nil, let home = environment["SEEKDB_HOME"] {
            text = try? String(contentsOfFile: home + "/seekdb.pid", encoding: .utf8)
        }
        return text.flatMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
    }()

    /// A reading now, or `nil` without a known server process.
    static func now() -> ServerUsage? {
        guard let pid, let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let io = try? String(contentsOfFile: "/proc/\(pid)/io", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return nil }
        // Fields 14 and 15 of stat (utime, stime), counted after the parenthesised command name,
        // which may itself hold spaces.
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) else { return nil }
        let written = io.split(separator: "\n").first { $0.hasPrefix("write_bytes:") }
            .flatMap { Double($0.dropFirst("write_bytes:".count).trimmingCharacters(in: .whitespaces)) }
        guard let written else { return nil }
        return ServerUsage(cpuSeconds: (user + system) / Double(sysconf(Int32(_SC_CLK_TCK))), writtenBytes: written)
    }

    /// `"<prefix>_server_cpu_s": …, "<prefix>_server_written_mb": …` from `before` to now, or
    /// `null` values without readings.
    static func jsonFields(_ prefix: String, since before: ServerUsage?) -> String {
        guard let before, let after = now() else {
            return #""\#(prefix)_server_cpu_s": null, "\#(prefix)_server_written_mb": null"#
        }
        let cpu = String(format: "%.2f", after.cpuSeconds - before.cpuSeconds)
        let written = String(format: "%.1f", (after.writtenBytes - before.writtenBytes) / 1_048_576)
        return #""\#(prefix)_server_cpu_s": \#(cpu), "\#(prefix)_server_written_mb": \#(written)"#
    }
}
