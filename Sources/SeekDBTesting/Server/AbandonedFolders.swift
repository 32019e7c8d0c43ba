import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Removes the temporary folders of test processes that were killed.
///
/// A killed test process leaves no server running (an embedded seekdb exits when its last holder
/// dies), but ``ExitCleanup`` never ran, so its `seekdb-testing-<pid>-<random>` folder stays. The
/// next test process removes such a folder when both the process named in it and the server
/// recorded in `data/run/seekdb.pid` are gone.
enum AbandonedFolders {
    static let prefix = "seekdb-testing-"

    static func remove(in temporaryDirectory: String) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: temporaryDirectory)) ?? []
        for name in names where name.hasPrefix(prefix) {
            let parts = name.dropFirst(prefix.count).split(separator: "-")
            guard parts.count == 2, let owner = Int32(parts[0]), owner != getpid(), !isAlive(owner) else { continue }
            let folder = temporaryDirectory + "/" + name
            let pidText = try? String(contentsOfFile: folder + "/data/run/seekdb.pid", encoding: .utf8)
            if let server = pidText.flatMap({ Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) }), isAlive(server) { continue }
            try? FileManager.default.removeItem(atPath: folder)
        }
    }

    /// `kill(pid, 0)` finds the process (or it exists but belongs to someone else) and, where
    /// procfs says, it is not a zombie (a server whose parent was killed is one until reaped).
    private static func isAlive(_ pid: Int32) -> Bool {
        guard kill(pid, 0) == 0 || errno == EPERM else { return false }
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return true }
        return stat[stat.index(after: close)...].drop { $0 == " " }.first != "Z"
    }
}
