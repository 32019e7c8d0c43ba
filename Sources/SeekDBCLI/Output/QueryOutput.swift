import SeekDB

extension JSONOutput {
    /// `query`'s result in pyseekdb's shape: `ids`, then `documents`, `metadatas`,
    /// `embeddings` and `distances` for the fields included, one inner list per query.
    init(_ result: QueryResult) {
        var members: [(String, JSONOutput)] = [("ids", .array(result.ids.map { .array($0.map(JSONOutput.string)) }))]
        if let documents = result.documents {
            members.append(("documents", .array(documents.map { .array($0.map { .nullable($0) }) })))
        }
        if let metadatas = result.metadatas {
            members.append(("metadatas", .array(metadatas.map { .array($0.map { JSONOutput($0 ?? [:]) }) })))
        }
        if let embeddings = result.embeddings {
            members.append(("embeddings", .array(embeddings.map { .array($0.map { $0.map(JSONOutput.init) ?? .null }) })))
        }
        if let distances = result.distances {
            members.append(("distances", .array(distances.map { .array($0.map(JSONOutput.double)) })))
        }
        self = .object(members)
    }
}

extension RecordTable {
    /// One table per query, headed `query N:` when there are several; a distance column first.
    static func text(_ result: QueryResult) -> String {
        result.ids.indices.map { query in
            let hits = GetResult(
                ids: result.ids[query], documents: result.documents?[query],
                metadatas: result.metadatas?[query], embeddings: result.embeddings?[query])
            let table = text(hits, distances: result.distances?[query])
            return result.ids.count > 1 ? "query \(query + 1):\n\(table)" : table
        }.joined(separator: "\n\n")
    }
}
