/// What ``SeekDBCollection/update(where:whereDocument:metadata:metadataMode:dryRun:returning:logger:)``
/// matched, changed (or, in a dry run, would change), and the records it read back.
public struct UpdateWhereResult: Sendable, Hashable {
    /// The records the filters matched, in primary-key (byte) order.
    public var ids: [String]
    /// The records as they are after the write (in a dry run: as they are now), with the fields
    /// `returning:` asked for, in the order of ``ids``; `nil` without `returning:`.
    public var records: GetResult?
    /// `true` when nothing was written.
    public var isDryRun: Bool

    /// How many records matched (and were updated, unless ``isDryRun``).
    public var matchedCount: Int { ids.count }

    public init(ids: [String], records: GetResult? = nil, isDryRun: Bool) {
        self.ids = ids
        self.records = records
        self.isDryRun = isDryRun
    }
}
