public import Logging
import SeekDBDriver

extension SeekDBCollection {
    /// Full-text and vector search fused by reciprocal rank, through the server's
    /// `DBMS_HYBRID_SEARCH.SEARCH` (one statement; the search parameters are a bound JSON value).
    ///
    /// ```swift
    /// let hits = try await notes.hybridSearch(fullText: "swift concurrency",
    ///                                         vector: .text("how do actors work"),
    ///                                         where: .field("lang") == "en", nResults: 5)
    /// for (id, score) in zip(hits.ids, hits.scores) { print(id, score) }   // higher is better
    /// ```
    ///
    /// With both legs, each ranks its candidates (`where` applies to both) and the result is
    /// ordered by the reciprocal-rank-fusion score; with one leg, by that leg's score; with only
    /// `where`, the matching records in storage order. The scores are always higher-is-better
    /// (``HybridSearchResult/scoreKind``).
    ///
    /// Differences from `get` / `query`, all from the server's search language:
    /// - `fullText` is matched like ``DocumentFilter/contains(_:)``; punctuation is treated as
    ///   a word separator (the server splices the text into SQL unescaped, so only letters,
    ///   digits and spaces are sent).
    /// - In `where`, equality is SQL `=`: an array field does not match a value it contains;
    ///   values must be strings, numbers or booleans without quotes or backslashes, and keys
    ///   must not contain quotes, backslashes or backticks. Such filters are refused, not sent.
    /// - Like approximate `query`, the vector leg may miss writes from the last fraction of a
    ///   second; call ``refreshIndex(logger:)`` first to read your own writes.
    ///
    /// - Parameters:
    ///   - fullText: words to find in the documents (the full-text leg).
    ///   - vector: the vector leg's query embedding or text.
    ///   - metadataFilter: (`where:`) a metadata condition both legs apply.
    ///   - nResults: records to return, 1…16384. Default 10.
    ///   - vectorCandidates: how many nearest neighbours the vector leg ranks. Default `nResults`.
    ///   - fusion: reciprocal-rank-fusion parameters (used when both legs are given).
    ///   - include: fields besides ids and scores. Default documents and metadatas.
    ///   - logger: logs the statements at debug level; the client's logger by default.
    /// - Throws: ``SeekDBError/Code/invalidArgument`` (nothing to search for, `nResults` out of
    ///   range, a filter the server cannot take safely, a bad vector) or
    ///   ``SeekDBError/Code/dimensionMismatch`` before any SQL is sent.
    public func hybridSearch(
        fullText: String? = nil, vector: HybridVectorQuery? = nil,
        where metadataFilter: MetadataFilter? = nil, nResults: Int = 10,
        vectorCandidates: Int? = nil, fusion: ReciprocalRankFusion = .init(),
        include: Include = .default, logger: Logger? = nil
    ) async throws -> HybridSearchResult {
        try await client.withCall(.hybridSearch, collection: name) { [self] in
            let operation = SeekDBOperation.hybridSearch
            try Self.validateNResults(nResults)
            if let vectorCandidates { try Self.validateNResults(vectorCandidates) }
            let filter = try metadataFilter?.searchDSL(context: "\(operation): where")
            let words = try fullText.map { text throws(SeekDBError) in try Self.fullTextWords(text, operation: operation) }
            guard words != nil || vector != nil || filter != nil else {
                throw SeekDBError.invalidArgument("\(operation): give fullText, vector, or a where filter that narrows the records")
            }
            var queryVector: [Float]?
            switch vector {
            case .embedding(let embedding): queryVector = try validateQueryVectors([embedding])[0]
            case .text(let text): queryVector = try validateQueryVectors(try await embedQueryTexts([text], operation: operation))[0]
            case nil: queryVector = nil
            }

            var parameters: [(key: String, value: JSONValue)] = []
            let filters: [JSONValue] = filter.map { [$0] } ?? []
            if let words {
                let match = JSONValue.object([
                    ("query_string", .object([("fields", .array([.string("document")])), ("query", .string(words))]))
                ])
                parameters.append(
                    (
                        "query",
                        filters.isEmpty ? match : .object([("bool", .object([("must", .array([match])), ("filter", .array(filters))]))])
                    ))
            } else if queryVector == nil {
                parameters.append(("query", .object([("bool", .object([("filter", .array(filters))]))])))
            }
            if let queryVector {
                var knn: [(key: String, value: JSONValue)] = [
                    ("field", .string("embedding")), ("k", .int(Int64(vectorCandidates ?? nResults))),
                    ("query_vector", .array(queryVector.map { .double(Double($0)) }))
                ]
                if !filters.isEmpty { knn.append(("filter", .array(filters))) }
                parameters.append(("knn", .object(knn)))
            }
            parameters.append(("size", .int(Int64(nResults))))
            if words != nil, queryVector != nil {
                var rrf: [(key: String, value: JSONValue)] = []
                if let windowSize = fusion.windowSize { rrf.append(("rank_window_size", .int(Int64(windowSize)))) }
                if let rankConstant = fusion.rankConstant { rrf.append(("rank_constant", .int(Int64(rankConstant)))) }
                parameters.append(("rank", .object([("rrf", .object(rrf))])))
            }
            var source: [JSONValue] = [.string("_id")]
            if include.contains(.documents) { source.append(.string("document")) }
            if include.contains(.metadatas) { source.append(.string("metadata")) }
            if include.contains(.embeddings) { source.append(.string("embedding")) }
            parameters.append(("_source", .array(source)))
            let searchParameters = try JSONWriter.string(.object(parameters))

            let result = try await client.withDriverConnection(logger: logger, collection: name, table: table, retry: .read) {
                connection, logger in
                try await connection.execute(RecordStatements.hybridSearch, [.string(table), .string(searchParameters)], logger: logger)
            }
            return try Self.decodeHybridRows(result.rows.first?.first ?? .null, include: include)
        }
    }

    /// Letters, digits and spaces of a full-text query; everything else becomes a space.
    static func fullTextWords(_ text: String, operation: SeekDBOperation) throws(SeekDBError) -> String {
        let words = String(text.map { $0.isLetter || $0.isNumber ? $0 : " " })
            .split(separator: " ").joined(separator: " ")
        guard !words.isEmpty else { throw .invalidArgument("\(operation): fullText has no words to search for") }
        return words
    }

    /// `[{"_id": …, "_score": …, "document": …, "metadata": {…}, "embedding": "[…]"}, …]`.
    static func decodeHybridRows(_ value: SQLValue, include: Include) throws(SeekDBError) -> HybridSearchResult {
        var result = HybridSearchResult()
        if include.contains(.documents) { result.documents = [] }
        if include.contains(.metadatas) { result.metadatas = [] }
        if include.contains(.embeddings) { result.embeddings = [] }
        guard let text = value.stringValue else { return result }
        let rows: JSONValue
        do { rows = try JSONReader.parse(text) } catch {
            throw SeekDBError(.decodingFailed, "hybridSearch: the server's result is not valid JSON: \(error)")
        }
        guard case .array(let elements) = rows else {
            throw SeekDBError(.decodingFailed, "hybridSearch: the server's result is not a list")
        }
        for row in elements {
            guard case .string(let id) = row["_id"] else {
                throw SeekDBError(.decodingFailed, "hybridSearch: a result row has no string _id")
            }
            result.ids.append(id)
            result.scores.append(MetadataValue(row["_score"] ?? .null).doubleValue ?? 0)
            if include.contains(.documents) {
                if case .string(let document) = row["document"] {
                    result.documents?.append(document)
                } else {
                    result.documents?.append(nil)
                }
            }
            if include.contains(.metadatas) {
                switch row["metadata"] {
                case .null?, nil: result.metadatas?.append(nil)
                case let value?: result.metadatas?.append(MetadataCodec.metadata(from: value))
                }
            }
            if include.contains(.embeddings) {
                if case .string(let embedding) = row["embedding"] {
                    result.embeddings?.append(try RecordDecoding.embedding(.string(embedding)))
                } else {
                    result.embeddings?.append(nil)
                }
            }
        }
        return result
    }
}
