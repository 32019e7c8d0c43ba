/// Checks record arguments before any SQL is sent; every failure names the offending index or id.
enum RecordValidation {
    /// The `_id` column is `varbinary(512)`.
    static let maximumIDBytes = 512

    /// Non-empty list, no empty id, none over 512 bytes, no duplicates. Ids are compared by
    /// their UTF-8 bytes, as the `varbinary` column does: `"é"` and `"e\u{301}"` are two ids,
    /// although Swift's `==` calls them equal.
    static func validateIDs(_ ids: [String], operation: SeekDBOperation) throws(SeekDBError) {
        guard !ids.isEmpty else { throw .invalidArgument("\(operation): ids must not be empty") }
        for (index, id) in ids.enumerated() {
            if id.isEmpty { throw .invalidArgument("\(operation): the id at index \(index) is empty") }
            if id.utf8.count > maximumIDBytes {
                throw .invalidArgument(
                    "\(operation): the id at index \(index) is \(id.utf8.count) bytes long; at most \(maximumIDBytes) are allowed")
            }
        }
        if let again = firstRepeatedIndex(ids) {
            throw .invalidArgument("\(operation): id '\(ids[again])' appears more than once (again at index \(again))")
        }
    }

    /// The smallest index whose id's bytes equal an earlier id's, or `nil`.
    ///
    /// Sorts (hash of the bytes, index) pairs and compares the bytes only within runs of equal
    /// hashes: 16 bytes per id, where a set of byte arrays would hold a copy of every id.
    static func firstRepeatedIndex(_ ids: [String]) -> Int? {
        var keys = ids.indices.map { (hash: utf8Hash(ids[$0]), index: $0) }
        keys.sort { ($0.hash, $0.index) < ($1.hash, $1.index) }
        var first: Int?
        var runStart = 0
        for position in keys.indices.dropFirst() {
            if keys[position].hash != keys[runStart].hash {
                runStart = position
                continue
            }
            // Within a run, indexes ascend: the earliest equal id before this one repeats it.
            let later = keys[position].index
            if let found = first, found <= later { continue }
            if keys[runStart..<position].contains(where: { ids[$0.index].utf8.elementsEqual(ids[later].utf8) }) {
                first = later
            }
        }
        return first
    }

    private static func utf8Hash(_ id: String) -> Int {
        var hasher = Hasher()
        var id = id
        id.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
        return hasher.finalize()
    }

    /// A list given for the records must have one entry per id.
    static func validateCount(_ count: Int?, name: String, ids: Int, operation: SeekDBOperation) throws(SeekDBError) {
        if let count, count != ids {
            throw .invalidArgument("\(operation): \(count) \(name) given for \(ids) ids; give one per id")
        }
    }

    /// Length equals the collection's dimension and every component is finite.
    static func validateEmbedding(
        _ embedding: [Float], dimension: Int, index: Int, id: String, operation: SeekDBOperation
    ) throws(SeekDBError) {
        guard embedding.count == dimension else {
            throw SeekDBError(
                .dimensionMismatch,
                "\(operation): the embedding at index \(index) (id '\(id)') has \(embedding.count) dimensions; the collection has "
                    + "\(dimension)"
            )
        }
        // A branch-free pass over the exponent bits (all ones only for NaN and ±infinity) first;
        // the position is looked up only for the message.
        var nonFinite: UInt32 = 0
        for value in embedding { nonFinite |= (value.bitPattern & 0x7F80_0000) == 0x7F80_0000 ? 1 : 0 }
        if nonFinite != 0, let bad = embedding.firstIndex(where: { !$0.isFinite }) {
            throw .invalidArgument("\(operation): the embedding at index \(index) (id '\(id)') has a non-finite value at position \(bad)")
        }
    }
}
