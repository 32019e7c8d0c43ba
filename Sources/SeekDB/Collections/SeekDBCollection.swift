/// A handle on one collection: its table, dimension, distance and embedding function.
///
/// Get one from ``SeekDBClient/createCollection(name:configuration:embeddingFunction:logger:)``,
/// ``SeekDBClient/getCollection(name:embeddingFunction:logger:)`` or
/// ``SeekDBClient/getOrCreateCollection(name:configuration:embeddingFunction:logger:)``.
/// The handle is a small `Sendable` value; the records live on the server.
public struct SeekDBCollection: Sendable {
    /// The collection's name as stored in the catalog.
    public let name: String
    /// The 32-hex-digit collection id, or `nil` for a legacy (`c$v1$`) collection.
    public let id: String?
    /// Length of every embedding in this collection.
    public let dimension: Int
    /// The vector index's distance metric, or `nil` if it could not be read.
    public let distance: DistanceMetric?
    /// Computes embeddings for documents given without embeddings, and for text queries.
    public let embeddingFunction: (any EmbeddingFunction)?
    /// The embedding function's name stored in the collection settings (e.g. `"default"`), if any.
    public let persistedEmbeddingFunctionName: String?
    /// The collection's sparse vector index, when pyseekdb gave it one: what the sparse column
    /// is derived from and by which function.
    public let sparseVectorIndex: SparseVectorIndexSettings?
    /// The client the collection belongs to.
    public let client: SeekDBClient
    /// The metadata key every write through this handle sets to the server's time, or `nil`
    /// (the default). Set it with ``with(timestampKey:)``.
    public internal(set) var timestampKey: String?
    /// The table holding the records (`c$v2$<id>` or `c$v1$<name>`).
    let table: String

    init(
        name: String, id: String?, dimension: Int, distance: DistanceMetric?,
        embeddingFunction: (any EmbeddingFunction)?, persistedEmbeddingFunctionName: String?,
        client: SeekDBClient, table: String, sparseVectorIndex: SparseVectorIndexSettings? = nil
    ) {
        self.sparseVectorIndex = sparseVectorIndex
        self.name = name
        self.id = id
        self.dimension = dimension
        self.distance = distance
        self.embeddingFunction = embeddingFunction
        self.persistedEmbeddingFunctionName = persistedEmbeddingFunctionName
        self.client = client
        self.table = table
    }

    /// The table name quoted for SQL. It is built from a hex id or a validated name only.
    var quotedTable: String { SQLIdentifier.quoted(table) }

    /// The statements this collection's record table is read and written with.
    var statements: RecordStatements { RecordStatements(table: quotedTable, timestampKey: timestampKey) }
}
