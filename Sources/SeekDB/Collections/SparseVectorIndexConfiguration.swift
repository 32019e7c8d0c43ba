public import SeekDBEmbeddings

/// The sparse vector index of a new collection, as pyseekdb 1.4's `SparseVectorIndexConfig`
/// creates it: a `sparse_embedding SPARSEVECTOR` column with a `VECTOR INDEX idx_sparse …
/// WITH (DISTANCE=inner_product, TYPE=sindi, LIB=vsag, …)`, filled by ``function`` from
/// ``source``.
///
/// ```swift
/// let notes = try await client.createCollection(
///     name: "notes", configuration: HNSWConfiguration(dimension: 384),
///     embeddingFunction: DefaultEmbeddingFunction(),
///     sparseVectorIndex: SparseVectorIndexConfiguration(function: BM25SparseEmbeddingFunction()))
/// ```
///
/// The function's `SparseEmbeddingFunction.name` and `SparseEmbeddingFunction.properties`
/// are stored in the collection's settings exactly as pyseekdb stores them, so pyseekdb opens
/// the collection with its own function (for `"bm25"`, `BM25SparseEmbeddingFunction`, which
/// computes the same vectors) and both clients keep the column current on every write.
///
/// The index options and their defaults are pyseekdb's; pyseekdb writes every one of them into
/// the index definition, and so does the SDK.
public struct SparseVectorIndexConfiguration: Sendable {
    /// Computes the sparse vectors, for example `BM25SparseEmbeddingFunction`.
    public var function: any SparseEmbeddingFunction
    /// What the sparse vector is computed from: the document (default) or one metadata key.
    public var source: SparseVectorIndexSettings.Source
    /// `prune` of the index (default `false`).
    public var prune: Bool
    /// `refine` of the index (default `false`).
    public var refine: Bool
    /// `drop_ratio_build`, 0.0…0.9 (default 0.0).
    public var dropRatioBuild: Double
    /// `drop_ratio_search`, 0.0…0.9 (default 0.0).
    public var dropRatioSearch: Double
    /// `refine_k`, 1.0…1000.0 (default 4.0).
    public var refineK: Double

    public init(
        function: any SparseEmbeddingFunction, source: SparseVectorIndexSettings.Source = .document,
        prune: Bool = false, refine: Bool = false, dropRatioBuild: Double = 0.0,
        dropRatioSearch: Double = 0.0, refineK: Double = 4.0
    ) {
        self.function = function
        self.source = source
        self.prune = prune
        self.refine = refine
        self.dropRatioBuild = dropRatioBuild
        self.dropRatioSearch = dropRatioSearch
        self.refineK = refineK
    }

    /// Checks every range pyseekdb checks, and the source key.
    func validate() throws(SeekDBError) {
        for (name, value) in [("dropRatioBuild", dropRatioBuild), ("dropRatioSearch", dropRatioSearch)]
        where !(value.isFinite && (0.0...0.9).contains(value)) {
            throw .invalidArgument("sparse vector index: \(name) must be between 0.0 and 0.9, got \(value)")
        }
        guard refineK.isFinite && (1.0...1000.0).contains(refineK) else {
            throw .invalidArgument("sparse vector index: refineK must be between 1.0 and 1000.0, got \(refineK)")
        }
        if case .metadata(let key) = source {
            guard !key.isEmpty, !key.hasPrefix("#") else {
                throw .invalidArgument(
                    "sparse vector index: the source metadata key must be non-empty and must not start with '#', got '\(key)'")
            }
        }
        guard !function.name.isEmpty else {
            throw .invalidArgument("sparse vector index: the sparse embedding function has an empty name; pyseekdb could not attach it")
        }
        do {
            _ = try JSONWriter.string(Self.json(function.properties))
        } catch {
            throw .invalidArgument("sparse vector index: the properties of '\(function.name)' hold a number that is not finite")
        }
    }

    /// The index options pyseekdb writes: `DISTANCE=inner_product, TYPE=sindi, LIB=vsag,
    /// prune=false, refine=false, drop_ratio_build=0.0, drop_ratio_search=0.0, refine_k=4.0`
    /// (numbers as Python prints a float). Only validated numbers and booleans reach the text.
    var indexOptions: String {
        "DISTANCE=inner_product, TYPE=sindi, LIB=vsag, prune=\(prune), refine=\(refine), "
            + "drop_ratio_build=\(dropRatioBuild), drop_ratio_search=\(dropRatioSearch), refine_k=\(refineK)"
    }

    /// The `sparse_vector_index` member of the collection's settings:
    /// `{"source_key": "#document" | KEY, "embedding_function": {"name": …, "properties": {…}}}`.
    var settingsJSON: JSONValue {
        let sourceKey =
            switch source {
            case .document: "#document"
            case .metadata(let key): key
            }
        return .object([
            ("source_key", .string(sourceKey)),
            ("embedding_function", .object([("name", .string(function.name)), ("properties", Self.json(function.properties))]))
        ])
    }

    /// What a collection created with this configuration reads back from its settings, with
    /// the function attached as given.
    var settings: SparseVectorIndexSettings {
        var settings = SparseVectorIndexSettings(
            source: source, functionName: function.name,
            functionPropertiesJSON: try? JSONWriter.string(Self.json(function.properties)))
        settings.attachedFunction = function
        return settings
    }

    static func json(_ properties: [(key: String, value: EmbeddingPropertyValue)]) -> JSONValue {
        .object(properties.map { ($0.key, json($0.value)) })
    }

    static func json(_ value: EmbeddingPropertyValue) -> JSONValue {
        switch value {
        case .null: .null
        case .bool(let flag): .bool(flag)
        case .int(let number): .int(number)
        case .double(let number): .double(number)
        case .string(let text): .string(text)
        case .array(let items): .array(items.map(json))
        case .object(let members): .object(members.sorted { $0.key < $1.key }.map { ($0.key, json($0.value)) })
        }
    }
}
