/// What ``SeekDBCollection/hybridSearch(fullText:vector:where:nResults:vectorCandidates:fusion:include:logger:)``
/// returns: the fused ranking, best first. (pyseekdb nests the same lists in one outer list.)
public struct HybridSearchResult: Sendable, Hashable {
    /// Whether a number in ``scores`` is better when lower or when higher.
    public enum ScoreKind: Sendable, Hashable {
        /// A distance: lower is better.
        case distance
        /// A relevance score: higher is better.
        case score
    }

    /// Record ids, best first.
    public var ids: [String]
    /// Documents, if included.
    public var documents: [String?]?
    /// Metadata, if included.
    public var metadatas: [Metadata?]?
    /// Embeddings, if included.
    public var embeddings: [[Float]?]?
    /// The server's `_score` per record; see ``scoreKind``. Full text and vector together:
    /// the reciprocal-rank-fusion sum `Σ 1 / (rank + rankConstant)` (the server rounds it to 4
    /// decimals); full text alone: the full-text relevance; vector alone: `1 / (1 + distance)`;
    /// a filter alone: 0.
    public var scores: [Double]
    /// Always ``ScoreKind/score`` for hybrid search (higher is better), unlike `query`, whose
    /// distances are lower-is-better.
    public var scoreKind: ScoreKind

    public init(
        ids: [String] = [], documents: [String?]? = nil, metadatas: [Metadata?]? = nil,
        embeddings: [[Float]?]? = nil, scores: [Double] = [], scoreKind: ScoreKind = .score
    ) {
        self.ids = ids
        self.documents = documents
        self.metadatas = metadatas
        self.embeddings = embeddings
        self.scores = scores
        self.scoreKind = scoreKind
    }

    /// Number of records.
    public var count: Int { ids.count }
}

/// Where the vector leg of a hybrid search starts from.
public enum HybridVectorQuery: Sendable, Hashable {
    /// A query embedding of the collection's dimension.
    case embedding([Float])
    /// A text embedded by the collection's embedding function.
    case text(String)
}

/// Reciprocal-rank fusion of the full-text and vector rankings: each record scores
/// `Σ 1 / (rank + rankConstant)` over the rankings it appears in.
public struct ReciprocalRankFusion: Sendable, Hashable {
    /// `k` in `1 / (rank + k)`; `nil` for the server's default (60).
    public var rankConstant: Int?
    /// How many top records of each ranking take part; `nil` for the server's default.
    public var windowSize: Int?

    public init(rankConstant: Int? = nil, windowSize: Int? = nil) {
        self.rankConstant = rankConstant
        self.windowSize = windowSize
    }
}
