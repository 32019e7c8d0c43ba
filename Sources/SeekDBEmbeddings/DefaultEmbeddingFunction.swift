/// all-MiniLM-L6-v2 computed in-process: pyseekdb's default embedding function.
///
/// The output matches pyseekdb's `DefaultEmbeddingFunction`: 384 floats per text, the mean of
/// the last hidden states over the text's tokens, **not** normalised (pass `normalize: true` for
/// sentence-transformers' unit vectors). Texts are truncated to 256 tokens and run in batches of
/// 32. A batch is never padded: its texts' tokens are packed one after another, and each text
/// attends only to its own tokens, which gives what a padded batch with an attention mask gives.
///
/// The model files are read from a local folder (see ``ModelLocation``) on the first call to
/// ``embed(_:)`` or ``embedSync(_:)``, never at initialisation, and never downloaded: run the
/// repository's `scripts/fetch-model` once to put them in place. The loaded model is cached for
/// the process and shared by every instance and task using the same folder.
///
/// Each batch is split into one shard per processor, of about equal work, each run on its own
/// thread. The matrix products use OpenBLAS, which loading the model switches to
/// single-threaded mode for the whole process (`openblas_set_num_threads(1)`): the SDK spreads
/// the work over the cores itself.
///
/// ```swift
/// let function = DefaultEmbeddingFunction()
/// let vectors = try await function.embed(["Hello world"])   // [[Float]] of 384 each
/// ```
public struct DefaultEmbeddingFunction: EmbeddingFunction {
    /// The model's name, as pyseekdb spells it: `all-MiniLM-L6-v2`.
    public static let modelName = "all-MiniLM-L6-v2"
    /// The most tokens a text is embedded with, `[CLS]` and `[SEP]` included; the rest is dropped.
    public static let maxTokens = 256
    /// How many texts run through the model together.
    public static let batchSize = 32

    /// The folder named at initialisation, or `nil` to use `SEEKDB_MODEL_DIR` or the default
    /// cache folder (see ``ModelLocation``).
    public let modelDirectory: String?
    /// Whether vectors are scaled to unit length. `false` (pyseekdb's behaviour) by default.
    public let normalize: Bool

    /// Creates the function. Nothing is read until the first embedding.
    ///
    /// - Parameters:
    ///   - modelDirectory: The folder holding `model.safetensors`, `vocab.txt` and `config.json`;
    ///     `nil` (the default) uses `$SEEKDB_MODEL_DIR`, then
    ///     `${XDG_CACHE_HOME:-$HOME/.cache}/seekdb-swift/all-MiniLM-L6-v2`.
    ///   - normalize: Whether to scale each vector to unit length (sentence-transformers' output)
    ///     instead of returning the raw mean-pooled vector (pyseekdb's output).
    public init(modelDirectory: String? = nil, normalize: Bool = false) {
        self.modelDirectory = modelDirectory
        self.normalize = normalize
    }

    /// 384, the model's hidden size.
    public var dimension: Int { 384 }

    /// `"default"`, the name pyseekdb registers its own default embedding function under.
    public var persistedName: String? { "default" }

    /// Embeds texts, one 384-float vector per text, in order.
    ///
    /// Runs on the global concurrent executor (never the caller's actor), one batch of
    /// ``batchSize`` texts at a time, each batch's shards as child tasks, checking for
    /// cancellation between batches. The first call loads the model (about 90 MB), once per
    /// folder per process.
    ///
    /// - Parameters:
    ///   - texts: The texts; an empty array returns `[]` without loading the model.
    /// - Returns: One vector per text.
    /// - Throws: ``EmbeddingError`` with code ``EmbeddingError/Code/modelNotFound`` when the model
    ///   files are missing (the message says where it looked and how to fetch them),
    ///   ``EmbeddingError/Code/invalidModel`` when they cannot be read; `CancellationError` when
    ///   the task is cancelled.
    @concurrent
    public func embed(_ texts: [String]) async throws -> [[Float]] {
        if texts.isEmpty { return [] }
        try Task.checkCancellation()
        let loaded = try loadedModel()
        var vectors: [[Float]] = []
        vectors.reserveCapacity(texts.count)
        for start in stride(from: 0, to: texts.count, by: Self.batchSize) {
            try Task.checkCancellation()
            let batch = texts[start..<min(start + Self.batchSize, texts.count)]
            vectors += await loaded.embed(batch: batch, maxTokens: Self.maxTokens, normalize: normalize)
        }
        return vectors
    }

    /// Embeds texts on the calling thread, for callers that manage their own threads.
    ///
    /// Blocks for the whole computation, spreading each batch over Dispatch's worker threads
    /// with `concurrentPerform`: do not call it from an async context (use ``embed(_:)`` there).
    ///
    /// - Parameters:
    ///   - texts: The texts; an empty array returns `[]` without loading the model.
    /// - Returns: One vector per text.
    /// - Throws: ``EmbeddingError`` with code ``EmbeddingError/Code/modelNotFound`` or
    ///   ``EmbeddingError/Code/invalidModel`` as ``embed(_:)`` does.
    @available(*, noasync, message: "Use embed(_:) from async code")
    public func embedSync(_ texts: [String]) throws -> [[Float]] {
        if texts.isEmpty { return [] }
        let loaded = try loadedModel()
        var vectors: [[Float]] = []
        vectors.reserveCapacity(texts.count)
        for start in stride(from: 0, to: texts.count, by: Self.batchSize) {
            let batch = texts[start..<min(start + Self.batchSize, texts.count)]
            vectors += loaded.embedBlocking(batch: batch, maxTokens: Self.maxTokens, normalize: normalize)
        }
        return vectors
    }

    /// The token ids the model sees for a text: `[CLS]`, word pieces, `[SEP]`, at most
    /// ``maxTokens`` of them. Loads the model's vocabulary (and weights) like ``embedSync(_:)``.
    ///
    /// - Parameters:
    ///   - text: The text to tokenize.
    /// - Returns: The ids, as Hugging Face tokenizers gives them for this model.
    /// - Throws: ``EmbeddingError`` as ``embedSync(_:)`` does.
    public func tokenIDs(for text: String) throws -> [Int] {
        try loadedModel().tokenizer.encode(text, maxLength: Self.maxTokens)
    }

    /// The cached model for this function's folder, loading it on first use.
    func loadedModel() throws -> LoadedModel {
        let loaded = try ModelCache.model(at: ModelLocation.resolve(explicitDirectory: modelDirectory))
        guard loaded.model.config.hiddenSize == dimension else {
            throw EmbeddingError(
                .invalidModel,
                "The model in \(loaded.directory) has hidden size \(loaded.model.config.hiddenSize), not \(dimension): it is not "
                    + "all-MiniLM-L6-v2."
            )
        }
        return loaded
    }
}
