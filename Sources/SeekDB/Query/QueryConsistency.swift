/// Whether a vector query must see writes made just before it.
///
/// seekdb ≥ 1.3 maintains HNSW indexes **asynchronously**: a record added, updated or
/// upserted now is found by an approximate (index) search a fraction of a second later
/// (about 0.25 s on a quiet server). Deletes are seen at once, as are `get` and filters.
public enum QueryConsistency: Sendable, Hashable {
    /// Approximate search on the vector index, as pyseekdb does. May miss writes from the last
    /// fraction of a second, this client's own included.
    case eventual
    /// The default: approximate search that also sees this client's own recent writes.
    ///
    /// The client remembers, per collection, the ids it added, updated or upserted in the last
    /// 10 seconds (far longer than the index's lag); the query scores those records exactly
    /// (`WHERE _id IN (…)`, the same distance and filters) beside the index search and merges
    /// the two lists by distance. With no recent writes it costs nothing; with some, one more
    /// primary-key statement per query vector. Past 1,000 recent ids in a collection it
    /// refreshes the index instead, like ``readYourWrites``. Writes of other clients are seen as
    /// with ``eventual``.
    case session
    /// Read your own writes: refresh the vector indexes first
    /// (``SeekDBCollection/refreshIndex(logger:)``, about 0.5 s), then search the index.
    /// Sees every write committed before the call.
    case readYourWrites
    /// Exact search: scan and rank every record without the index. Sees every committed
    /// write with no refresh, and returns the true nearest neighbours; its cost grows with
    /// the collection's size (fine for thousands of records, slow for millions).
    case exact
}
