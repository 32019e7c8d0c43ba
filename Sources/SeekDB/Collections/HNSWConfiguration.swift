/// The vector index of a new collection: dimension, distance and HNSW parameters.
///
/// Defaults follow pyseekdb's `HNSWConfiguration`: 384 dimensions (all-MiniLM-L6-v2), cosine
/// distance, plain HNSW; `m`, `efConstruction` and `efSearch` left to the server (16, 200, 64).
public struct HNSWConfiguration: Sendable, Hashable {
    /// Length of every embedding, 1…4096.
    public var dimension: Int
    /// Distance metric of the index.
    public var distance: DistanceMetric
    /// HNSW variant.
    public var type: VectorIndexType
    /// Graph degree, 5…128 (`nil`: server default 16).
    public var m: Int?
    /// Build-time candidate list size, 5…1000 (`nil`: server default 200).
    public var efConstruction: Int?
    /// Search-time candidate list size, 1…1000 (`nil`: server default 64).
    public var efSearch: Int?

    public init(
        dimension: Int = 384, distance: DistanceMetric = .cosine, type: VectorIndexType = .hnsw,
        m: Int? = nil, efConstruction: Int? = nil, efSearch: Int? = nil
    ) {
        self.dimension = dimension
        self.distance = distance
        self.type = type
        self.m = m
        self.efConstruction = efConstruction
        self.efSearch = efSearch
    }

    /// Checks every range pyseekdb checks.
    func validate() throws(SeekDBError) {
        guard (1...4096).contains(dimension) else {
            throw .invalidArgument("dimension must be between 1 and 4096, got \(dimension)")
        }
        if let m, !(5...128).contains(m) { throw .invalidArgument("m must be between 5 and 128, got \(m)") }
        if let efConstruction, !(5...1000).contains(efConstruction) {
            throw .invalidArgument("efConstruction must be between 5 and 1000, got \(efConstruction)")
        }
        if let efSearch, !(1...1000).contains(efSearch) {
            throw .invalidArgument("efSearch must be between 1 and 1000, got \(efSearch)")
        }
    }
}
