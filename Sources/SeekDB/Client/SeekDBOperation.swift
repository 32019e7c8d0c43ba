/// The public call a piece of work belongs to.
///
/// Its raw value names the call everywhere the SDK reports it: the prefix of an error message
/// (`update: ids must not be empty`), the `operation` label of the metrics and the span's
/// `db.operation.name`. The raw values are part of the SDK's observable output (dashboards
/// group by them), so a case is never renamed.
enum SeekDBOperation: String, Sendable, CustomStringConvertible {
    case add, update, upsert, delete, get, peek, count, query, hybridSearch
    /// `update(where:…)`: a message prefix only; the call is counted as `update`.
    case updateWhere = "update(where:)"
    /// `update(where:…dryRun: true)`: a message prefix only; the call is counted as `update`.
    case updateWhereDryRun = "update(where:dryRun:)"
    case createCollection, getCollection, getOrCreateCollection, deleteCollection, hasCollection
    case listCollections, countCollections, fork, refreshIndex
    case createDatabase, getDatabase, deleteDatabase, listDatabases
    case execute, executeText

    var description: String { rawValue }
}
