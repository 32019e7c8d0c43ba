import Synchronization

/// all-MiniLM-L6-v2 loaded from one folder: the tokenizer and the BERT weights. Immutable, so
/// one instance serves every task and every ``DefaultEmbeddingFunction`` using that folder.
final class LoadedModel: Sendable {
    /// The folder the files were read from.
    let directory: String
    let tokenizer: WordPieceTokenizer
    let model: BERTModel

    /// Reads `config.json`, `vocab.txt` and `model.safetensors` from a folder.
    ///
    /// - Throws: ``EmbeddingError`` with code ``EmbeddingError/Code/invalidModel`` when a file is
    ///   unreadable or inconsistent with the others.
    init(directory: String) throws {
        let config = try BERTConfig(contentsOf: directory + "/config.json")
        let tokenizer = try WordPieceTokenizer(vocabularyFile: directory + "/vocab.txt")
        guard tokenizer.vocabularySize <= config.vocabSize else {
            throw EmbeddingError(
                .invalidModel,
                "vocab.txt has \(tokenizer.vocabularySize) tokens but the model only \(config.vocabSize) (folder \(directory))."
            )
        }
        let weights = try SafetensorsFile(contentsOf: directory + "/model.safetensors")
        self.model = try BERTModel(weights: weights, config: config)
        self.tokenizer = tokenizer
        self.directory = directory
    }

    /// Embeds one batch: tokenize, pad to the longest, run the encoder, mean-pool.
    ///
    /// - Parameters:
    ///   - texts: The batch (at most a few dozen texts: they are run together).
    ///   - maxTokens: The truncation length, `[CLS]` and `[SEP]` included.
    ///   - normalize: Whether to scale each vector to unit length.
    func embed(batch texts: some Collection<String>, maxTokens: Int, normalize: Bool) -> [[Float]] {
        let sequences = texts.map { tokenizer.encode($0, maxLength: maxTokens) }
        let batch = TokenBatch(sequences, paddingID: tokenizer.paddingTokenID)
        let pooled = meanPool(model(batch), lengths: batch.lengths, sequenceLength: batch.sequenceLength)
        return normalize ? pooled.map(l2Normalized) : pooled
    }
}

/// The process-wide cache of loaded models, one per folder. A model is loaded once, on first
/// use, and kept for the life of the process; a failed load is not cached (a later call retries,
/// say after `scripts/fetch-model` has run).
enum ModelCache {
    /// One slot per folder path; the map's lock is held only to find or create a slot.
    private static let slots = Mutex<[String: Slot]>([:])

    /// Holds one folder's model; its lock is held while that model loads, so concurrent first
    /// callers for the same folder wait for a single load while other folders proceed.
    private final class Slot: Sendable {
        let model = Mutex<LoadedModel?>(nil)
    }

    /// The model in a folder, loading it on first use.
    ///
    /// - Throws: ``EmbeddingError`` when the files cannot be loaded.
    static func model(at directory: String) throws -> LoadedModel {
        let slot = slots.withLock { slots in
            if let slot = slots[directory] { return slot }
            let slot = Slot()
            slots[directory] = slot
            return slot
        }
        return try slot.model.withLock { model in
            if let model { return model }
            let loaded = try LoadedModel(directory: directory)
            model = loaded
            return loaded
        }
    }
}
