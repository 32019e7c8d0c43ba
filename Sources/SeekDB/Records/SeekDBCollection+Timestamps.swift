extension SeekDBCollection {
    /// The same collection, with every write through it stamping a metadata key with the
    /// server's current time (`nil` turns it off).
    ///
    /// `add`, `update(ids:)`, `upsert` and `update(where:)` then set `metadata[key]` in the same
    /// statement that writes the record, on every record they write: no read-modify-write, no
    /// client clock. A record written without metadata gets `{key: time}`; in merge mode the
    /// other keys stay. The time is UTC in ISO 8601 with milliseconds,
    /// `"2026-11-30T02:02:46.709Z"`: the form ``MetadataEncoder`` writes a `Date` in by default,
    /// so `result.metadatas(as: Note.self)` decodes it into a `Date`, and strings of this form
    /// sort as time does, so range filters work:
    ///
    /// ```swift
    /// let notes = try collection.with(timestampKey: "updated_at")
    /// try await notes.update(ids: ["a"], documents: ["new text"])
    /// let recent = try await notes.get(where: .field("updated_at") >= "2026-11-30T00:00:00.000Z")
    /// ```
    ///
    /// The setting lives in this handle only (pyseekdb does not know it): writes through other
    /// handles or clients do not stamp.
    ///
    /// - Throws: ``SeekDBError/Code/invalidArgument`` unless `key` is 1–64 ASCII letters,
    ///   digits, `_` or `-` (it is written into the statement's JSON path, so nothing else is
    ///   accepted); ``SeekDBError/Code/unsupportedDerivedColumn`` when the collection's sparse
    ///   vectors are computed from that metadata key.
    public func with(timestampKey key: String?) throws(SeekDBError) -> SeekDBCollection {
        if let key {
            let allowed = key.utf8.allSatisfy { byte in
                (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                    || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
            }
            guard (1...64).contains(key.utf8.count), allowed else {
                throw .invalidArgument("timestampKey must be 1-64 ASCII letters, digits, '_' or '-', got '\(key)'")
            }
            // The stamp is written in SQL, without recomputing anything: a key that a sparse vector
            // is derived from would leave that vector stale.
            if case .metadata(let source)? = sparseVectorIndex?.source, Array(source.utf8) == Array(key.utf8) {
                throw SeekDBError(
                    .unsupportedDerivedColumn,
                    "timestampKey '\(key)' is the source of this collection's sparse vectors; stamping it would leave them stale")
            }
        }
        var copy = self
        copy.timestampKey = key
        return copy
    }
}
