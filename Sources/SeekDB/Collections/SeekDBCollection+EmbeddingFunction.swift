extension SeekDBCollection {
    /// The same collection with another embedding function.
    public func with(embeddingFunction: (any EmbeddingFunction)?) -> SeekDBCollection {
        var copy = SeekDBCollection(
            name: name, id: id, dimension: dimension, distance: distance,
            embeddingFunction: embeddingFunction,
            persistedEmbeddingFunctionName: persistedEmbeddingFunctionName, client: client, table: table,
            sparseVectorIndex: sparseVectorIndex)
        copy.timestampKey = timestampKey
        return copy
    }
}
