/// What `SeekDBCollection.query(embeddings:…)` and `query(texts:…)` return, in pyseekdb's
/// shape: **one inner list per query**, nearest record first.
///
/// `ids[q][i]`, `documents?[q][i]`, `metadatas?[q][i]`, `embeddings?[q][i]` and
/// `distances?[q][i]` describe the `i`-th hit of query `q`.
public struct QueryResult: Sendable, Hashable {
    /// Record ids per query.
    public var ids: [[String]]
    /// Documents per query (`nil` entries for records without one), if included.
    public var documents: [[String?]]?
    /// Metadata per query (`nil` entries for records whose metadata is SQL NULL), if included.
    public var metadatas: [[Metadata?]]?
    /// Embeddings per query, if included.
    public var embeddings: [[[Float]?]]?
    /// Distances per query, if included (lower is nearer): Euclidean distance for `l2`
    /// collections, `1 − cosine similarity` for `cosine`, and the **negative** inner product
    /// for `inner_product` (so the most similar record, with the largest inner product, has
    /// the smallest distance and comes first).
    public var distances: [[Double]]?

    public init(
        ids: [[String]] = [], documents: [[String?]]? = nil, metadatas: [[Metadata?]]? = nil,
        embeddings: [[[Float]?]]? = nil, distances: [[Double]]? = nil
    ) {
        self.ids = ids
        self.documents = documents
        self.metadatas = metadatas
        self.embeddings = embeddings
        self.distances = distances
    }

    /// One hit of one query, for iteration.
    public struct Hit: Sendable, Hashable {
        public var id: String
        public var document: String?
        public var metadata: Metadata?
        public var embedding: [Float]?
        public var distance: Double?
    }

    /// The hits of query `index`, nearest first.
    public func hits(forQuery index: Int) -> [Hit] {
        ids[index].indices.map { i in
            Hit(
                id: ids[index][i], document: documents?[index][i], metadata: metadatas?[index][i],
                embedding: embeddings?[index][i], distance: distances?[index][i])
        }
    }

    /// Number of queries (outer lists).
    public var count: Int { ids.count }
}
