/// Turns a filter key into a JSON path for `JSON_EXTRACT(metadata, ?)`.
///
/// A key is split at dots into object members (`"a.b"` → `$."a"."b"`); every member is a
/// quoted, escaped path leg, so any character — quotes, spaces, `')`, `$`, `*` — is matched
/// literally. The path is then **bound as a parameter**, never written into SQL text, so no
/// key can change a statement.
enum MetadataPath {
    /// Checks that a key is non-empty and has no empty member (`"a..b"`, `".a"`, `"a."`).
    static func validate(_ key: String, context: String) throws(SeekDBError) {
        guard !key.isEmpty else { throw .invalidArgument("\(context): a metadata key is empty") }
        if key.split(separator: ".", omittingEmptySubsequences: false).contains(where: \.isEmpty) {
            throw .invalidArgument("\(context): metadata key '\(key)' has an empty part between dots; dots separate nested object keys")
        }
    }

    /// The JSON path of a validated key: `$."a"."b"`.
    static func jsonPath(_ key: String) -> String {
        var path = "$"
        for member in key.split(separator: ".", omittingEmptySubsequences: false) {
            path += "."
            JSONWriter.writeString(String(member), into: &path)
        }
        return path
    }
}
