import Foundation

/// The folder a local seekdb keeps its data in (its `--base-dir`) and the files in it.
///
/// Layout (created by seekdb unless noted): `etc/`, `store/` (data and redo), `log/seekdb.log`
/// (the server's own log; start-up errors appear only there), `log/seekdb.out` (stdout and stderr,
/// written by ``LocalServer``), `run/sql.sock` (the Unix socket), `run/seekdb.pid`,
/// `run/seekdb.clients` (the client lock file of embedded mode) and `run/seekdb-swift.lock`
/// (``LocalServer``'s start lock).
struct DataDirectory: Sendable {
    /// Absolute path with symbolic links resolved.
    let path: String

    /// Makes `path` absolute (relative to the working directory), creates it and its parents,
    /// and resolves symbolic links.
    ///
    /// - Throws: ``SeekDBError/Code/invalidArgument`` for an empty path or one that exists and
    ///   is not a folder; ``SeekDBError/Code/serverStartFailed`` if it cannot be created.
    init(_ path: String) throws(SeekDBError) {
        guard !path.isEmpty else { throw .invalidArgument("the local database path is empty") }
        let expanded = NSString(string: path).expandingTildeInPath
        let absolute = expanded.hasPrefix("/") ? expanded : FileManager.default.currentDirectoryPath + "/" + expanded
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: absolute, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw .invalidArgument("the local database path \(absolute) exists and is not a folder")
            }
        }
        do {
            try FileManager.default.createDirectory(atPath: absolute + "/run", withIntermediateDirectories: true)
            try FileManager.default.createDirectory(atPath: absolute + "/log", withIntermediateDirectories: true)
        } catch {
            throw SeekDBError(
                .serverStartFailed, "cannot create the local database folder \(absolute): \(error.localizedDescription)", underlying: error)
        }
        self.path = Self.resolved(absolute)
    }

    var runDirectory: String { path + "/run" }
    var socketFile: String { runDirectory + "/sql.sock" }
    var pidFile: String { runDirectory + "/seekdb.pid" }
    var clientLockFile: String { runDirectory + "/seekdb.clients" }
    var startLockFile: String { runDirectory + "/seekdb-swift.lock" }
    var logFile: String { path + "/log/seekdb.log" }
    var outputFile: String { path + "/log/seekdb.out" }

    /// `a` and `b` name the same folder (after resolving links and trailing slashes).
    static func samePath(_ a: String, _ b: String) -> Bool {
        resolved(a) == resolved(b)
    }

    private static func resolved(_ path: String) -> String {
        var path = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        while path.count > 1 && path.hasSuffix("/") { path.removeLast() }
        return path
    }
}
