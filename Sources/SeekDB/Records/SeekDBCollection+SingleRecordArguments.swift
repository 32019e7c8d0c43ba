public import Logging

/// The write and read calls for one record given as plain values: the id in a `String`
/// variable, one embedding as `[Float]` (pyseekdb accepts one `List[float]` for one id), one
/// document as a `String` and one ``Metadata``. Each runs the call taking ``IDs``,
/// ``Embeddings``, ``Documents`` and ``Metadatas``; a literal may resolve to either overload, and
/// both do the same.
///
/// ```swift
/// let id = "dune"
/// try await collection.add(ids: id, embeddings: [0.1, 0.2, 0.3], documents: text, metadatas: metadata)
/// try await collection.update(ids: id, metadatas: ["read": true], metadataMode: .merge)
/// ```
extension SeekDBCollection {
    /// ``add(ids:embeddings:documents:metadatas:logger:)`` for one record.
    public func add(
        ids id: String, embeddings embedding: [Float]? = nil, documents document: String? = nil,
        metadatas metadata: Metadata? = nil, logger: Logger? = nil
    ) async throws {
        try await add(
            ids: IDs(id), embeddings: embedding.map(Embeddings.init(oneRecord:)), documents: document.map { Documents($0) },
            metadatas: metadata.map(Metadatas.init), logger: logger)
    }

    /// `update(ids:…)` (the call taking ``IDs``)
    /// for one record: one statement, no transaction (a transaction with `returning:`).
    @discardableResult
    public func update(
        ids id: String, embeddings embedding: [Float]? = nil, documents document: String? = nil,
        metadatas metadata: Metadata? = nil, metadataMode: MetadataUpdateMode = .replace,
        where metadataFilter: MetadataFilter? = nil, whereDocument: DocumentFilter? = nil,
        missing: MissingRecordPolicy = .fail, conflicts: ConflictPolicy = .fail, equalEmbeddings: EqualEmbeddingPolicy = .write,
        returning include: Include? = nil, logger: Logger? = nil
    ) async throws -> UpdateResult {
        try await update(
            ids: IDs(id), embeddings: embedding.map(Embeddings.init(oneRecord:)), documents: document.map { Documents($0) },
            metadatas: metadata.map(Metadatas.init), metadataMode: metadataMode, where: metadataFilter,
            whereDocument: whereDocument, missing: missing, conflicts: conflicts, equalEmbeddings: equalEmbeddings, returning: include,
            logger: logger)
    }

    /// `upsert(ids:…)` (the call taking ``IDs``)
    /// for one record.
    @discardableResult
    public func upsert(
        ids id: String, embeddings embedding: [Float]? = nil, documents document: String? = nil,
        metadatas metadata: Metadata? = nil, metadataMode: MetadataUpdateMode = .replace,
        where metadataFilter: MetadataFilter? = nil, whereDocument: DocumentFilter? = nil,
        conflicts: ConflictPolicy = .fail, equalEmbeddings: EqualEmbeddingPolicy = .write, returning include: Include? = nil,
        logger: Logger? = nil
    ) async throws -> UpsertResult {
        try await upsert(
            ids: IDs(id), embeddings: embedding.map(Embeddings.init(oneRecord:)), documents: document.map { Documents($0) },
            metadatas: metadata.map(Metadatas.init), metadataMode: metadataMode, where: metadataFilter,
            whereDocument: whereDocument, conflicts: conflicts, equalEmbeddings: equalEmbeddings, returning: include, logger: logger)
    }

    /// ``get(ids:where:whereDocument:limit:offset:include:logger:)`` for an id in a `String`.
    public func get(
        ids id: String, where metadataFilter: MetadataFilter? = nil, whereDocument: DocumentFilter? = nil,
        limit: Int? = nil, offset: Int = 0, include: Include = .default,
        logger: Logger? = nil
    ) async throws -> GetResult {
        try await get(
            ids: IDs(id), where: metadataFilter, whereDocument: whereDocument, limit: limit, offset: offset,
            include: include, logger: logger)
    }

    /// ``delete(ids:where:whereDocument:logger:)`` for an id in a `String`.
    @discardableResult
    public func delete(
        ids id: String, where metadataFilter: MetadataFilter? = nil, whereDocument: DocumentFilter? = nil,
        logger: Logger? = nil
    ) async throws -> Int {
        try await delete(ids: IDs(id), where: metadataFilter, whereDocument: whereDocument, logger: logger)
    }
}

extension Embeddings {
    /// The list for one record's embedding; an empty one stays an empty list, which is what
    /// the literal `[]` gives the list-typed calls, so `embeddings: []` means the same (no
    /// embeddings) whichever overload takes it.
    init(oneRecord embedding: [Float]) {
        self.init(embedding.isEmpty ? [] : [embedding])
    }
}
