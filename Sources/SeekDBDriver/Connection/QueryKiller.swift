import Logging

/// Interrupts a running statement from a second, short-lived connection.
///
/// A handle blocked in a libmariadb call cannot be interrupted from its own thread; seekdb
/// answers `KILL QUERY <session id>` by failing the statement with 1317 and keeping the
/// session usable.
enum QueryKiller {
    static func kill(sessionID: UInt64, options: ConnectionOptions) async {
        var options = options
        options.connectTimeout = .seconds(5)
        options.initCommands = []
        let logger = Logger(label: "seekdb.cancel", factory: { _ in SwiftLogNoOpLogHandler() })
        do {
            let killer = try await MariaDBConnection.connect(options, logger: logger)
            _ = try? await killer.query("KILL QUERY \(sessionID)", logger: logger)
            await killer.close()
        } catch {
            // Best effort: the read timeout is the backstop.
        }
    }
}
