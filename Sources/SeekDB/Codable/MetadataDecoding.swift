/// Decoding of result metadata into the caller's types, with the SDK's errors.
enum MetadataDecoding {
    static func decode<T: Decodable>(
        _ type: T.Type, from metadata: Metadata?, id: String,
        decoder: MetadataDecoder
    ) throws(SeekDBError) -> T {
        do {
            return try decoder.decode(type, from: metadata.map(MetadataValue.object) ?? .null)
        } catch {
            let detail =
                metadata == nil
                ? "the record has no metadata; decode as \(T.self)? to accept records without metadata"
                : CodingErrorDescription.describe(error)
            throw SeekDBError(.decodingFailed, "metadata of record '\(id)' cannot be decoded as \(T.self): \(detail)", underlying: error)
        }
    }

    static func notIncluded() -> SeekDBError {
        .invalidArgument("the result has no metadatas; read it with include containing .metadatas")
    }
}
