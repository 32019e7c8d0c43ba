/// The one error type the SDK throws (besides `CancellationError`).
///
/// Branch on ``code``; server details are in ``serverError``. ``description`` is safe to log:
/// it never contains passwords, SQL text or bound values.
///
/// ```swift
/// do {
///     try await books.update(ids: ["a", "zz"], metadatas: [["k": 1], ["k": 2]])
/// } catch let error as SeekDBError where error.code == .recordsNotFound {
///     print(error.missingIDs)   // ["zz"]
/// }
/// ```
public struct SeekDBError: Error, Sendable {
    /// What kind of failure this is. New codes may be added in later versions.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Sendable {
            case connectionFailed, authenticationFailed, permissionDenied, duplicateKey, unknownTable
            case dimensionMismatch, connectionClosed, timeout, cancelled, invalidArgument
            case collectionNotFound, collectionExists, recordsNotFound, databaseNotFound
            case embeddingFailed, server, decodingFailed, clientClosed, tlsFailed
            case serverBinaryNotFound, serverStartFailed, unsupportedDerivedColumn, unsupportedCollection, conditionFailed
        }
        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// The server could not be reached (wrong host or port, server down, connect timeout).
        public static let connectionFailed = Code(.connectionFailed)
        /// The server refused the user name or password (1045).
        public static let authenticationFailed = Code(.authenticationFailed)
        /// The user lacks a privilege for the statement (1142, 1143, 1044).
        public static let permissionDenied = Code(.permissionDenied)
        /// A record with the same id already exists (1062).
        public static let duplicateKey = Code(.duplicateKey)
        /// A table the call needs does not exist (1146).
        public static let unknownTable = Code(.unknownTable)
        /// An embedding's length differs from the collection's dimension (checked before any
        /// SQL is sent; also the server's 7600 and 1210 vector errors).
        public static let dimensionMismatch = Code(.dimensionMismatch)
        /// The connection was lost (2006, 2013) or closed; the statement's outcome is unknown
        /// unless it ran inside a transaction, which is then rolled back by the server.
        public static let connectionClosed = Code(.connectionClosed)
        /// A timeout: connect, read or write timeout, server query timeout (4012) or lock wait (1205).
        public static let timeout = Code(.timeout)
        /// The running statement was interrupted because its task was cancelled (1317).
        public static let cancelled = Code(.cancelled)
        /// An argument is invalid; nothing was sent to the server.
        public static let invalidArgument = Code(.invalidArgument)
        /// No collection has this name.
        public static let collectionNotFound = Code(.collectionNotFound)
        /// A collection with this name already exists.
        public static let collectionExists = Code(.collectionExists)
        /// Some ids do not exist; see ``SeekDBError/missingIDs``. Nothing was changed.
        public static let recordsNotFound = Code(.recordsNotFound)
        /// No database has this name.
        public static let databaseNotFound = Code(.databaseNotFound)
        /// The embedding function failed or is missing.
        public static let embeddingFailed = Code(.embeddingFailed)
        /// Any other server error; see ``SeekDBError/serverError``.
        public static let server = Code(.server)
        /// A value read from the server could not be decoded.
        public static let decodingFailed = Code(.decodingFailed)
        /// The client was closed before the call.
        public static let clientClosed = Code(.clientClosed)
        /// TLS was required but could not be established.
        public static let tlsFailed = Code(.tlsFailed)
        /// ``LocalServer`` found no `seekdb` executable (the message lists where it looked).
        public static let serverBinaryNotFound = Code(.serverBinaryNotFound)
        /// ``LocalServer`` could not start a seekdb or reach a running one (the message carries
        /// the tail of the server's log).
        public static let serverStartFailed = Code(.serverStartFailed)

        /// The write would change a column that another column is derived from (the sparse
        /// vector from its source, for example), and the SDK cannot compute the derived column
        /// (the message names the function and the column). Nothing was sent: a write never
        /// leaves a derived column stale. Writes that do not touch the source, and reads, work.
        public static let unsupportedDerivedColumn = Code(.unsupportedDerivedColumn)
        /// The collection exists but is of a kind this SDK cannot serve (a namespace collection,
        /// which only LakeBase serves); the message says which.
        public static let unsupportedCollection = Code(.unsupportedCollection)

        /// A conditional write found records that exist but no longer match its condition;
        /// see ``SeekDBError/conflictIDs``. Nothing was changed.
        public static let conditionFailed = Code(.conditionFailed)

        public var description: String { base.rawValue }
    }

    /// The error as the server or libmariadb reported it.
    public struct ServerError: Sendable, Hashable {
        /// The error number (`mysql_errno`): server errors are 1000–7999, client errors 2000–2999.
        public var number: UInt32
        /// The SQLSTATE, for example `42000`.
        public var sqlState: String
        /// The message of the server or client library.
        public var message: String
    }

    /// What kind of failure this is.
    public var code: Code
    /// What went wrong, in words. Never contains passwords or bound values.
    public var message: String
    /// The server's (or client library's) error, when the failure came from there.
    public var serverError: ServerError?
    /// For ``Code/recordsNotFound`` (and skipped records): the ids that do not exist.
    public var missingIDs: [String]
    /// For ``Code/conditionFailed``: the ids of records that exist but did not match the condition.
    public var conflictIDs: [String]
    /// The error this one wraps, if any (for example an embedding function's error).
    public var underlying: (any Error)?

    /// Creates an error. SDK code uses this; applications rarely need to.
    public init(
        _ code: Code, _ message: String, serverError: ServerError? = nil,
        missingIDs: [String] = [], conflictIDs: [String] = [], underlying: (any Error)? = nil
    ) {
        self.code = code
        self.message = message
        self.serverError = serverError
        self.missingIDs = missingIDs
        self.conflictIDs = conflictIDs
        self.underlying = underlying
    }

    /// The server's error number, if the failure came from the server or client library.
    public var serverErrorNumber: UInt32? { serverError?.number }
}

extension SeekDBError: CustomStringConvertible, CustomDebugStringConvertible {
    public var description: String {
        var text = "SeekDBError.\(code): \(message)"
        if let serverError { text += " (error \(serverError.number), SQLSTATE \(serverError.sqlState))" }
        return text
    }

    public var debugDescription: String {
        var text = description
        if let serverError, !message.contains(serverError.message) { text += "; server said: \(serverError.message)" }
        if let underlying { text += "; underlying: \(underlying)" }
        return text
    }
}

extension SeekDBError.Code {
    /// Pattern-match on a code: `catch SeekDBError.Code.permissionDenied { … }`.
    public static func ~= (code: SeekDBError.Code, error: any Error) -> Bool {
        (error as? SeekDBError)?.code == code
    }
}

extension SeekDBError {
    static func invalidArgument(_ message: String) -> SeekDBError {
        SeekDBError(.invalidArgument, message)
    }
}
