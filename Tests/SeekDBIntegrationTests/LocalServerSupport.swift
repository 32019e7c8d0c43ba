import Foundation
import SeekDB
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Starts one ``LocalServer`` in a temporary folder before the first test of the suite it is
/// attached to, and stops it (deleting the folder) after the last: each server start costs
/// 2–4 s, so the suite's tests share one.
struct SharedLocalServer: SuiteTrait, TestScoping {
    @TaskLocal static var current: LocalServer?

    @concurrent func provideScope(
        for test: Test, testCase: Test.Case?,
        performing function: @concurrent @Sendable () async throws -> Void
    ) async throws {
        let folder = try TemporaryFolder()
        let server = try await LocalServer.start(dataDirectory: folder.path + "/shared.db")
        do {
            try await Self.$current.withValue(server) { try await function() }
        } catch {
            await server.stop()
            folder.remove()
            throw error
        }
        await server.stop()
        folder.remove()
    }

    /// The suite's server.
    static var server: LocalServer {
        get throws { try #require(current, "the suite needs the .sharedLocalServer trait") }
    }
}

extension Trait where Self == SharedLocalServer {
    /// One local server for all tests of the suite (``SharedLocalServer/server``).
    static var sharedLocalServer: Self { Self() }
}

/// A folder under the system's temporary directory, removed by ``remove()``.
struct TemporaryFolder {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("seekdb-swift-test-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func remove() { try? FileManager.default.removeItem(atPath: path) }
}

/// What /proc says about processes: command lines and listening TCP ports (Linux only).
enum ProcFS {
    /// The arguments of `pid`.
    static func commandLine(_ pid: Int32) -> [String] {
        guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return [] }
        return data.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
    }

    /// Every live (non-zombie) process whose command line names `folder` as seekdb's `--base-dir`.
    static func seekdbProcesses(servingFolder folder: String) -> [Int32] {
        let pids = ((try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []).compactMap { Int32($0) }
        return pids.filter { pid in
            let arguments = commandLine(pid)
            guard arguments.first?.hasSuffix("seekdb") == true, !isZombie(pid) else { return false }
            return arguments.contains(folder) || arguments.contains("--base-dir=\(folder)")
        }
    }

    static func isZombie(_ pid: Int32) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8), let close = stat.lastIndex(of: ")") else {
            return true
        }
        return stat[stat.index(after: close)...].drop { $0 == " " }.first == "Z"
    }

    /// The TCP ports (IPv4 and IPv6) on which `pid` has a listening socket: the socket inodes
    /// among its open files, matched against the LISTEN entries of /proc/net/tcp and tcp6.
    static func listeningTCPPorts(of pid: Int32) -> Set<Int> {
        let fdDirectory = "/proc/\(pid)/fd"
        let inodes = Set(
            ((try? FileManager.default.contentsOfDirectory(atPath: fdDirectory)) ?? []).compactMap { fd -> String? in
                guard let target = try? FileManager.default.destinationOfSymbolicLink(atPath: "\(fdDirectory)/\(fd)"),
                    target.hasPrefix("socket:[")
                else { return nil }
                return String(target.dropFirst("socket:[".count).dropLast())
            })
        var ports: Set<Int> = []
        for table in ["/proc/net/tcp", "/proc/net/tcp6"] {
            guard let text = try? String(contentsOfFile: table, encoding: .utf8) else { continue }
            for line in text.split(separator: "\n").dropFirst() {
                let columns = line.split(separator: " ")
                // sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode
                guard columns.count > 9, columns[3] == "0A", inodes.contains(String(columns[9])),
                    let portText = columns[1].split(separator: ":").last, let port = Int(portText, radix: 16)
                else { continue }
                ports.insert(port)
            }
        }
        return ports
    }
}

/// A listening TCP socket on 127.0.0.1 with a port the kernel chose: the positive control for
/// ``ProcFS/listeningTCPPorts(of:)``.
final class ListeningSocket {
    let descriptor: Int32
    let port: Int

    init() throws {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        self.descriptor = descriptor
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                bind(descriptor, socketAddress, length) == 0 && listen(descriptor, 1) == 0
                    && getsockname(descriptor, socketAddress, &length) == 0
            }
        }
        try #require(descriptor >= 0 && bound, "could not open a listening socket")
        port = Int(UInt16(bigEndian: address.sin_port))
    }

    deinit { close(descriptor) }
}

/// Runs `code` with the project's Python (the venv pyseekdb is installed in) and returns the last
/// line it printed.
func runPython(_ code: String, arguments: [String]) throws -> String {
    try Python.output(["-c", code] + arguments).split(separator: "\n").last.map(String.init) ?? ""
}
