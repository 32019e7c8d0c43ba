/// Encodes and decodes metadata as the JSON text the `metadata` column stores.
enum MetadataCodec {
    /// JSON text of a metadata object. `record` names the record in an error message; it is
    /// built only when there is an error (writes encode every record of a call).
    /// - Throws: ``SeekDBError/Code/invalidArgument`` naming the record and the value's path
    ///   for NaN or infinity, which JSON cannot hold, and for an empty top-level key or one
    ///   starting with `$` (filters read `$`-keys as operators, so such a key could never be
    ///   filtered on).
    static func encode(_ metadata: Metadata, record: @autoclosure () -> String) throws(SeekDBError) -> String {
        try checkKeys(metadata, record: record())
        do {
            return try JSONWriter.string(MetadataValue.object(metadata).json)
        } catch {
            throw nonFinite(at: error.path, record: record())
        }
    }

    /// Throws what ``encode(_:record:)`` would throw, without building the JSON text.
    static func validate(_ metadata: Metadata, record: @autoclosure () -> String) throws(SeekDBError) {
        try checkKeys(metadata, record: record())
        // The common case costs one walk without building any path; the path is looked up
        // only for the message.
        if metadata.values.contains(where: \.containsNonFinite), let path = firstNonFinite(in: .object(metadata), path: "$") {
            throw nonFinite(at: path, record: record())
        }
    }

    private static func checkKeys(_ metadata: Metadata, record: @autoclosure () -> String) throws(SeekDBError) {
        guard metadata.keys.contains(where: { $0.isEmpty || $0.utf8.first == UInt8(ascii: "$") }) else { return }
        if let key = metadata.keys.sorted().first(where: { $0.isEmpty || $0.hasPrefix("$") }) {
            throw .invalidArgument(
                key.isEmpty
                    ? "metadata of \(record()) has an empty key"
                    : "metadata of \(record()) has the key '\(key)'; top-level keys must not start with '$', which filters reserve for "
                        + "operators"
            )
        }
    }

    /// The path of the first NaN or infinity in the order ``JSONWriter`` writes (keys sorted).
    private static func firstNonFinite(in value: MetadataValue, path: String) -> String? {
        switch value {
        case .double(let d): return d.isFinite ? nil : path
        case .array(let elements):
            for (index, element) in elements.enumerated() {
                if let found = firstNonFinite(in: element, path: "\(path)[\(index)]") { return found }
            }
            return nil
        case .object(let members):
            for key in members.keys.sorted() {
                if let found = firstNonFinite(in: members[key]!, path: "\(path).\(key)") { return found }
            }
            return nil
        default: return nil
        }
    }

    private static func nonFinite(at path: String, record: String) -> SeekDBError {
        .invalidArgument("metadata of \(record) has a non-finite number at \(path); JSON cannot store NaN or infinity")
    }

    /// Decodes the column's JSON text. pyseekdb also stores non-object JSON (a list, say);
    /// such a value is returned under the single key `"$value"` so nothing is hidden.
    static func decode(_ text: String) throws(SeekDBError) -> Metadata {
        let value: JSONValue
        do { value = try JSONReader.parse(text) } catch {
            throw SeekDBError(.decodingFailed, "metadata is not valid JSON: \(error)")
        }
        return metadata(from: value)
    }

    /// The metadata of a parsed JSON value: an object's members, or any other value under the
    /// single key `"$value"` (see ``decode(_:)``).
    static func metadata(from value: JSONValue) -> Metadata {
        guard case .object(let members) = value else { return ["$value": MetadataValue(value)] }
        return Dictionary(members.map { ($0.key, MetadataValue($0.value)) }, uniquingKeysWith: { _, last in last })
    }
}
