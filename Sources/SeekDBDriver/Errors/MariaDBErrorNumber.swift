/// Error numbers the SDK branches on. Server numbers are MySQL's as seekdb returns them
/// (docs/seekdb-server-notes.md, docs/pyseekdb-storage.md); client numbers (2xxx) come from libmariadb.
package enum MariaDBErrorNumber {
    package static let accessDeniedToDatabase: UInt32 = 1044
    /// `KILL` of a session that no longer exists.
    package static let unknownThread: UInt32 = 1094
    package static let accessDenied: UInt32 = 1045
    package static let unknownDatabase: UInt32 = 1049
    package static let tableExists: UInt32 = 1050
    package static let unknownTable: UInt32 = 1051
    package static let duplicateKeyName: UInt32 = 1061
    package static let duplicateEntry: UInt32 = 1062
    package static let tableAccessDenied: UInt32 = 1142
    package static let columnAccessDenied: UInt32 = 1143
    package static let noSuchTable: UInt32 = 1146
    package static let packetTooLarge: UInt32 = 1153
    package static let lockWaitTimeout: UInt32 = 1205
    package static let invalidArgument: UInt32 = 1210
    package static let deadlock: UInt32 = 1213
    package static let queryInterrupted: UInt32 = 1317
    package static let dataTooLong: UInt32 = 1406
    package static let invalidJSONText: UInt32 = 3140
    package static let invalidJSONArgument: UInt32 = 3141
    package static let queryTimeout: UInt32 = 4012
    package static let inconsistentDimension: UInt32 = 7600
    /// seekdb: "Session interrupted" — the session was killed (`KILL <id>`) while a statement ran.
    package static let sessionInterrupted: UInt32 = 5066
    /// seekdb's "Schema try again": its schema service is busy (another DDL statement, or a table
    /// or database created a moment ago not yet visible everywhere) and asks for the statement
    /// again. Nothing was done.
    package static let schemaTryAgain: UInt32 = 5627
    /// OceanBase's OB_EAGAIN "Try again": a transient state of the server (a leader or schema
    /// change in progress). Nothing was done.
    package static let tryAgain: UInt32 = 4023

    /// Server errors that refuse a statement and roll it back, so that it can be sent again: a
    /// lock wait that outlasted its timeout (also how seekdb ends a deadlock), a deadlock, and
    /// the two "try again" answers.
    package static let refusedAndRolledBack: Set<UInt32> = [lockWaitTimeout, deadlock, schemaTryAgain, tryAgain]
    /// The refusals that mean the server is still applying a schema change.
    package static let schemaNotReady: Set<UInt32> = [schemaTryAgain, tryAgain]

    package static let connectionError: UInt32 = 2002
    package static let connectionHostError: UInt32 = 2003
    package static let unknownHost: UInt32 = 2005
    package static let serverGoneAway: UInt32 = 2006
    package static let serverLost: UInt32 = 2013
    package static let commandsOutOfSync: UInt32 = 2014
    package static let sslConnectionError: UInt32 = 2026
    package static let malformedPacket: UInt32 = 2027
    package static let serverLostExtended: UInt32 = 2055

    /// Client errors after which a handle must be discarded.
    package static let brokenConnection: Set<UInt32> = [
        serverGoneAway, serverLost, commandsOutOfSync, malformedPacket, serverLostExtended, sessionInterrupted
    ]
}
