public import Logging

/// Record-shaped writes: each record's fields side by side (``RecordInput``) instead of
/// parallel lists. Each call builds the lists and runs the list-shaped call, so validation,
/// batching, transactions and results are exactly those of
/// `add(ids:…)`, `update(ids:…)` and
/// `upsert(ids:…)` taking ``IDs``.
extension SeekDBCollection {
    /// Adds records, in one transaction: either every record is added or none is.
    ///
    /// - Throws: as `add(ids:…)` with the same records.
    public func add(_ records: [RecordInput], logger: Logger? = nil) async throws {
        let columns = RecordColumns(records)
        try await add(
            ids: columns.ids, embeddings: columns.embeddings, sparseEmbeddings: columns.sparseEmbeddings, documents: columns.documents,
            metadatas: columns.metadatas, logger: logger)
    }

    /// Adds one record. The same as ``add(_:logger:)`` with a list of one.
    public func add(_ record: RecordInput, logger: Logger? = nil) async throws {
        try await add([record], logger: logger)
    }

    /// Changes the given fields of existing records, in one transaction; fields left `nil`
    /// stay as they are.
    ///
    /// ```swift
    /// try await books.update([RecordUpdate(id: "a", document: "new text"),
    ///                         try RecordUpdate(id: "b", encoding: Book(title: "Emma", year: 1815))])
    /// ```
    ///
    /// - Returns: as `update(ids:…)` with the same records, which this call becomes.
    /// - Throws: as that call.
    @discardableResult
    public func update(
        _ records: [RecordUpdate], metadataMode: MetadataUpdateMode = .replace,
        where metadataFilter: MetadataFilter? = nil, whereDocument: DocumentFilter? = nil,
        missing: MissingRecordPolicy = .fail, conflicts: ConflictPolicy = .fail, equalEmbeddings: EqualEmbeddingPolicy = .write,
        returning include: Include? = nil, logger: Logger? = nil
    ) async throws -> UpdateResult {
        let columns = RecordColumns(records)
        return try await update(
            ids: columns.ids, embeddings: columns.embeddings, sparseEmbeddings: columns.sparseEmbeddings, documents: columns.documents,
            metadatas: columns.metadatas, metadataMode: metadataMode, where: metadataFilter,
            whereDocument: whereDocument, missing: missing, conflicts: conflicts, equalEmbeddings: equalEmbeddings, returning: include,
            logger: logger)
    }

    /// Changes the given fields of one record: one statement, no transaction (without
    /// `returning:`). The same as
    /// the call taking a list, with a list of one.
    @discardableResult
    public func update(
        _ record: RecordUpdate, metadataMode: MetadataUpdateMode = .replace,
        where metadataFilter: MetadataFilter? = nil, whereDocument: DocumentFilter? = nil,
        missing: MissingRecordPolicy = .fail, conflicts: ConflictPolicy = .fail, equalEmbeddings: EqualEmbeddingPolicy = .write,
        returning include: Include? = nil, logger: Logger? = nil
    ) async throws -> UpdateResult {
        try await update(
            [record], metadataMode: metadataMode, where: metadataFilter, whereDocument: whereDocument,
            missing: missing, conflicts: conflicts, equalEmbeddings: equalEmbeddings, returning: include, logger: logger)
    }

    /// Inserts the records that do not exist and updates the given fields of those that do,
    /// in one transaction.
    ///
    /// - Returns: as `upsert(ids:…)` (the call taking ``IDs``) with the same records.
    /// - Throws: as that call.
    @discardableResult
    public func upsert(
        _ records: [RecordInput], metadataMode: MetadataUpdateMode = .replace,
        where metadataFilter: MetadataFilter? = nil, whereDocument: DocumentFilter? = nil,
        conflicts: ConflictPolicy = .fail, equalEmbeddings: EqualEmbeddingPolicy = .write, returning include: Include? = nil,
        logger: Logger? = nil
    ) async throws -> UpsertResult {
        let columns = RecordColumns(records)
        return try await upsert(
            ids: columns.ids, embeddings: columns.embeddings, sparseEmbeddings: columns.sparseEmbeddings, documents: columns.documents,
            metadatas: columns.metadatas, metadataMode: metadataMode, where: metadataFilter,
            whereDocument: whereDocument, conflicts: conflicts, equalEmbeddings: equalEmbeddings, returning: include, logger: logger)
    }

    /// Inserts or updates one record. The same as the call taking a list, with a list of one.
    @discardableResult
    public func upsert(
        _ record: RecordInput, metadataMode: MetadataUpdateMode = .replace,
        where metadataFilter: MetadataFilter? = nil, whereDocument: DocumentFilter? = nil,
        conflicts: ConflictPolicy = .fail, equalEmbeddings: EqualEmbeddingPolicy = .write, returning include: Include? = nil,
        logger: Logger? = nil
    ) async throws -> UpsertResult {
        try await upsert(
            [record], metadataMode: metadataMode, where: metadataFilter, whereDocument: whereDocument,
            conflicts: conflicts, equalEmbeddings: equalEmbeddings, returning: include, logger: logger)
    }
}
