import Foundation

/// The SQL that defines a collection's table (create, fork, drop), and reading a definition back.
/// The catalog's statements are in ``CatalogStatements``.
enum TableDefinition {
    /// `FORK TABLE`: a copy-on-write copy of `source` (records and indexes) named `target`.
    /// Both names are built from hex ids or validated names, never from user text.
    static func fork(_ source: String, to target: String) -> String {
        "FORK TABLE \(SQLIdentifier.quoted(source)) TO \(SQLIdentifier.quoted(target))"
    }

    /// `DROP TABLE IF EXISTS` of `table`.
    static func dropTable(_ table: String) -> String { "DROP TABLE IF EXISTS \(SQLIdentifier.quoted(table))" }

    /// `c$v2$<32 hex>` for catalogued collections.
    static func v2TableName(id: String) -> String { "c$v2$\(id)" }
    /// `c$v1$<name>` for legacy collections.
    static func v1TableName(name: String) -> String { "c$v1$\(name)" }

    /// The collection table, with the columns, full-text index and vector index pyseekdb uses.
    /// `table` is built from a validated name or a hex id, never from user text.
    /// With `sparse`, the `sparse_embedding SPARSEVECTOR` column and its `idx_sparse` index
    /// follow, as pyseekdb creates them.
    static func createTable(
        _ table: String, configuration: HNSWConfiguration,
        sparse: SparseVectorIndexConfiguration? = nil
    ) -> String {
        var index = "DISTANCE=\(configuration.distance.rawValue), TYPE=\(configuration.type.rawValue), LIB=vsag"
        if let m = configuration.m { index += ", M=\(m)" }
        if let efConstruction = configuration.efConstruction { index += ", EF_CONSTRUCTION=\(efConstruction)" }
        if let efSearch = configuration.efSearch { index += ", EF_SEARCH=\(efSearch)" }
        return """
            CREATE TABLE \(SQLIdentifier.quoted(table)) (
              _id varbinary(512) PRIMARY KEY NOT NULL,
              document string,
              embedding vector(\(configuration.dimension)),
              \(sparse == nil ? "" : "sparse_embedding SPARSEVECTOR,\n  ")metadata json,
              FULLTEXT INDEX idx_fts(document) WITH PARSER ik,
              VECTOR INDEX idx_vec (embedding) WITH (\(index))\(sparse.map { ",\n  VECTOR INDEX idx_sparse (sparse_embedding) WITH "
                  + "(\($0.indexOptions))" } ?? "")
            ) ORGANIZATION = HEAP
            """
    }

    /// Dimension from a `VECTOR(N)` column type such as `VECTOR(384)`.
    static func dimension(fromColumnType type: String) -> Int? {
        let upper = type.uppercased()
        guard let open = upper.range(of: "VECTOR("), let close = upper.range(of: ")", range: open.upperBound..<upper.endIndex) else {
            return nil
        }
        return Int(upper[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces))
    }

    /// Dimension and distance from `SHOW CREATE TABLE`: the `embedding` column's `VECTOR(N)` and
    /// the first `DISTANCE=` (the dense index is printed before any sparse one), as pyseekdb reads them.
    static func parse(showCreateTable sql: String) -> (dimension: Int?, distance: DistanceMetric?) {
        var dimension: Int?
        if let column = sql.range(of: "`embedding` ", options: .caseInsensitive) {
            dimension = self.dimension(fromColumnType: String(sql[column.upperBound...].prefix(40)))
        }
        return (dimension, distance(fromIndexParameters: sql))
    }

    /// Distance from index parameters such as `DISTANCE=COSINE, TYPE=HNSW, …`.
    static func distance(fromIndexParameters text: String) -> DistanceMetric? {
        guard let key = text.range(of: "DISTANCE", options: .caseInsensitive) else { return nil }
        let rest = text[key.upperBound...].drop { $0 == " " || $0 == "=" }
        let name = rest.prefix { $0.isLetter || $0.isNumber || $0 == "_" }
        return DistanceMetric(serverName: String(name))
    }
}
