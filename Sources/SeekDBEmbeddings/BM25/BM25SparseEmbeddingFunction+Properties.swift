extension BM25SparseEmbeddingFunction {
    /// Creates the function from persisted properties, as pyseekdb's `build_from_config` does
    /// when it opens a collection: a missing key takes pyseekdb's default, unknown keys are
    /// ignored, `k`/`b`/`avg_doc_length` accept any JSON number, `dim` an integer (a double is
    /// truncated, as Python's `int()` does), `stopwords` an array of strings or `null`.
    ///
    /// - Throws: ``EmbeddingError`` with ``EmbeddingError/Code/invalidConfiguration`` if a value
    ///   has the wrong type or is out of range, ``EmbeddingError/Code/unsupportedConfiguration``
    ///   if the language is not English (see ``init(k:b:averageDocumentLength:dimension:language:stopwords:)``).
    public init(properties: [(key: String, value: EmbeddingPropertyValue)]) throws(EmbeddingError) {
        func value(_ key: String) -> EmbeddingPropertyValue? { properties.last { $0.key == key }?.value }
        func number(_ key: String, default fallback: Double) throws(EmbeddingError) -> Double {
            guard let given = value(key) else { return fallback }
            guard let number = given.doubleValue else {
                throw EmbeddingError(.invalidConfiguration, "BM25 property \(key) must be a number, got \(given)")
            }
            return number
        }
        let dimension: Int
        switch value("dim") {
        case nil: dimension = Self.defaultDimension
        case .int(let given): dimension = Int(clamping: given)
        case .double(let given) where given.isFinite && abs(given) < 1e15: dimension = Int(given.rounded(.towardZero))
        case let given?:
            throw EmbeddingError(.invalidConfiguration, "BM25 property dim must be an integer, got \(given)")
        }
        let language: String
        switch value("language") {
        case nil: language = "english"
        case .string(let given): language = given
        case let given?: throw EmbeddingError(.invalidConfiguration, "BM25 property language must be a string, got \(given)")
        }
        var stopwords: [String]?
        switch value("stopwords") {
        case nil, .null?: stopwords = nil
        case .array(let items)?:
            stopwords = []
            for item in items {
                guard case .string(let word) = item else {
                    throw EmbeddingError(.invalidConfiguration, "BM25 property stopwords must hold strings, got \(item)")
                }
                stopwords?.append(word)
            }
        case let given?:
            throw EmbeddingError(.invalidConfiguration, "BM25 property stopwords must be an array of strings or null, got \(given)")
        }
        try self.init(
            k: try number("k", default: Self.defaultK), b: try number("b", default: Self.defaultB),
            averageDocumentLength: try number("avg_doc_length", default: Self.defaultAverageDocumentLength),
            dimension: dimension, language: language, stopwords: stopwords)
    }
}
