public import Logging

/// The pyseekdb spellings that leave the embedding function out: the collection then uses
/// `DefaultEmbeddingFunction` (all-MiniLM-L6-v2, computed locally), exactly as pyseekdb does
/// when its `embedding_function` argument is not given.
extension SeekDBClient {
    /// Creates a collection that embeds documents with `DefaultEmbeddingFunction` (384
    /// dimensions) and records `"default"` in its settings, so pyseekdb restores its own default.
    ///
    /// - Parameters:
    ///   - name: 1…512 characters from `[A-Za-z0-9_]`.
    ///   - configuration: `nil` for 384 dimensions and cosine distance.
    ///   - logger: logs the statements at debug level; the client's logger by default.
    /// - Throws: as ``createCollection(name:configuration:embeddingFunction:logger:)``.
    public func createCollection(
        name: String, configuration: HNSWConfiguration? = nil,
        logger: Logger? = nil
    ) async throws -> SeekDBCollection {
        try await withCall(.createCollection, collection: name) { [self] in
            try await createCollection(
                name: name, configuration: configuration,
                embeddingFunction: DefaultEmbeddingFunction(), logger: logger)
        }
    }

    /// ``getCollection(name:using:logger:)`` if it exists, otherwise
    /// ``createCollection(name:configuration:logger:)``.
    public func getOrCreateCollection(
        name: String, configuration: HNSWConfiguration? = nil,
        logger: Logger? = nil
    ) async throws -> SeekDBCollection {
        try await withCall(.getOrCreateCollection, collection: name) { [self] in
            try CollectionName.validate(name)
            try configuration?.validate()
            return try await getOrCreate(
                get: { try await self.getCollection(name: name, logger: logger) },
                create: { try await self.createCollection(name: name, configuration: configuration, logger: logger) })
        }
    }
}
