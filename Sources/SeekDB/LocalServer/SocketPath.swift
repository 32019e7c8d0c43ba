import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The path a client connects through to reach `<data>/run/sql.sock`.
///
/// A Unix socket path must fit `sun_path` (108 bytes with the terminating NUL on Linux, 104 on
/// macOS). The server binds the relative path `run/sql.sock`, so only clients are limited. For a
/// deep data folder the client connects through a short symbolic link
/// `/tmp/seekdb-swift-<uid>-<hash>` → `<data>/run` instead, as pylibseekdb does with its own alias.
enum SocketPath {
    static let maximumLength = 103

    /// `<data>/run/sql.sock`, or the same socket through a short alias when that path is too long.
    ///
    /// - Throws: ``SeekDBError/Code/serverStartFailed`` if the alias cannot be created.
    static func connectable(for directory: DataDirectory) throws(SeekDBError) -> String {
        let direct = directory.socketFile
        if direct.utf8.count <= maximumLength { return direct }
        let alias = "/tmp/seekdb-swift-\(getuid())-\(hash(directory.runDirectory))"
        let manager = FileManager.default
        if let target = try? manager.destinationOfSymbolicLink(atPath: alias), target == directory.runDirectory {
            return alias + "/sql.sock"
        }
        do {
            if (try? manager.attributesOfItem(atPath: alias)) != nil { try manager.removeItem(atPath: alias) }
            try manager.createSymbolicLink(atPath: alias, withDestinationPath: directory.runDirectory)
        } catch {
            throw SeekDBError(
                .serverStartFailed,
                "the socket path \(direct) is longer than \(maximumLength) bytes and the short alias \(alias) could not be created: "
                    + "\(error.localizedDescription)",
                underlying: error)
        }
        return alias + "/sql.sock"
    }

    /// FNV-1a, 64 bits, as 16 hex digits: stable across runs (unlike `Hasher`).
    static func hash(_ text: String) -> String {
        var value: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            value ^= UInt64(byte)
            value &*= 0x100_0000_01b3
        }
        let hex = String(value, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
