import Benchmark
import Foundation
import SeekDBEmbeddings

/// The local all-MiniLM-L6-v2: WordPiece tokenization alone, and a full batch through the model.
/// Both need the model folder (scripts/fetch-model); without it they are not registered and a
/// message says why.
enum EmbeddingBenchmarks {
    static func register() {
        let folder: String
        do {
            folder = try ModelLocation.resolve(explicitDirectory: nil)
        } catch {
            FileHandle.standardError.write(
                Data(
                    """
                    SeekDBMicro: skipping the tokenizer and embedding benchmarks: \(error)

                    """.utf8))
            return
        }

        Benchmark("WordPiece tokenization, 1,000 short texts") { (benchmark, input: (WordPieceTokenizer, [String])) in
            let (tokenizer, texts) = input
            for _ in benchmark.scaledIterations {
                for text in texts {
                    blackHole(tokenizer.encode(text, maxLength: DefaultEmbeddingFunction.maxTokens))
                }
            }
        } setup: {
            (try WordPieceTokenizer(vocabularyFile: folder + "/vocab.txt"), MicroData.shortTexts(1_000))
        }

        // One batch (DefaultEmbeddingFunction.batchSize) of short texts; the model is loaded in
        // setup, so only the forward passes and pooling are measured.
        Benchmark(
            "embed 32 short texts (DefaultEmbeddingFunction)",
            configuration: .init(warmupIterations: 2, maxDuration: .seconds(10), maxIterations: 100)
        ) { (benchmark, input: (DefaultEmbeddingFunction, [String])) in
            let (function, texts) = input
            for _ in benchmark.scaledIterations {
                blackHole(try await function.embed(texts))
            }
        } setup: {
            let function = DefaultEmbeddingFunction(modelDirectory: folder)
            _ = try await function.embed(["load the model"])
            return (function, MicroData.shortTexts(DefaultEmbeddingFunction.batchSize))
        }
    }
}
