import SeekDBDriver

/// The fields a write sets on one record. Records with the same fields share a statement.
struct ChangedFields: OptionSet, Hashable, Sendable {
    let rawValue: Int
    static let document = ChangedFields(rawValue: 1 << 0)
    static let metadata = ChangedFields(rawValue: 1 << 1)
    static let embedding = ChangedFields(rawValue: 1 << 2)

    /// Column names in the order statements list them.
    var columns: [String] {
        var columns: [String] = []
        if contains(.document) { columns.append("document") }
        if contains(.metadata) { columns.append("metadata") }
        if contains(.embedding) { columns.append("embedding") }
        return columns
    }
}

/// Validated, encoded changes for `update` and `upsert`: every check is done and every
/// embedding computed before a statement is sent.
struct RecordChanges: Sendable {
    let ids: [String]
    let documents: [String?]
    let metadataTexts: [String?]
    let embeddings: [[Float]?]

    /// The fields given for record `index`.
    func fields(at index: Int) -> ChangedFields {
        var fields: ChangedFields = []
        if documents[index] != nil { fields.insert(.document) }
        if metadataTexts[index] != nil { fields.insert(.metadata) }
        if embeddings[index] != nil { fields.insert(.embedding) }
        return fields
    }

    /// Estimated bound bytes of record `index`, for chunking.
    func byteCount(at index: Int) -> Int {
        ids[index].utf8.count + (documents[index]?.utf8.count ?? 0) + (metadataTexts[index]?.utf8.count ?? 0)
            + (embeddings[index]?.count ?? 0) * 4
    }

    /// Parameters of record `index` for `fields`: the id, then the fields in column order.
    func appendParameters(at index: Int, fields: ChangedFields, to parameters: inout [SQLValue]) {
        parameters.append(.bytes(Array(ids[index].utf8)))
        if fields.contains(.document) { parameters.append(documents[index].map(SQLValue.string) ?? .null) }
        if fields.contains(.metadata) { parameters.append(metadataTexts[index].map(SQLValue.string) ?? .null) }
        if fields.contains(.embedding) { parameters.append(embeddings[index].map(SQLValue.vector) ?? .null) }
    }

    /// Record indexes grouped by the fields they set, in order of first appearance, each group
    /// split into chunks one statement can carry.
    func statementGroups() -> [(fields: ChangedFields, chunks: [[Int]])] {
        var order: [ChangedFields] = []
        var members: [ChangedFields: [Int]] = [:]
        for index in ids.indices {
            let fields = fields(at: index)
            if members[fields] == nil { order.append(fields) }
            members[fields, default: []].append(index)
        }
        return order.map { fields in
            let indexes = members[fields]!
            let chunker = StatementChunker(placeholdersPerRow: 1 + fields.columns.count)
            let chunks = chunker.chunks(count: indexes.count) { byteCount(at: indexes[$0]) }
            return (fields, chunks.map { Array(indexes[$0]) })
        }
    }
}

extension SeekDBCollection {
    /// Checks the arguments of `update` / `upsert` and computes the embeddings of records
    /// given a document but no embedding. Sends no SQL.
    func prepareChanges(ids: IDs, embeddings: Embeddings?, documents: Documents?, metadatas: Metadatas?,
                        operation: String) async throws -> RecordChanges {
        let ids = ids.values
        try RecordValidation.validateIDs(ids, operation: operation)
        guard embeddings != nil || documents != nil || metadatas != nil else {
            throw SeekDBError.invalidArgument("\(operation): nothing to change; give embeddings, documents or metadatas")
        }
        try RecordValidation.validateCount(embeddings?.values.count, name: "embeddings", ids: ids.count, operation: operation)
        try RecordValidation.validateCount(documents?.values.count, name: "documents", ids: ids.count, operation: operation)
        try RecordValidation.validateCount(metadatas?.values.count, name: "metadatas", ids: ids.count, operation: operation)
        for index in ids.indices where embeddings?.values[index] == nil && documents?.values[index] == nil
            && metadatas?.values[index] == nil {
            throw SeekDBError.invalidArgument("\(operation): the record at index \(index) (id '\(ids[index])') has nothing to change")
        }
        let metadataTexts = try encodeMetadatas(metadatas?.values, ids: ids, operation: operation)
        let vectors = try await completeEmbeddings(ids: ids, given: embeddings?.values, documents: documents?.values,
                                                   requireAll: false, operation: operation)
        return RecordChanges(ids: ids, documents: documents?.values ?? Array(repeating: nil, count: ids.count),
                             metadataTexts: metadataTexts, embeddings: vectors)
    }
}
