/// Whether a vector query must see writes made just before it.
///
/// seekdb ≥ 1.3 maintains HNSW indexes **asynchronously**: a record added, updated or
/// upserted now is found by an approximate (index) search a fraction of a second later
/// (about 0.25 s on a quiet server). Deletes are seen at once, as are `get` and filters.
public enum QueryConsistency: Sendable, Hashable {
    /// Approximate search on the vector index, as pyseekdb does. Fastest; may miss writes
    /// from the last fraction of a second. The default.
    case eventual
    /// Read your own writes: refresh the vector indexes first
    /// (``SeekDBCollection/refreshIndex(logger:)``, about 0.5 s), then search the index.
    /// Sees every write committed before the call.
    case readYourWrites
    /// Exact search: scan and rank every record without the index. Sees every committed
    /// write with no refresh, and returns the true nearest neighbours; its cost grows with
    /// the collection's size (fine for thousands of records, slow for millions).
    case exact
}
