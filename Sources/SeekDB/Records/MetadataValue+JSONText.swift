extension MetadataValue {
    /// Parses JSON text (any JSON value, e.g. a metadata object read from a file or a command
    /// line). Integers that fit in 64 bits stay ``int(_:)``, other numbers become
    /// ``double(_:)``, so `3` and `3.0` stay apart as they do in pyseekdb.
    ///
    /// ```swift
    /// let metadata = try MetadataValue(json: #"{"chapter": 3, "tags": ["a"]}"#)
    /// ```
    /// - Throws: ``SeekDBError/Code/invalidArgument`` naming the byte offset of a syntax error.
    public init(json text: String) throws(SeekDBError) {
        do {
            self.init(try JSONReader.parse(text))
        } catch {
            throw .invalidArgument(error.description)
        }
    }
}
