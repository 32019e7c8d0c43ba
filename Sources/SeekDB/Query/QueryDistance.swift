/// How a vector query ranks records: the SQL of the distance (lower is nearer, one `?` for the
/// query value) and the column it needs.
struct QueryDistance: Sendable {
    /// `cosine_distance(embedding, CAST(? AS BINARY))`, `negative_inner_product(sparse_embedding, ?)`, ….
    var sql: String
    /// The vector column the distance reads; records where it is `NULL` are never returned.
    var column: String
}
