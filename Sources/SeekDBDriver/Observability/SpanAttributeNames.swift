/// The OpenTelemetry attribute names the SDK sets on its spans (database client semantic
/// conventions), and the `db.system.name` it reports.
package enum SpanAttributeNames {
    package static let systemName = "db.system.name"
    package static let namespace = "db.namespace"
    package static let collectionName = "db.collection.name"
    package static let operationName = "db.operation.name"
    package static let batchSize = "db.operation.batch.size"
    package static let querySummary = "db.query.summary"
    package static let responseStatusCode = "db.response.status_code"
    package static let serverAddress = "server.address"
    package static let serverPort = "server.port"
    package static let errorType = "error.type"
    /// Texts given to an embedding function (SDK-specific).
    package static let embeddingTexts = "seekdb.embedding.texts"
    /// `dense` or `sparse` (SDK-specific).
    package static let embeddingKind = "seekdb.embedding.kind"

    /// `db.system.name`: seekdb is OceanBase's engine; OpenTelemetry has no well-known value
    /// for it, so the SDK reports `oceanbase` for seekdb and OceanBase alike.
    package static let system = "oceanbase"
}

extension MariaDBConnection.Configuration {
    /// `server.address` and `server.port` (the socket path and no port for a Unix socket).
    package var serverAttributes: (address: String, port: Int?) {
        switch endpoint {
        case .tcp(let host, let port): (host, port)
        case .unixSocket(let path): (path, nil)
        }
    }
}
