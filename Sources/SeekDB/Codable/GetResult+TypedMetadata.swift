extension GetResult {
    /// Every record's metadata decoded as a `T`, in the order of ``ids``:
    /// `let books = try result.metadatas(as: Book.self)`.
    ///
    /// A record without metadata (SQL `NULL`) fails unless `T` accepts `null`: ask for
    /// `Book?.self` to get `nil` for such records.
    ///
    /// - Throws: ``SeekDBError`` — ``SeekDBError/Code/invalidArgument`` when the result was read
    ///   without ``Include/metadatas``; ``SeekDBError/Code/decodingFailed`` naming the record
    ///   and where its metadata does not fit `T` (the `DecodingError` is the ``SeekDBError/underlying`` error).
    public func metadatas<T: Decodable>(as type: T.Type, decoder: MetadataDecoder = MetadataDecoder()) throws -> [T] {
        guard let metadatas else { throw MetadataDecoding.notIncluded() }
        return try ids.indices.map { index in
            try MetadataDecoding.decode(type, from: metadatas[index], id: ids[index], decoder: decoder)
        }
    }
}

extension GetResult.Record {
    /// This record's metadata decoded as a `T` (`T?` accepts a record without metadata).
    ///
    /// - Throws: ``SeekDBError/Code/decodingFailed`` naming the record and where its metadata
    ///   does not fit `T`.
    public func metadata<T: Decodable>(as type: T.Type, decoder: MetadataDecoder = MetadataDecoder()) throws -> T {
        try MetadataDecoding.decode(type, from: metadata, id: id, decoder: decoder)
    }
}
