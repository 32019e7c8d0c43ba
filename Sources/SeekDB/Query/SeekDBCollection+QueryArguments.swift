public import Logging

/// `query` with plain Swift values: one query vector as `[Float]` (pyseekdb accepts one
/// `List[float]`), several as `[[Float]]`, one text as a `String`, several as `[String]`.
/// Each runs ``query(embeddings:nResults:where:whereDocument:include:consistency:logger:)`` or
/// ``query(texts:nResults:where:whereDocument:include:consistency:logger:)``, with that call's
/// default consistency when `consistency` is `nil`. A literal may
/// resolve to either overload, and both do the same (`embeddings: []` is no query vector at
/// all, whichever overload takes it).
///
/// ```swift
/// let hits = try await books.query(embeddings: vector, nResults: 5)     // vector: [Float]
/// print(hits.ids[0])                                                    // one inner list
/// ```
extension SeekDBCollection {
    /// The records nearest to one query vector; the result has one inner list.
    // Disfavoured so that `embeddings: []`, which this and the `[[Float]]` overload both
    // accept, resolves to the `[[Float]]` one instead of being ambiguous.
    @_disfavoredOverload
    public func query(
        embeddings embedding: [Float], nResults: Int = 10, where metadataFilter: MetadataFilter? = nil,
        whereDocument: DocumentFilter? = nil, include: Include = .queryDefault,
        consistency: QueryConsistency? = nil, logger: Logger? = nil
    ) async throws -> QueryResult {
        try await forwardQuery(
            .embeddings(Embeddings(oneRecord: embedding)), nResults: nResults, where: metadataFilter,
            whereDocument: whereDocument, include: include, consistency: consistency, logger: logger)
    }

    /// The records nearest to each query vector of a `[[Float]]`.
    public func query(
        embeddings: [[Float]], nResults: Int = 10, where metadataFilter: MetadataFilter? = nil,
        whereDocument: DocumentFilter? = nil, include: Include = .queryDefault,
        consistency: QueryConsistency? = nil, logger: Logger? = nil
    ) async throws -> QueryResult {
        try await forwardQuery(
            .embeddings(Embeddings(embeddings)), nResults: nResults, where: metadataFilter,
            whereDocument: whereDocument, include: include, consistency: consistency, logger: logger)
    }

    /// The records nearest to one query text in a `String`; the result has one inner list.
    public func query(
        texts text: String, nResults: Int = 10, where metadataFilter: MetadataFilter? = nil,
        whereDocument: DocumentFilter? = nil, include: Include = .queryDefault,
        consistency: QueryConsistency? = nil, logger: Logger? = nil
    ) async throws -> QueryResult {
        try await forwardQuery(
            .texts(Documents(text)), nResults: nResults, where: metadataFilter,
            whereDocument: whereDocument, include: include, consistency: consistency, logger: logger)
    }

    /// The records nearest to each query text of a `[String]`.
    public func query(
        texts: [String], nResults: Int = 10, where metadataFilter: MetadataFilter? = nil,
        whereDocument: DocumentFilter? = nil, include: Include = .queryDefault,
        consistency: QueryConsistency? = nil, logger: Logger? = nil
    ) async throws -> QueryResult {
        try await forwardQuery(
            .texts(Documents(texts)), nResults: nResults, where: metadataFilter,
            whereDocument: whereDocument, include: include, consistency: consistency, logger: logger)
    }

    private enum QueryInput {
        case embeddings(Embeddings)
        case texts(Documents)
    }

    /// Runs the list-typed `query`. `consistency: nil` leaves the argument out, so these
    /// overloads always have the list-typed call's default rather than a copy of it.
    private func forwardQuery(
        _ input: QueryInput, nResults: Int, where metadataFilter: MetadataFilter?,
        whereDocument: DocumentFilter?, include: Include, consistency: QueryConsistency?,
        logger: Logger?
    ) async throws -> QueryResult {
        switch (input, consistency) {
        case (.embeddings(let embeddings), let consistency?):
            try await query(
                embeddings: embeddings, nResults: nResults, where: metadataFilter, whereDocument: whereDocument,
                include: include, consistency: consistency, logger: logger)
        case (.embeddings(let embeddings), nil):
            try await query(
                embeddings: embeddings, nResults: nResults, where: metadataFilter, whereDocument: whereDocument,
                include: include, logger: logger)
        case (.texts(let texts), let consistency?):
            try await query(
                texts: texts, nResults: nResults, where: metadataFilter, whereDocument: whereDocument,
                include: include, consistency: consistency, logger: logger)
        case (.texts(let texts), nil):
            try await query(
                texts: texts, nResults: nResults, where: metadataFilter, whereDocument: whereDocument,
                include: include, logger: logger)
        }
    }
}
