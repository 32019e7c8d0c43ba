import Foundation
import SeekDB
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Stops the local test servers still running when the process exits, and removes their folders.
///
/// Without this the servers would still exit (an embedded seekdb notices that its last holder's
/// `flock` is gone when the process dies), but their temporary folders would stay behind. The
/// `atexit` handler runs on the thread calling `exit()` while Swift's concurrency pool still runs,
/// so it hands the asynchronous release to a task and waits for it, at most 20 seconds, then kills
/// a server that is still alive.
enum ExitCleanup {
    private static let servers = Mutex<[ObjectIdentifier: LocalTestServer]>([:])
    private static let installHandler: Void = { atexit { ExitCleanup.run() } }()

    static func register(_ server: LocalTestServer) {
        _ = installHandler
        servers.withLock { $0[ObjectIdentifier(server)] = server }
    }

    static func unregister(_ server: LocalTestServer) {
        _ = servers.withLock { $0.removeValue(forKey: ObjectIdentifier(server)) }
    }

    private static func run() {
        let remaining = servers.withLock { servers in
            defer { servers.removeAll() }
            return Array(servers.values)
        }
        guard !remaining.isEmpty else { return }
        let done = DispatchSemaphore(value: 0)
        Task.detached {
            for local in remaining { await local.server.release() }
            done.signal()
        }
        _ = done.wait(timeout: .now() + 20)
        for local in remaining {
            if local.server.isRunning { kill(local.server.processID, SIGKILL) }
            try? FileManager.default.removeItem(atPath: local.folder)
        }
    }
}
