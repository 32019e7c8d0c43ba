import Logging

/// Interrupts a running statement from a second, short-lived connection.
///
/// A handle blocked in a libmariadb call cannot be interrupted from its own thread; seekdb
/// answers `KILL QUERY <session id>` by failing the statement with 1317 and keeping the
/// session usable.
enum QueryKiller {
    /// Sends `KILL QUERY` until `finished()` says the statement has returned: a KILL that
    /// reaches the server before the statement does interrupts nothing, so one more follows
    /// every 250 ms while the statement still runs (at most 40). A kill that cannot connect is
    /// tried again too: on a busy machine a fresh connection can take seconds, and a kill that
    /// never arrives leaves the cancelled call waiting for its statement timeout (a lock wait:
    /// the full `queryTimeout`).
    static func kill(
        sessionID: UInt64, configuration: MariaDBConnection.Configuration, until finished: @Sendable () -> Bool
    ) async {
        var configuration = configuration
        configuration.initCommands = []
        let logger = Logger(label: "seekdb.cancel", factory: { _ in SwiftLogNoOpLogHandler() })
        for _ in 1...40 where !finished() {
            do {
                let killer = try await MariaDBConnection.connect(configuration, logger: logger)
                let killed: Result<ResultSet, any Error>
                do { killed = .success(try await killer.query("KILL QUERY \(sessionID)", logger: logger)) } catch {
                    killed = .failure(error)
                }
                await killer.close()
                _ = try killed.get()
            } catch let error as DriverError where error.number == MariaDBErrorNumber.unknownThread {
                return  // the statement (and its session) ended already
            } catch {
                // Best effort: try again; the statement timeout is the backstop.
            }
            if finished() { return }
            try? await Task.sleep(for: .milliseconds(250))
        }
    }
}
