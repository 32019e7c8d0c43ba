/// Checks record arguments before any SQL is sent; every failure names the offending index or id.
enum RecordValidation {
    /// The `_id` column is `varbinary(512)`.
    static let maximumIDBytes = 512

    /// Non-empty list, no empty id, none over 512 bytes, no duplicates. Ids are compared by
    /// their UTF-8 bytes, as the `varbinary` column does: `"é"` and `"e\u{301}"` are two ids,
    /// although Swift's `==` calls them equal.
    static func validateIDs(_ ids: [String], operation: String) throws(SeekDBError) {
        guard !ids.isEmpty else { throw .invalidArgument("\(operation): ids must not be empty") }
        var seen = Set<[UInt8]>()
        seen.reserveCapacity(ids.count)
        for (index, id) in ids.enumerated() {
            if id.isEmpty { throw .invalidArgument("\(operation): the id at index \(index) is empty") }
            if id.utf8.count > maximumIDBytes {
                throw .invalidArgument("\(operation): the id at index \(index) is \(id.utf8.count) bytes long; at most \(maximumIDBytes) are allowed")
            }
            if !seen.insert(Array(id.utf8)).inserted {
                throw .invalidArgument("\(operation): id '\(id)' appears more than once (again at index \(index))")
            }
        }
    }

    /// A list given for the records must have one entry per id.
    static func validateCount(_ count: Int?, name: String, ids: Int, operation: String) throws(SeekDBError) {
        if let count, count != ids {
            throw .invalidArgument("\(operation): \(count) \(name) given for \(ids) ids; give one per id")
        }
    }

    /// Length equals the collection's dimension and every component is finite.
    static func validateEmbedding(_ embedding: [Float], dimension: Int, index: Int, id: String, operation: String) throws(SeekDBError) {
        guard embedding.count == dimension else {
            throw SeekDBError(.dimensionMismatch, "\(operation): the embedding at index \(index) (id '\(id)') has \(embedding.count) dimensions; the collection has \(dimension)")
        }
        if let bad = embedding.firstIndex(where: { !$0.isFinite }) {
            throw .invalidArgument("\(operation): the embedding at index \(index) (id '\(id)') has a non-finite value at position \(bad)")
        }
    }
}
