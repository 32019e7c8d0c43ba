/// How `update` and `upsert` write the metadata they are given.
public enum MetadataUpdateMode: Sendable, Hashable {
    /// The given metadata replaces the stored metadata wholesale (pyseekdb's behaviour).
    case replace
    /// The given metadata is applied as an RFC 7396 JSON merge patch by the server: keys in the
    /// patch are set, a `null` value removes its key, nested objects merge, other keys stay.
    case merge
}

/// What `update` does with ids that are not in the collection.
public enum MissingRecordPolicy: Sendable, Hashable {
    /// The whole call fails with ``SeekDBError/Code/recordsNotFound`` listing every missing
    /// id, and nothing changes. The default.
    case fail
    /// The existing records are updated; the missing ids are reported in
    /// ``UpdateResult/skippedIDs``.
    case skip
}

/// What a conditional `update` or `upsert` does with records that exist but no longer match
/// its `where` / `whereDocument` condition.
public enum ConflictPolicy: Sendable, Hashable {
    /// The whole call fails with ``SeekDBError/Code/conditionFailed`` listing those ids in
    /// ``SeekDBError/conflictIDs``, and nothing changes. The default.
    case fail
    /// The matching records are written; the others are reported in `conflictIDs` of the result.
    case skip
}

/// What `update` and `upsert` do with a given embedding that equals the stored one.
///
/// seekdb counts any assignment to a VECTOR column as a change, even of the very same vector,
/// and rewrites the row for it; an equal document or metadata it leaves alone by itself.
public enum EqualEmbeddingPolicy: Sendable, Hashable {
    /// Every given embedding is written (the default). Cheapest for the call: nothing is read
    /// first, and several records go out as one optimistic statement per chunk.
    case write
    /// The rows are locked and the server is asked which given embeddings equal the stored
    /// ones, compared exactly as float32; those are left out of the write and listed in the
    /// result's `unchangedIDs`. For re-sync jobs that send every vector they have but change
    /// few, and want the server to rewrite only those rows. It costs the call a read of every
    /// given record first: measured in Benchmarks/README.md ("Equal embeddings").
    case skip
}

/// What an `update` call changed.
public struct UpdateResult: Sendable, Hashable {
    /// How many records were updated.
    public var updatedCount: Int
    /// Ids that were not found and skipped (only with ``MissingRecordPolicy/skip``), in the
    /// order they were given.
    public var skippedIDs: [String]
    /// Ids of records that exist but did not match the call's condition and were left alone
    /// (only with ``ConflictPolicy/skip``), in the order they were given.
    public var conflictIDs: [String]
    /// Ids (counted in ``updatedCount``) whose new document equals the stored one byte for byte
    /// (not re-embedded, not rewritten), or, with ``EqualEmbeddingPolicy/skip``, whose given
    /// embedding equals the stored one (not rewritten); their other given fields were written.
    public var unchangedIDs: [String]
    /// With `returning:`, the updated records as they are after the write (read in the same
    /// transaction), with the fields asked for, in the order the ids were given; skipped and
    /// conflicting ids are left out. `nil` without `returning:`.
    public var records: GetResult?

    public init(
        updatedCount: Int, skippedIDs: [String] = [], conflictIDs: [String] = [], unchangedIDs: [String] = [],
        records: GetResult? = nil
    ) {
        self.updatedCount = updatedCount
        self.skippedIDs = skippedIDs
        self.conflictIDs = conflictIDs
        self.unchangedIDs = unchangedIDs
        self.records = records
    }
}

/// What an `upsert` call changed.
public struct UpsertResult: Sendable, Hashable {
    /// Ids that did not exist and were inserted, in the order given.
    public var insertedIDs: [String]
    /// Ids that existed and were updated, in the order given.
    public var updatedIDs: [String]
    /// Ids of existing records that did not match the call's condition and were left alone
    /// (only with ``ConflictPolicy/skip``), in the order given.
    public var conflictIDs: [String]
    /// Ids (counted in ``updatedIDs``) whose new document equals the stored one byte for byte
    /// (not re-embedded, not rewritten), or, with ``EqualEmbeddingPolicy/skip``, whose given
    /// embedding equals the stored one (not rewritten); their other given fields were written.
    public var unchangedIDs: [String]
    /// With `returning:`, the inserted and updated records as they are after the write (read in
    /// the same transaction), with the fields asked for, in the order the ids were given;
    /// conflicting ids are left out. `nil` without `returning:`.
    public var records: GetResult?

    public init(
        insertedIDs: [String] = [], updatedIDs: [String] = [], conflictIDs: [String] = [], unchangedIDs: [String] = [],
        records: GetResult? = nil
    ) {
        self.insertedIDs = insertedIDs
        self.updatedIDs = updatedIDs
        self.conflictIDs = conflictIDs
        self.unchangedIDs = unchangedIDs
        self.records = records
    }
}
