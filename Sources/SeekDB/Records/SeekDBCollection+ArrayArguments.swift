public import Logging

/// The write and read calls with plain Swift arrays: ids in a `[String]` variable, and lists
/// of `[[Float]]`, `[String]` and `[Metadata]` (or their optional-element forms, where `nil`
/// means "leave this record's field as it is" or "none"). Each runs the call taking ``IDs``,
/// ``Embeddings``, ``Documents`` and ``Metadatas``; a literal may resolve to either overload, and
/// both do the same.
///
/// ```swift
/// let ids = records.map(\.id)                       // [String]
/// try await collection.add(ids: ids, embeddings: vectors, documents: texts)
/// let found = try await collection.get(ids: ids)
/// ```
extension SeekDBCollection {
    /// ``add(ids:embeddings:documents:metadatas:logger:)`` with plain arrays.
    public func add(
        ids: [String], embeddings: [[Float]?]? = nil, documents: [String?]? = nil,
        metadatas: [Metadata?]? = nil, logger: Logger? = nil
    ) async throws {
        try await add(
            ids: IDs(ids), embeddings: embeddings.map(Embeddings.init), documents: documents.map(Documents.init),
            metadatas: metadatas.map(Metadatas.init), logger: logger)
    }

    /// `update(ids:…)` (the call taking ``IDs``)
    /// with plain arrays.
    @discardableResult
    public func update(
        ids: [String], embeddings: [[Float]?]? = nil, documents: [String?]? = nil,
        metadatas: [Metadata?]? = nil, metadataMode: MetadataUpdateMode = .replace,
        where metadataFilter: MetadataFilter? = nil, whereDocument: DocumentFilter? = nil,
        missing: MissingRecordPolicy = .fail, conflicts: ConflictPolicy = .fail, equalEmbeddings: EqualEmbeddingPolicy = .write,
        returning include: Include? = nil, logger: Logger? = nil
    ) async throws -> UpdateResult {
        try await update(
            ids: IDs(ids), embeddings: embeddings.map(Embeddings.init), documents: documents.map(Documents.init),
            metadatas: metadatas.map(Metadatas.init), metadataMode: metadataMode, where: metadataFilter,
            whereDocument: whereDocument, missing: missing, conflicts: conflicts, equalEmbeddings: equalEmbeddings, returning: include,
            logger: logger)
    }

    /// `upsert(ids:…)` (the call taking ``IDs``)
    /// with plain arrays.
    @discardableResult
    public func upsert(
        ids: [String], embeddings: [[Float]?]? = nil, documents: [String?]? = nil,
        metadatas: [Metadata?]? = nil, metadataMode: MetadataUpdateMode = .replace,
        where metadataFilter: MetadataFilter? = nil, whereDocument: DocumentFilter? = nil,
        conflicts: ConflictPolicy = .fail, equalEmbeddings: EqualEmbeddingPolicy = .write, returning include: Include? = nil,
        logger: Logger? = nil
    ) async throws -> UpsertResult {
        try await upsert(
            ids: IDs(ids), embeddings: embeddings.map(Embeddings.init), documents: documents.map(Documents.init),
            metadatas: metadatas.map(Metadatas.init), metadataMode: metadataMode, where: metadataFilter,
            whereDocument: whereDocument, conflicts: conflicts, equalEmbeddings: equalEmbeddings, returning: include, logger: logger)
    }

    /// ``get(ids:where:whereDocument:limit:offset:include:logger:)`` for ids in a `[String]`.
    public func get(
        ids: [String], where metadataFilter: MetadataFilter? = nil, whereDocument: DocumentFilter? = nil,
        limit: Int? = nil, offset: Int = 0, include: Include = .default,
        logger: Logger? = nil
    ) async throws -> GetResult {
        try await get(
            ids: IDs(ids), where: metadataFilter, whereDocument: whereDocument, limit: limit, offset: offset,
            include: include, logger: logger)
    }

    /// ``delete(ids:where:whereDocument:logger:)`` for ids in a `[String]`.
    @discardableResult
    public func delete(
        ids: [String], where metadataFilter: MetadataFilter? = nil, whereDocument: DocumentFilter? = nil,
        logger: Logger? = nil
    ) async throws -> Int {
        try await delete(ids: IDs(ids), where: metadataFilter, whereDocument: whereDocument, logger: logger)
    }
}
