import Foundation

/// Finds the `seekdb` executable (see ``LocalServer/findBinary(explicitPath:environment:workingDirectory:)``).
enum BinaryLocator {
    static let installHint =
        "install it with `pip install pylibseekdb==1.4.0.post1` (Linux x86_64 or aarch64, glibc ≥ 2.28), or set SEEKDB_BINARY to the "
        + "seekdb executable"

    static func find(explicitPath: String?, environment: [String: String], workingDirectory: String) async throws(SeekDBError) -> String {
        if let explicitPath {
            return try executable(explicitPath, source: "the path given")
        }
        if let path = environment["SEEKDB_BINARY"], !path.isEmpty {
            return try executable(path, source: "SEEKDB_BINARY")
        }
        var searched: [String] = []
        for venv in virtualEnvironments(environment: environment, workingDirectory: workingDirectory) {
            searched.append(venv)
            if let binary = packagedBinary(inVirtualEnvironment: venv) { return binary }
        }
        if let python = searchPath("python3", environment: environment) {
            searched.append("\(python)'s site-packages")
            if let binary = await packagedBinary(python: python) { return binary }
        }
        searched.append("PATH")
        if let binary = searchPath("seekdb", environment: environment) { return binary }
        throw SeekDBError(
            .serverBinaryNotFound,
            "no seekdb binary found (SEEKDB_BINARY is not set; searched the pylibseekdb package in \(searched.joined(separator: ", "))): "
                + "\(installHint)"
        )
    }

    private static func executable(_ path: String, source: String) throws(SeekDBError) -> String {
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: absolute, isDirectory: &isDirectory), !isDirectory.boolValue,
            FileManager.default.isExecutableFile(atPath: absolute)
        else {
            throw SeekDBError(.serverBinaryNotFound, "no executable seekdb binary at \(absolute) (\(source)); \(installHint)")
        }
        return absolute
    }

    /// `VIRTUAL_ENV`, then `.venv` in the working directory and each of its parents.
    private static func virtualEnvironments(environment: [String: String], workingDirectory: String) -> [String] {
        var result: [String] = []
        if let active = environment["VIRTUAL_ENV"], !active.isEmpty { result.append(active) }
        var directory = URL(fileURLWithPath: workingDirectory).standardizedFileURL
        while true {
            let venv = directory.appendingPathComponent(".venv").path
            if FileManager.default.fileExists(atPath: venv) { result.append(venv) }
            let parent = directory.deletingLastPathComponent()
            if parent.path == directory.path { break }
            directory = parent
        }
        return result
    }

    /// `<venv>/lib/python3.*/site-packages/pylibseekdb/seekdb`.
    private static func packagedBinary(inVirtualEnvironment venv: String) -> String? {
        let lib = venv + "/lib"
        let versions = ((try? FileManager.default.contentsOfDirectory(atPath: lib)) ?? []).filter { $0.hasPrefix("python3") }.sorted()
        for version in versions.reversed() {
            let candidate = "\(lib)/\(version)/site-packages/pylibseekdb/seekdb"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// Asks `python` where pylibseekdb is installed (without importing it).
    private static func packagedBinary(python: String) async -> String? {
        let script = """
            import importlib.util, os
            spec = importlib.util.find_spec("pylibseekdb")
            print(os.path.join(os.path.dirname(spec.origin), "seekdb") if spec and spec.origin else "")
            """
        guard let output = await ChildProcess.output(of: python, arguments: ["-c", script], timeout: .seconds(15)) else { return nil }
        let path = output.trimmingCharacters(in: .whitespacesAndNewlines)
        return !path.isEmpty && FileManager.default.isExecutableFile(atPath: path) ? path : nil
    }

    private static func searchPath(_ name: String, environment: [String: String]) -> String? {
        for directory in (environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":") {
            let candidate = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }
}

/// Runs a short helper program and collects its output without blocking a thread.
enum ChildProcess {
    /// The program's standard output if it exits with status 0 within `timeout`; otherwise
    /// `nil` (a program still running then is killed).
    static func output(of executable: String, arguments: [String], timeout: Duration) async -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let deadline = ContinuousClock.now + timeout
        while process.isRunning {
            if ContinuousClock.now >= deadline || Task.isCancelled {
                process.terminate()
                return nil
            }
            try? await Task.sleep(for: .milliseconds(10))
        }
        let data = (try? output.fileHandleForReading.readToEnd()) ?? Data()
        guard process.terminationStatus == 0 else { return nil }
        return String(decoding: data, as: UTF8.self)
    }
}
