/// pyseekdb's `BM25SparseEmbeddingFunction` (name `"bm25"`) in Swift: the same indices and
/// values for the same text and properties, computed locally without Python.
///
/// For each text: bm25s's tokenizer (lower-case, word runs of two or more characters, stop
/// words removed), the Snowball English stemmer, then for every distinct token with `tf`
/// occurrences among the text's `len` tokens the weight
/// `tf·(k+1) / (tf + k·(1 − b + b·len/avg_doc_length))` at index
/// `|MurmurHash3_x86_32(token)| mod dim` (colliding tokens add up). This is the
/// query-independent half of BM25; the server applies the rest when it searches. A text with no
/// tokens (empty, punctuation only, only stop words) becomes `{0: 1e-6}`, as in pyseekdb.
///
/// ```swift
/// let bm25 = try BM25SparseEmbeddingFunction()
/// let vector = bm25.sparseVector(for: "Running runners ran; they run daily!")
/// ```
///
/// pyseekdb computes the weights in 64-bit floating point; here they are computed the same way
/// and rounded once to `Float`, the precision seekdb stores.
public struct BM25SparseEmbeddingFunction: SparseEmbeddingFunction {
    /// pyseekdb's default `k` (term-frequency saturation).
    public static let defaultK = 1.2
    /// pyseekdb's default `b` (document-length normalisation).
    public static let defaultB = 0.75
    /// pyseekdb's default `avg_doc_length`, in tokens.
    public static let defaultAverageDocumentLength = 256.0
    /// pyseekdb's default `dim`.
    public static let defaultDimension = 250_000
    /// The languages this implementation computes: pyseekdb's `"english"` and its alias `"en"`
    /// (bm25s and PyStemmer treat both as English).
    public static let supportedLanguages: Set<String> = ["english", "en"]

    /// `k`: how quickly repeated terms stop adding weight (0 = presence only).
    public let k: Double
    /// `b`: how much a long text's weights are scaled down (0 = not at all, 1 = fully).
    public let b: Double
    /// `avg_doc_length`: the text length, in tokens, at which no length scaling applies.
    public let averageDocumentLength: Double
    /// `dim`: indices are hashes modulo this number, so they lie in `0..<dimension`.
    public let dimension: Int
    /// `language`, as given (`"english"` or `"en"`).
    public let language: String
    /// `stopwords`: the custom stop-word list, or `nil` for bm25s's English list. Words are
    /// compared with lower-cased tokens exactly (a custom `"The"` removes nothing).
    public let stopwords: [String]?

    private let tokenizer: BM25Tokenizer

    /// Creates the function with pyseekdb's property values (the defaults are pyseekdb's).
    ///
    /// - Throws: ``EmbeddingError`` with ``EmbeddingError/Code/invalidConfiguration`` if `k` is
    ///   negative, `b` is outside 0…1, `averageDocumentLength` is not positive (or any of them
    ///   is not finite), or `dimension` is not in 1…500001 (indices must stay within
    ///   ``SparseVector/maximumIndex``); ``EmbeddingError/Code/unsupportedConfiguration`` if
    ///   `language` is not English (the message names it).
    public init(
        k: Double = defaultK, b: Double = defaultB,
        averageDocumentLength: Double = defaultAverageDocumentLength,
        dimension: Int = defaultDimension, language: String = "english",
        stopwords: [String]? = nil
    ) throws(EmbeddingError) {
        guard k.isFinite, k >= 0 else {
            throw EmbeddingError(.invalidConfiguration, "BM25 k must be a finite number ≥ 0, got \(k)")
        }
        // pyseekdb itself does not check b; outside 0…1 the length scaling inverts or overshoots.
        guard b.isFinite, (0...1).contains(b) else {
            throw EmbeddingError(.invalidConfiguration, "BM25 b must be between 0 and 1, got \(b)")
        }
        guard averageDocumentLength.isFinite, averageDocumentLength > 0 else {
            throw EmbeddingError(.invalidConfiguration, "BM25 avg_doc_length must be a finite number > 0, got \(averageDocumentLength)")
        }
        let maximumDimension = Int(SparseVector.maximumIndex) + 1
        guard (1...maximumDimension).contains(dimension) else {
            throw EmbeddingError(
                .invalidConfiguration,
                "BM25 dim must be between 1 and \(maximumDimension) (seekdb's sparse index takes indices up to "
                    + "\(SparseVector.maximumIndex)), got \(dimension)"
            )
        }
        guard Self.supportedLanguages.contains(language) else {
            throw EmbeddingError(
                .unsupportedConfiguration,
                "BM25 language \"\(language)\" is not supported by this SDK (only \"english\" or \"en\"); pyseekdb can compute it")
        }
        self.k = k
        self.b = b
        self.averageDocumentLength = averageDocumentLength
        self.dimension = dimension
        self.language = language
        self.stopwords = stopwords
        self.tokenizer = BM25Tokenizer(stopwords: Set(stopwords ?? EnglishStopwords.words))
    }

    /// `"bm25"`, pyseekdb's name for this function.
    public var name: String { "bm25" }

    /// pyseekdb's `get_config()`: `k`, `b`, `avg_doc_length` (doubles), `dim` (integer),
    /// `language`, and `stopwords` only when a custom list was given.
    public var properties: [(key: String, value: EmbeddingPropertyValue)] {
        var result: [(key: String, value: EmbeddingPropertyValue)] = [
            ("k", .double(k)), ("b", .double(b)), ("avg_doc_length", .double(averageDocumentLength)),
            ("dim", .int(Int64(dimension))), ("language", .string(language))
        ]
        if let stopwords { result.append(("stopwords", .array(stopwords.map(EmbeddingPropertyValue.string)))) }
        return result
    }

    /// One sparse vector per text, in order.
    ///
    /// - Throws: `CancellationError` when the task is cancelled (checked between texts).
    public func embed(_ texts: [String]) async throws -> [SparseVector] {
        var memo = BM25Memo()
        var result: [SparseVector] = []
        result.reserveCapacity(texts.count)
        for text in texts {
            try Task.checkCancellation()
            result.append(sparseVector(for: text, memo: &memo))
        }
        return result
    }

    /// The sparse vector of one text (synchronous; the function does no I/O).
    public func sparseVector(for text: String) -> SparseVector {
        var memo = BM25Memo()
        return sparseVector(for: text, memo: &memo)
    }

    /// The vectors of many texts (synchronous), stemming and hashing each distinct word once.
    public func sparseVectors(for texts: [String]) -> [SparseVector] {
        var memo = BM25Memo()
        return texts.map { sparseVector(for: $0, memo: &memo) }
    }

    /// The empty-text vector pyseekdb stores: `{0: 1e-6}`.
    static let emptyTextVector = SparseVector(unchecked: [0], [1e-6])

    private func sparseVector(for text: String, memo: inout BM25Memo) -> SparseVector {
        // Each token's stem id (stop words and empty stems dropped), in text order.
        memo.tokenStems.removeAll(keepingCapacity: true)
        tokenizer.forEachWord(in: text) { token in
            let id = memo.stemID(of: token) { token in
                if tokenizer.stopwords.contains(token) { return nil }
                let stem = String(String.UnicodeScalarView(EnglishStemmer.stem(Array(token.unicodeScalars))))
                return stem.isEmpty ? nil : (stem, MurmurHash3.bucket(ofUTF8: stem.utf8, dimension: dimension))
            }
            if id >= 0 { memo.tokenStems.append(id) }
        }
        guard !memo.tokenStems.isEmpty else { return Self.emptyTextVector }

        // Term frequencies in order of first occurrence (Python's Counter), so colliding stems
        // are summed in the order pyseekdb sums them.
        var order: [Int32] = []
        for id in memo.tokenStems {
            if memo.counts[Int(id)] == 0 { order.append(id) }
            memo.counts[Int(id)] += 1
        }

        // The same Double expression, evaluated in the same order, as pyseekdb's _score_tokens.
        let documentLength = Double(memo.tokenStems.count)
        let lengthNorm = k * (1 - b + (b * documentLength) / averageDocumentLength)
        var entries: [(index: UInt32, position: Int, score: Double)] = []
        entries.reserveCapacity(order.count)
        for (position, id) in order.enumerated() {
            let tf = Double(memo.counts[Int(id)])
            memo.counts[Int(id)] = 0
            entries.append((memo.buckets[Int(id)], position, tf * (k + 1) / (tf + lengthNorm)))
        }
        entries.sort { ($0.index, $0.position) < ($1.index, $1.position) }
        var indices: [UInt32] = []
        var sums: [Double] = []
        indices.reserveCapacity(entries.count)
        sums.reserveCapacity(entries.count)
        for entry in entries {
            if indices.last == entry.index {
                sums[sums.count - 1] += entry.score
            } else {
                indices.append(entry.index)
                sums.append(entry.score)
            }
        }
        return SparseVector(unchecked: indices, sums.map { Float($0) })
    }
}

/// What one call learns about its words: each distinct token's stem id (`-1` for a stop word),
/// each stem's sparse index, and scratch counts, so a word is stemmed and hashed once per call
/// (bm25s likewise stems each distinct word once per call).
struct BM25Memo {
    private var stemIDOfToken: [String: Int32] = [:]
    private var stemIDOfStem: [String: Int32] = [:]
    /// The sparse index of each stem id.
    private(set) var buckets: [UInt32] = []
    /// Per stem id, the count in the current text (zero between texts).
    var counts: [Int] = []
    /// The stem ids of the current text's tokens.
    var tokenStems: [Int32] = []

    /// The stem id of `token`, computing it with `derive` (nil: dropped) the first time.
    mutating func stemID(of token: String, derive: (String) -> (stem: String, bucket: UInt32)?) -> Int32 {
        if let id = stemIDOfToken[token] { return id }
        var id: Int32 = -1
        if let (stem, bucket) = derive(token) {
            if let existing = stemIDOfStem[stem] {
                id = existing
            } else {
                id = Int32(buckets.count)
                stemIDOfStem[stem] = id
                buckets.append(bucket)
                counts.append(0)
            }
        }
        stemIDOfToken[token] = id
        return id
    }
}
