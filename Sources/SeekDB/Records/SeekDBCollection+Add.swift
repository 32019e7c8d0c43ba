public import Logging
import SeekDBDriver

extension SeekDBCollection {
    /// Adds new records. Runs as batched parameterized INSERTs in one transaction: either every
    /// record is added or none is.
    ///
    /// - Parameters:
    ///   - ids: one id or a list; ids are unique, non-empty, at most 512 bytes of UTF-8.
    ///   - embeddings: one per id. A `nil` entry (or no list) is computed from the record's
    ///     document by the collection's embedding function.
    ///   - sparseEmbeddings: one per id, stored as given, for a collection with a sparse
    ///     vector index. A `nil` entry (or no list) is computed from the record's source
    ///     (document or metadata key) by the collection's sparse function.
    ///   - documents: one per id (`nil` entries for none).
    ///   - metadatas: one per id (`nil` entries for none).
    ///   - logger: logs the statements at debug level; the client's logger by default.
    /// - Throws: ``SeekDBError`` — ``SeekDBError/Code/invalidArgument`` or
    ///   ``SeekDBError/Code/dimensionMismatch`` before any SQL is sent,
    ///   ``SeekDBError/Code/duplicateKey`` if an id exists already,
    ///   ``SeekDBError/Code/embeddingFailed``, ``SeekDBError/Code/permissionDenied``.
    public func add(
        ids: IDs, embeddings: Embeddings? = nil, sparseEmbeddings: SparseEmbeddings? = nil, documents: Documents? = nil,
        metadatas: Metadatas? = nil, logger: Logger? = nil
    ) async throws {
        try await client.withCall(.add, collection: name, batchSize: ids.values.count) { [self] in
            // The same checks and encoding as update and upsert, with add's rules (every
            // record needs a vector; every field is written).
            var changes = try await prepareChanges(
                ids: ids, embeddings: embeddings, sparseEmbeddings: sparseEmbeddings, documents: documents,
                metadatas: metadatas, metadataMode: .replace, operation: .add, computeEmbeddings: false)
            try await changes.embedFirstStage(collection: self)
            // For session-consistent queries, counted from the end of the write (also a failed
            // one, whose outcome may be unknown).
            defer { client.recentWrites.record(changes.ids, table: table) }
            let statements = self.statements
            let fields: ChangedFields =
                changes.sparseEmbeddings == nil
                ? [.document, .metadata, .embedding] : [.document, .metadata, .embedding, .sparseEmbedding]
            try await client.withDriverTransaction(logger: logger, collection: name, table: table, retry: .write) { connection, logger in
                // The other documents are embedded a stage ahead of the INSERTs that write the
                // stage before.
                var changes = changes
                try await changes.writeEmbeddingAhead(collection: self) { changes, stage in
                    try await changes.sendAll(fields: fields, including: { stage[$0] }) { rows in
                        statements.insert(fields: fields, rows: rows)
                    } execute: { sql, parameters in
                        _ = try await connection.execute(sql, parameters, logger: logger)
                    }
                }
            }
        }
    }

    /// Checks every metadata object as ``MetadataCodec/encode(_:record:)`` will, naming the record.
    func validateMetadatas(_ metadatas: [Metadata?]?, ids: [String], operation: SeekDBOperation) throws(SeekDBError) {
        guard let metadatas else { return }
        for (index, metadata) in metadatas.enumerated() {
            if let metadata { try MetadataCodec.validate(metadata, record: Self.recordName(operation, index, ids)) }
        }
    }

    /// "update index 3 (id 'a')", how errors name one record of a call.
    static func recordName(_ operation: SeekDBOperation, _ index: Int, _ ids: [String]) -> String {
        "\(operation) index \(index) (id '\(ids[index])')"
    }

    /// Validates the given embeddings and computes the missing ones from documents.
    ///
    /// - Parameter requireAll: when `true` (add), a record with neither an embedding nor a
    ///   document is an error; otherwise (update) it keeps its current embedding (`nil`).
    func completeEmbeddings(
        ids: [String], given: [[Float]?]?, documents: [String?]?,
        requireAll: Bool, operation: SeekDBOperation
    ) async throws -> [[Float]?] {
        var vectors: [[Float]?] = given ?? Array(repeating: nil, count: ids.count)
        try validateGivenEmbeddings(vectors, ids: ids, operation: operation)
        let needing = vectors.indices.filter { vectors[$0] == nil && documents?[$0] != nil }
        if requireAll, let missing = vectors.indices.first(where: { vectors[$0] == nil && documents?[$0] == nil }) {
            throw Self.neitherEmbeddingNorDocument(missing, ids: ids, operation: operation)
        }
        guard !needing.isEmpty else { return vectors }
        guard embeddingFunction != nil else { throw missingEmbeddingFunction(operation) }
        let computed = try await computeEmbeddings(of: needing.map { documents![$0]! }, at: needing, ids: ids, operation: operation)
        for (offset, index) in needing.enumerated() { vectors[index] = computed[offset] }
        return vectors
    }

    /// The error for an added record with no vector to store.
    static func neitherEmbeddingNorDocument(_ index: Int, ids: [String], operation: SeekDBOperation) -> SeekDBError {
        SeekDBError.invalidArgument(
            "\(operation): the record at index \(index) (id '\(ids[index])') has neither an embedding nor a document to compute "
                + "one from")
    }

    /// Checks the dimension and values of every given embedding.
    func validateGivenEmbeddings(_ vectors: [[Float]?], ids: [String], operation: SeekDBOperation) throws(SeekDBError) {
        for (index, vector) in vectors.enumerated() {
            if let vector {
                try RecordValidation.validateEmbedding(vector, dimension: dimension, index: index, id: ids[index], operation: operation)
            }
        }
    }

    /// Embeds `texts`, the documents of the records at `indexes`, with the collection's function
    /// and checks each vector's dimension.
    func computeEmbeddings(of texts: [String], at indexes: [Int], ids: [String], operation: SeekDBOperation) async throws -> [[Float]] {
        guard let embeddingFunction else { throw missingEmbeddingFunction(operation) }
        let computed = try await embed(texts, with: embeddingFunction, operation: operation, what: "documents")
        for (offset, index) in indexes.enumerated() {
            try RecordValidation.validateEmbedding(
                computed[offset], dimension: dimension, index: index, id: ids[index], operation: operation)
        }
        return computed
    }

    func missingEmbeddingFunction(_ operation: SeekDBOperation) -> SeekDBError {
        SeekDBError.invalidArgument(
            "\(operation): documents were given without embeddings, and collection '\(name)' has no embedding function; give embeddings "
                + "or open the collection with an embedding function"
        )
    }
}
