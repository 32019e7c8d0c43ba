import SeekDB

/// `get` results as a text table: one row per record, a column per included field.
enum RecordTable {
    static func text(_ result: GetResult) -> String {
        var columns = ["id"]
        if result.documents != nil { columns.append("document") }
        if result.metadatas != nil { columns.append("metadata") }
        if result.embeddings != nil { columns.append("embedding") }
        let rows = result.records.map { record in
            var row = [record.id]
            if result.documents != nil { row.append(record.document ?? "") }
            if result.metadatas != nil { row.append(JSONOutput(record.metadata ?? [:]).text) }
            if result.embeddings != nil { row.append(record.embedding.map { JSONOutput($0).text } ?? "") }
            return row
        }
        return Table(columns: columns, rows: rows).text
    }
}
