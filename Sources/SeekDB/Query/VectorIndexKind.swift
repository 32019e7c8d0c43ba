/// Which of a collection's vector indexes a text query searches.
public enum VectorIndexKind: Sendable, Hashable {
    /// The dense `embedding` column, with the collection's embedding function.
    case dense
    /// The `sparse_embedding` column, with the collection's sparse function (for example BM25).
    case sparse
}
