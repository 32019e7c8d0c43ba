import SeekDBDriver

/// The fields a write sets on one record. Records with the same fields share a statement.
struct ChangedFields: OptionSet, Hashable, Sendable {
    let rawValue: Int
    static let document = ChangedFields(rawValue: 1 << 0)
    static let metadata = ChangedFields(rawValue: 1 << 1)
    static let embedding = ChangedFields(rawValue: 1 << 2)
    /// The sparse vector, derived from the document or a metadata key.
    static let sparseEmbedding = ChangedFields(rawValue: 1 << 3)

    /// Column names in the order statements list them.
    var columns: [String] {
        var columns: [String] = []
        if contains(.document) { columns.append("document") }
        if contains(.metadata) { columns.append("metadata") }
        if contains(.embedding) { columns.append("embedding") }
        if contains(.sparseEmbedding) { columns.append("sparse_embedding") }
        return columns
    }
}

/// Validated changes for `update` and `upsert`: every check is done and every embedding
/// computed before a statement is sent. Metadata is kept as given (validated) and encoded to
/// JSON per statement by ``StatementBatcher``, so no second copy of the whole call is built.
struct RecordChanges: Sendable {
    let ids: [String]
    var documents: [String?]?
    let metadatas: [Metadata?]?
    var embeddings: [[Float]?]
    /// Sparse vectors recomputed from a changed source (`nil` entries: source unchanged), or
    /// `nil` for a collection without a sparse index.
    var sparseEmbeddings: [SparseVector?]?
    /// Records whose sparse vector the caller gave (kept even when their document is unchanged).
    var givenSparseEmbeddings: Set<Int> = []
    let operation: SeekDBOperation
    /// Records given a document but no embedding whose embedding is still to be computed (when
    /// ``SeekDBCollection/prepareChanges(ids:embeddings:documents:metadatas:metadataMode:operation:computeEmbeddings:)``
    /// was asked not to compute them yet). Empty once computed.
    var pendingEmbeddings: [Int] = []

    /// The fields given for record `index`.
    func fields(at index: Int) -> ChangedFields {
        var fields: ChangedFields = []
        if documents?[index] != nil { fields.insert(.document) }
        if metadatas?[index] != nil { fields.insert(.metadata) }
        if embeddings[index] != nil { fields.insert(.embedding) }
        if sparseEmbeddings?[index] != nil { fields.insert(.sparseEmbedding) }
        return fields
    }

    /// Parameters of record `index` for `fields`: the id, then the fields in column order.
    func appendParameters(at index: Int, fields: ChangedFields, to parameters: inout [SQLValue]) throws(SeekDBError) {
        parameters.append(RecordStatements.idValue(ids[index]))
        if fields.contains(.document) { parameters.append(documents?[index].map(SQLValue.string) ?? .null) }
        if fields.contains(.metadata) {
            if let metadata = metadatas?[index] {
                parameters.append(.string(try MetadataCodec.encode(metadata, record: SeekDBCollection.recordName(operation, index, ids))))
            } else {
                parameters.append(.null)
            }
        }
        if fields.contains(.embedding) { parameters.append(embeddings[index].map(SQLValue.vector) ?? .null) }
        if fields.contains(.sparseEmbedding) { parameters.append(sparseEmbeddings?[index].map { .string($0.text) } ?? .null) }
    }

    /// The distinct sets of fields the records change, in a fixed order (not the order of
    /// the call), so that concurrent calls take their row locks in the same order. Records with
    /// the same set share statements.
    func fieldSets() -> [ChangedFields] {
        var seen = Set<ChangedFields>()
        for index in ids.indices { seen.insert(fields(at: index)) }
        seen.remove([])  // records left with nothing to write (an unchanged document)
        return seen.sorted { $0.rawValue < $1.rawValue }
    }

    /// Indexes of the records that change exactly `fields` and that `included` accepts, sorted
    /// by the bytes of their ids: the primary key's order. Statements then lock rows in the
    /// same order in every call, so two calls on overlapping ids given in different orders
    /// wait for each other instead of deadlocking (seekdb finds such a deadlock only after
    /// seconds, error 1213, or the statement timeout ends both calls first).
    func records(changing fields: ChangedFields, including included: (Int) -> Bool) -> [Int] {
        var indexes = ids.indices.filter { self.fields(at: $0) == fields && included($0) }
        indexes.sort { ids[$0].utf8.lexicographicallyPrecedes(ids[$1].utf8) }
        return indexes
    }

    /// Sends every record that `included` accepts with exactly `fields` (absent values bound as
    /// `NULL`), in the order given, in batched statements built by `statement(rows)`: the rows of
    /// an `add`.
    func sendAll(
        fields: ChangedFields, including included: (Int) -> Bool = { _ in true }, statement: (Int) -> String,
        execute: (_ sql: String, _ parameters: [SQLValue]) async throws -> Void
    ) async throws {
        let batcher = StatementBatcher(placeholdersPerRow: 1 + fields.columns.count)
        _ = try await batcher.run(ids.indices.filter(included)) { index, parameters throws(SeekDBError) in
            try appendParameters(at: index, fields: fields, to: &parameters)
        } send: { rows, parameters in
            try await execute(statement(rows), parameters)
            return true
        }
    }

    /// Sends the records that change `fields` and that `included` accepts, in batched
    /// statements built by `statement(rows)`; see ``StatementBatcher/run(_:appendRow:send:)``.
    func send(
        fields: ChangedFields, including included: (Int) -> Bool = { _ in true },
        statement: (Int) -> String,
        execute: (_ sql: String, _ rows: Int, _ parameters: [SQLValue]) async throws -> Bool
    ) async throws -> Bool {
        let batcher = StatementBatcher(placeholdersPerRow: 1 + fields.columns.count)
        return try await batcher.run(records(changing: fields, including: included)) { index, parameters throws(SeekDBError) in
            try appendParameters(at: index, fields: fields, to: &parameters)
        } send: { rows, parameters in
            try await execute(statement(rows), rows, parameters)
        }
    }
}

extension SeekDBCollection {
    /// Checks the arguments of `update` / `upsert` and computes the embeddings of records
    /// given a document but no embedding. Sends no SQL.
    ///
    /// - Parameter computeEmbeddings: `false` leaves the embeddings of documents given without
    ///   one uncomputed (listed in ``RecordChanges/pendingEmbeddings``), for a caller that first
    ///   reads which documents actually changed.
    func prepareChanges(
        ids: IDs, embeddings: Embeddings?, sparseEmbeddings: SparseEmbeddings? = nil, documents: Documents?,
        metadatas: Metadatas?, metadataMode: MetadataUpdateMode, operation: SeekDBOperation,
        computeEmbeddings: Bool = true
    ) async throws -> RecordChanges {
        let ids = ids.values
        // `add` writes whole records: every field is set (absent ones to NULL), and each record
        // needs a vector, given or computed; update and upsert change only what is given.
        let adding = operation == .add
        try RecordValidation.validateIDs(ids, operation: operation)
        guard adding || embeddings != nil || sparseEmbeddings != nil || documents != nil || metadatas != nil else {
            throw SeekDBError.invalidArgument("\(operation): nothing to change; give embeddings, documents or metadatas")
        }
        try RecordValidation.validateCount(sparseEmbeddings?.values.count, name: "sparseEmbeddings", ids: ids.count, operation: operation)
        let givenSparse = Set(ids.indices.filter { sparseEmbeddings?.values[$0] != nil })
        try RecordValidation.validateCount(embeddings?.values.count, name: "embeddings", ids: ids.count, operation: operation)
        try RecordValidation.validateCount(documents?.values.count, name: "documents", ids: ids.count, operation: operation)
        try RecordValidation.validateCount(metadatas?.values.count, name: "metadatas", ids: ids.count, operation: operation)
        for index in ids.indices
        where !adding && embeddings?.values[index] == nil && documents?.values[index] == nil
            && metadatas?.values[index] == nil && !givenSparse.contains(index)
        {
            throw SeekDBError.invalidArgument("\(operation): the record at index \(index) (id '\(ids[index])') has nothing to change")
        }
        try validateMetadatas(metadatas?.values, ids: ids, operation: operation)
        let sparse = try await self.sparseEmbeddings(
            ids: ids, given: sparseEmbeddings?.values, documents: documents?.values, metadatas: metadatas?.values,
            metadataMode: metadataMode, inserts: operation != .update, operation: operation)
        if !computeEmbeddings {
            let given = embeddings?.values ?? Array(repeating: nil, count: ids.count)
            try validateGivenEmbeddings(given, ids: ids, operation: operation)
            if adding, let missing = ids.indices.first(where: { given[$0] == nil && documents?.values[$0] == nil }) {
                throw Self.neitherEmbeddingNorDocument(missing, ids: ids, operation: operation)
            }
            let pending = ids.indices.filter { given[$0] == nil && documents?.values[$0] != nil }
            if !pending.isEmpty && embeddingFunction == nil { throw missingEmbeddingFunction(operation) }
            return RecordChanges(
                ids: ids, documents: documents?.values, metadatas: metadatas?.values,
                embeddings: given, sparseEmbeddings: sparse, givenSparseEmbeddings: givenSparse, operation: operation,
                pendingEmbeddings: pending)
        }
        let vectors = try await completeEmbeddings(
            ids: ids, given: embeddings?.values, documents: documents?.values,
            requireAll: adding, operation: operation)
        return RecordChanges(
            ids: ids, documents: documents?.values, metadatas: metadatas?.values,
            embeddings: vectors, sparseEmbeddings: sparse, givenSparseEmbeddings: givenSparse, operation: operation)
    }
}

extension RecordChanges {
    /// Drops the documents of `unchanged` (they equal the stored ones), and the sparse vectors
    /// derived from them unless given, so those records are neither re-embedded nor rewritten.
    mutating func dropDocuments(_ unchanged: Set<Int>) {
        for index in unchanged {
            documents?[index] = nil
            if !givenSparseEmbeddings.contains(index) { sparseEmbeddings?[index] = nil }  // derived from the unchanged document
        }
        pendingEmbeddings.removeAll { unchanged.contains($0) }
    }

    /// The ids of the records at `indexes`, in the order given.
    func ids(at indexes: Set<Int>) -> [String] { indexes.sorted().map { ids[$0] } }
}
