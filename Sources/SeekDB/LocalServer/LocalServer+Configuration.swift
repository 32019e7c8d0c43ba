extension LocalServer {
    /// How ``LocalServer`` finds, starts and stops seekdb. The defaults are the smallest settings
    /// seekdb 1.4 accepts, the ones pylibseekdb uses.
    public struct Configuration: Sendable, Hashable {
        /// The `seekdb` executable; `nil` searches for it (see
        /// ``LocalServer/findBinary(explicitPath:environment:workingDirectory:)``). Default `nil`.
        public var binaryPath: String?
        /// `memory_budget`: all the memory the server sizes itself to. `1G` is seekdb's minimum;
        /// without a budget it takes 80 % of the machine's memory. Default `"1G"`.
        public var memoryBudget: String = "1G"
        /// `log_disk_size`: the cap of the redo log on disk (not preallocated). `2G` is seekdb's
        /// minimum. Default `"2G"`.
        public var logDiskSize: String = "2G"
        /// `--log-level` of `log/seekdb.log`; `nil` keeps seekdb's default, which writes tens of MB
        /// a minute under load. Default `"WARN"`.
        public var logLevel: String? = "WARN"
        /// Time allowed for the server to answer `SELECT 1` after it was launched (normally
        /// 2–4 s), or for another process's start to finish. Default 90 seconds.
        public var startTimeout: Duration = .seconds(90)
        /// Time allowed for a graceful stop (`SIGUSR1`, normally 5–8 s) before `SIGKILL`.
        /// Default 30 seconds.
        public var stopTimeout: Duration = .seconds(30)
        /// Whether seekdb may send its start-up telemetry (`TELEMETRY_ENABLED`). Default `false`.
        public var telemetryEnabled: Bool = false

        public init() {}

        /// A configuration with an explicit `seekdb` executable.
        public init(binaryPath: String?) {
            self.binaryPath = binaryPath
        }

        /// The server's command line after the executable: Unix-socket-only (`--embedded`, no
        /// TCP listener), in the foreground so the launched process is the server.
        func arguments(dataDirectory: String) -> [String] {
            var arguments = ["--embedded", "--nodaemon", "--base-dir", dataDirectory]
            if let logLevel { arguments += ["--log-level", logLevel] }
            arguments += ["--parameter", "memory_budget=\(memoryBudget)", "--parameter", "log_disk_size=\(logDiskSize)"]
            return arguments
        }
    }
}
