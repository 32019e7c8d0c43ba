import Logging
import SeekDBDriver

extension MariaDBConnection {
    /// seekdb's "Schema try again": its schema service is busy with another DDL statement and
    /// asks the client to send the statement again.
    static let schemaTryAgain: UInt32 = 5627

    /// Runs a DDL statement, sending it again (up to 5 times, pausing 100, 200, … ms) while
    /// seekdb answers 5627 "Schema try again", which happens when DDL from other sessions
    /// runs at the same moment. Other errors are thrown at once.
    func executeDDL(_ sql: String, logger: Logger) async throws {
        for attempt in 1... {
            do {
                _ = try await query(sql, logger: logger)
                return
            } catch let error as DriverError where error.number == Self.schemaTryAgain && attempt < 5 {
                logger.debug("seekdb asked to retry a DDL statement (5627 Schema try again)", metadata: ["attempt": "\(attempt)"])
                try await Task.sleep(for: .milliseconds(100 * attempt))
            }
        }
    }
}
