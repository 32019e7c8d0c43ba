import Dispatch
import Foundation
import Synchronization

/// all-MiniLM-L6-v2 loaded from one folder: the tokenizer and the BERT weights. Immutable, so
/// one instance serves every task and every ``DefaultEmbeddingFunction`` using that folder.
///
/// A batch is tokenized, then split into up to one shard per processor (balanced by work); each
/// shard is packed (``TokenBatch``) and runs through the encoder on its own thread, with
/// OpenBLAS single-threaded (see ``BLASThreading``).
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

    /// How many shards a batch is split into: one per active processor, at most one per text.
    static var processorCount: Int { ProcessInfo.processInfo.activeProcessorCount }

    /// Tokenizes a batch and splits it into shards.
    ///
    /// - Returns: For each shard, the indices (into `texts`) and token ids of its texts.
    func shards(of texts: some Collection<String>, maxTokens: Int) -> [(indices: [Int], sequences: [[Int]])] {
        let sequences = texts.map { tokenizer.encode($0, maxLength: maxTokens) }
        let groups = Self.partition(lengths: sequences.map(\.count), into: min(Self.processorCount, sequences.count))
        return groups.map { indices in (indices, indices.map { sequences[$0] }) }
    }

    /// Runs one shard: pack its sequences, encode, mean-pool, optionally normalise.
    func vectors(for sequences: [[Int]], normalize: Bool) -> [[Float]] {
        let batch = TokenBatch(sequences)
        let pooled = meanPool(model(batch), lengths: batch.lengths)
        return normalize ? pooled.map(l2Normalized) : pooled
    }

    /// Embeds one batch, its shards as concurrent child tasks (on the cooperative pool, which
    /// bounds the threads used across all concurrent callers).
    func embed(batch texts: some Collection<String>, maxTokens: Int, normalize: Bool) async -> [[Float]] {
        let shards = shards(of: texts, maxTokens: maxTokens)
        if shards.count == 1 {
            return vectors(for: shards[0].sequences, normalize: normalize)
        }
        return await withTaskGroup(of: (Int, [[Float]]).self) { group in
            for (index, shard) in shards.enumerated() {
                group.addTask { (index, self.vectors(for: shard.sequences, normalize: normalize)) }
            }
            var results = [[[Float]]](repeating: [], count: shards.count)
            for await (index, vectors) in group {
                results[index] = vectors
            }
            return Self.reassemble(results, shards: shards, count: texts.count)
        }
    }

    /// Embeds one batch on the calling thread plus Dispatch worker threads, blocking until done.
    func embedBlocking(batch texts: some Collection<String>, maxTokens: Int, normalize: Bool) -> [[Float]] {
        let shards = shards(of: texts, maxTokens: maxTokens)
        if shards.count == 1 {
            return vectors(for: shards[0].sequences, normalize: normalize)
        }
        let results = Mutex([[[Float]]](repeating: [], count: shards.count))
        DispatchQueue.concurrentPerform(iterations: shards.count) { index in
            let vectors = vectors(for: shards[index].sequences, normalize: normalize)
            results.withLock { $0[index] = vectors }
        }
        return Self.reassemble(results.withLock { $0 }, shards: shards, count: texts.count)
    }

    /// Puts the shards' vectors back in the order of the texts.
    private static func reassemble(
        _ results: [[[Float]]], shards: [(indices: [Int], sequences: [[Int]])], count: Int
    ) -> [[Float]] {
        var vectors = [[Float]](repeating: [], count: count)
        for (shard, shardVectors) in zip(shards, results) {
            for (index, vector) in zip(shard.indices, shardVectors) {
                vectors[index] = vector
            }
        }
        return vectors
    }

    /// Splits sequences into at most `shardCount` non-empty groups of about equal work: longest
    /// first, each into the group with the least work so far. Indices stay ascending within a
    /// group.
    ///
    /// - Parameters:
    ///   - lengths: The length of each sequence.
    ///   - shardCount: The most groups wanted (at least 1).
    /// - Returns: The groups, as indices into `lengths`; every index appears exactly once.
    static func partition(lengths: [Int], into shardCount: Int) -> [[Int]] {
        let shardCount = max(1, min(shardCount, lengths.count))
        guard shardCount > 1 else { return [Array(lengths.indices)] }
        var groups = [[Int]](repeating: [], count: shardCount)
        var work = [Int](repeating: 0, count: shardCount)
        let order = lengths.indices.sorted { lengths[$0] != lengths[$1] ? lengths[$0] > lengths[$1] : $0 < $1 }
        for index in order {
            let lightest = work.indices.min { work[$0] < work[$1] }!
            groups[lightest].append(index)
            work[lightest] += encoderWork(length: lengths[index])
        }
        return groups.map { $0.sorted() }
    }

    /// The encoder's work for one sequence, in units of one token's projections.
    ///
    /// Per token and layer, the projections (Q/K/V, attention output, feed-forward) take
    /// `2 · 384 · (4 · 384 + 2 · 1536)` ≈ 3.5 M floating-point operations; attention takes
    /// `4 · 384 · length` more (its scores and weighted sum). So a sequence costs about
    /// `length · (1 + length / 2304)` tokens' projections: a text of 256 tokens is 11 % dearer
    /// per token than a short one.
    static func encoderWork(length: Int) -> Int {
        length * (2304 + length)
    }
}

/// The process-wide cache of loaded models, one per folder. A model is loaded once, on first
/// use, and kept for the life of the process; a failed load is not cached (a later call retries,
/// say after `scripts/fetch-model` has run).
enum ModelCache {
    // NSLock (a pthread mutex) rather than Synchronization.Mutex: the thread sanitizer sees
    // pthread locks, but not the futex-based Mutex of the Linux standard library, and reported
    // this cache as a data race although every access is under the lock.

    /// One slot per folder path; the map's lock is held only to find or create a slot.
    nonisolated(unsafe) private static var slots: [String: Slot] = [:]
    private static let slotsLock = NSLock()

    /// Holds one folder's model; its lock is held while that model loads, so concurrent first
    /// callers for the same folder wait for a single load while other folders proceed.
    private final class Slot: @unchecked Sendable {
        private let lock = NSLock()
        private var model: LoadedModel?

        func model(loading directory: String) throws -> LoadedModel {
            try lock.withLock {
                if let model { return model }
                let loaded = try LoadedModel(directory: directory)
                model = loaded
                return loaded
            }
        }
    }

    /// The model in a folder, loading it on first use.
    ///
    /// - Throws: ``EmbeddingError`` when the files cannot be loaded.
    static func model(at directory: String) throws -> LoadedModel {
        let slot = slotsLock.withLock {
            if let slot = slots[directory] { return slot }
            let slot = Slot()
            slots[directory] = slot
            return slot
        }
        return try slot.model(loading: directory)
    }
}
