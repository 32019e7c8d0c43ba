import Foundation
import SeekDB

/// A `LocalServer` in a temporary folder of its own, for one test process.
///
/// The folder is `<tmp>/seekdb-testing-<pid>-<random>`. The server is embedded (Unix socket only)
/// and exits by itself once no process holds it, so even a test process that is killed leaves no
/// server running; ``ExitCleanup`` also releases it and removes the folder when the process exits
/// normally (Swift Testing and XCTest both end with `exit()`); the folder of a killed process is
/// removed by the next start (``AbandonedFolders``).
final class LocalTestServer: Sendable {
    let server: LocalServer
    let folder: String

    private init(server: LocalServer, folder: String) {
        self.server = server
        self.folder = folder
    }

    /// Creates the folder, starts the server in `<folder>/data` and registers it for cleanup at exit.
    ///
    /// - Throws: the errors of `LocalServer/start(dataDirectory:configuration:logger:)`
    ///   (the message carries the server log's tail); the folder is removed then.
    static func start(configuration: LocalServer.Configuration) async throws -> LocalTestServer {
        AbandonedFolders.remove(in: FileManager.default.temporaryDirectory.path)
        let name = "\(AbandonedFolders.prefix)\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString.prefix(8).lowercased())"
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(name).path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        do {
            let server = try await LocalServer.start(dataDirectory: folder + "/data", configuration: configuration)
            let local = LocalTestServer(server: server, folder: folder)
            ExitCleanup.register(local)
            return local
        } catch {
            try? FileManager.default.removeItem(atPath: folder)
            throw error
        }
    }

    /// Releases the server (it exits, nobody else holds it) and removes the folder.
    func shutdown() async {
        ExitCleanup.unregister(self)
        await server.release()
        if server.isRunning { await server.stop() }
        try? FileManager.default.removeItem(atPath: folder)
    }
}
