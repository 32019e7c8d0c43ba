import SeekDBDriver

/// The `where` and `whereDocument` arguments of one call, compiled and checked before any SQL.
struct RecordFilter: Sendable {
    /// The conditions joined with AND, or `nil` when neither filter is given.
    let condition: SQLFragment?

    init(where metadata: MetadataFilter?, whereDocument document: DocumentFilter?, operation: SeekDBOperation) throws(SeekDBError) {
        var parts: [SQLFragment] = []
        if let metadata { parts.append(try metadata.sql(context: "\(operation): where")) }
        if let document { parts.append(document.sql()) }
        condition = parts.isEmpty ? nil : SQLFragment(parts.map(\.sql).joined(separator: " AND "), parts.flatMap(\.parameters))
    }

    /// ` WHERE <condition>`, or nothing.
    var whereClause: SQLFragment {
        guard let condition else { return SQLFragment("") }
        return SQLFragment(" WHERE " + condition.sql, condition.parameters)
    }

    /// ` AND (<condition>)`, to follow an id condition, or nothing.
    var andClause: SQLFragment {
        guard let condition else { return SQLFragment("") }
        return SQLFragment(" AND (" + condition.sql + ")", condition.parameters)
    }
}
