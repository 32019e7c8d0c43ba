import Foundation
import SeekDB

/// `get` and `query` results as a text table: one row per record, a column per included field.
enum RecordTable {
    /// - Parameter distances: a query's distances, shown (to 6 significant digits) after the id.
    static func text(_ result: GetResult, distances: [Double]? = nil) -> String {
        var columns = ["id"]
        if distances != nil { columns.append("distance") }
        if result.documents != nil { columns.append("document") }
        if result.metadatas != nil { columns.append("metadata") }
        if result.embeddings != nil { columns.append("embedding") }
        let rows = result.records.enumerated().map { index, record in
            var row = [record.id]
            if let distances { row.append(String(format: "%.6g", distances[index])) }
            if result.documents != nil { row.append(record.document ?? "") }
            if result.metadatas != nil { row.append(JSONOutput(record.metadata ?? [:]).text) }
            if result.embeddings != nil { row.append(record.embedding.map { JSONOutput($0).text } ?? "") }
            return row
        }
        return Table(columns: columns, rows: rows).text
    }
}
