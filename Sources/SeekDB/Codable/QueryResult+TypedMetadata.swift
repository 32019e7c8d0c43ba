extension QueryResult {
    /// The metadata of every hit decoded as a `T`: one inner list per query, nearest first,
    /// as ``metadatas``. `T?` accepts hits without metadata.
    ///
    /// - Throws: as ``GetResult/metadatas(as:decoder:)``.
    public func metadatas<T: Decodable>(as type: T.Type, decoder: MetadataDecoder = MetadataDecoder()) throws -> [[T]] {
        guard let metadatas else { throw MetadataDecoding.notIncluded() }
        return try ids.indices.map { query in
            try ids[query].indices.map { index in
                try MetadataDecoding.decode(type, from: metadatas[query][index], id: ids[query][index], decoder: decoder)
            }
        }
    }
}

extension QueryResult.Hit {
    /// This hit's metadata decoded as a `T` (`T?` accepts a hit without metadata).
    ///
    /// - Throws: ``SeekDBError/Code/decodingFailed`` naming the record and where its metadata
    ///   does not fit `T`.
    public func metadata<T: Decodable>(as type: T.Type, decoder: MetadataDecoder = MetadataDecoder()) throws -> T {
        try MetadataDecoding.decode(type, from: metadata, id: id, decoder: decoder)
    }
}
