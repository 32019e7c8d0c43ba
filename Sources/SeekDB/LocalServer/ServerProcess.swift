import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Looks at and signals a seekdb process by pid (ours or another program's).
///
/// Why not swift-subprocess (1.0.2): its `run(_:input:output:error:body:)` ties the child to one
/// async call that returns only after the child has exited and been reaped, and cancelling that
/// call runs `PlatformOptions.teardownSequence`, which always ends in `SIGKILL`. `Execution`
/// (`send(signal:toProcessGroup:)`, `teardown(using:)`) is valid only inside `body`. It has no
/// spawn-and-return call and cannot attach to a pid it did not start. A local seekdb outlives
/// ``LocalServer/start(dataDirectory:configuration:logger:)``, may be shared with other
/// processes, and may be one this process only reused, so stopping it is `kill(2)` by pid here
/// in every case, and waiting is a liveness poll. Launching (`posix_spawn` through Foundation's
/// `Process`, in its own process group, output to `log/seekdb.out`) is the only part the package
/// would replace, at the cost of two more packages in every user's build.
enum ServerProcess {
    /// The process exists and is not a zombie.
    static func isAlive(_ pid: Int32) -> Bool {
        guard pid > 0 else { return false }
        if kill(pid, 0) != 0 && errno != EPERM { return false }
        // /proc/<pid>/stat: "pid (comm) S …"; a zombie has exited and only waits to be reaped.
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return true }  // no procfs: trust kill(0)
        let state = stat[stat.index(after: close)...].drop { $0 == " " }.first
        return state != "Z" && state != "X"
    }

    /// The arguments the process was started with, or `nil` without procfs.
    static func commandLine(_ pid: Int32) -> [String]? {
        guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline"), !data.isEmpty else { return nil }
        return data.split(separator: 0, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }.filter { !$0.isEmpty }
    }

    /// The data folder a seekdb command line names (`--base-dir D` or `--base-dir=D`).
    static func baseDirectory(in arguments: [String]) -> String? {
        for (index, argument) in arguments.enumerated() {
            if argument == "--base-dir", index + 1 < arguments.count { return arguments[index + 1] }
            if argument.hasPrefix("--base-dir=") { return String(argument.dropFirst("--base-dir=".count)) }
        }
        return nil
    }

    /// `pid` is alive and is a seekdb serving `dataDirectory` (guards against a stale pid file
    /// whose pid now belongs to another program). Without procfs only liveness is checked.
    static func isServer(_ pid: Int32, for dataDirectory: String) -> Bool {
        guard isAlive(pid) else { return false }
        guard let arguments = commandLine(pid) else { return true }
        guard let program = arguments.first, program.hasSuffix("seekdb"),
            let base = baseDirectory(in: arguments)
        else { return false }
        return DataDirectory.samePath(base, dataDirectory)
    }

    /// The pid seekdb wrote to `<data>/run/seekdb.pid`, if any.
    static func recordedPID(in directory: DataDirectory) -> Int32? {
        guard let text = try? String(contentsOfFile: directory.pidFile, encoding: .utf8) else { return nil }
        return Int32(text.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// Sends `signal`; `false` if the process is already gone.
    @discardableResult
    static func send(_ signal: Int32, to pid: Int32) -> Bool {
        kill(pid, signal) == 0
    }

    /// Polls every 20 ms until the process is gone or `timeout` passes; `true` if it is gone.
    static func waitForExit(_ pid: Int32, timeout: Duration) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while isAlive(pid) {
            if ContinuousClock.now >= deadline { return false }
            do { try await Task.sleep(for: .milliseconds(20)) } catch { return !isAlive(pid) }
        }
        return true
    }
}
