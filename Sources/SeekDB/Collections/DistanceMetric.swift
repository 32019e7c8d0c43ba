/// How a collection measures the distance between vectors (its HNSW index's `DISTANCE`).
public enum DistanceMetric: String, Sendable, Hashable, CaseIterable {
    /// Euclidean distance (not squared).
    case l2
    /// `1 − cosine similarity`, in [0, 2].
    case cosine
    /// Inner (dot) product; larger means more similar.
    case innerProduct = "inner_product"

    /// Parses the server's spelling (`L2`, `COSINE`, `INNER_PRODUCT`, `IP`), case-insensitively.
    init?(serverName: String) {
        switch serverName.lowercased() {
        case "l2": self = .l2
        case "cosine": self = .cosine
        case "inner_product", "ip": self = .innerProduct
        default: return nil
        }
    }
}

/// The HNSW variant of a collection's vector index.
public enum VectorIndexType: String, Sendable, Hashable, CaseIterable {
    case hnsw
    /// HNSW with scalar-quantised vectors (less memory).
    case hnswSQ = "hnsw_sq"
    /// HNSW with binary-quantised vectors (least memory).
    case hnswBQ = "hnsw_bq"
}
