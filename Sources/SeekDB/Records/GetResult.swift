/// Records returned by `SeekDBCollection.get(ids:…)` and `get(where:…)`, in
/// pyseekdb's column shape: one array per field, index `i` of each describing record `i`.
public struct GetResult: Sendable, Hashable {
    /// Record ids.
    public var ids: [String]
    /// Documents (`nil` entries for records without one), if included.
    public var documents: [String?]?
    /// Metadata (`nil` entries for records whose metadata is SQL NULL), if included.
    public var metadatas: [Metadata?]?
    /// Embeddings, if included. The server returns vectors as text with 6 significant digits.
    public var embeddings: [[Float]?]?
    /// Sparse vectors (`nil` entries for records without one), if included with
    /// ``Include/sparseEmbeddings``. The server returns weights with 6 significant digits.
    public var sparseEmbeddings: [SparseVector?]?

    public init(
        ids: [String] = [], documents: [String?]? = nil, metadatas: [Metadata?]? = nil, embeddings: [[Float]?]? = nil,
        sparseEmbeddings: [SparseVector?]? = nil
    ) {
        self.ids = ids
        self.documents = documents
        self.metadatas = metadatas
        self.embeddings = embeddings
        self.sparseEmbeddings = sparseEmbeddings
    }

    /// One record of a result, for iteration.
    public struct Record: Sendable, Hashable {
        public var id: String
        public var document: String?
        public var metadata: Metadata?
        public var embedding: [Float]?
    }

    /// The records as rows.
    public var records: [Record] {
        ids.indices.map { index in
            Record(id: ids[index], document: documents?[index], metadata: metadatas?[index], embedding: embeddings?[index])
        }
    }

    /// Number of records.
    public var count: Int { ids.count }
}
