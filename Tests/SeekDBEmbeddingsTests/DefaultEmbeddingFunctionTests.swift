import Foundation
import Testing

@testable import SeekDBEmbeddings

@Suite("DefaultEmbeddingFunction without the model")
struct DefaultEmbeddingFunctionTests {
    @Test func describesItselfLikePyseekdb() {
        let function = DefaultEmbeddingFunction()
        #expect(function.dimension == 384)
        #expect(function.persistedName == "default")
        #expect(function.normalize == false)
        #expect(DefaultEmbeddingFunction.modelName == "all-MiniLM-L6-v2")
        let existential: any EmbeddingFunction = function
        #expect(existential.persistedName == "default")
    }

    @Test func initialisationReadsNothingAndEmptyInputNeedsNoModel() async throws {
        let function = DefaultEmbeddingFunction(modelDirectory: "/nonexistent/seekdb-model")
        #expect(try await function.embed([]).isEmpty)
    }

    @Test func missingModelSaysHowToFetchIt() async {
        let function = DefaultEmbeddingFunction(modelDirectory: "/nonexistent/seekdb-model")
        await #expect {
            _ = try await function.embed(["hello"])
        } throws: { error in
            guard let error = error as? EmbeddingError else { return false }
            return error.code == .modelNotFound
                && error.message.contains("/nonexistent/seekdb-model")
                && error.message.contains("scripts/fetch-model")
        }
    }
}

@Suite("DefaultEmbeddingFunction with the model", .enabled(if: !modelTestsSkipped, "SEEKDB_SKIP_MODEL_TESTS=1"))
struct DefaultEmbeddingFunctionModelTests {
    @Test func tokenIDsMatchTheReference() throws {
        let function = DefaultEmbeddingFunction(modelDirectory: try requireModelDirectory())
        for record in try ReferenceData.records() {
            #expect(try function.tokenIDs(for: record.text) == record.tokenIDs, "\(record.label)")
        }
    }

    @Test func instancesShareOneLoadedModelPerFolder() throws {
        let directory = try requireModelDirectory()
        let first = try DefaultEmbeddingFunction(modelDirectory: directory).loadedModel()
        let second = try DefaultEmbeddingFunction(modelDirectory: directory + "/.", normalize: true).loadedModel()
        #expect(first === second)
    }

    @Test func batchingDoesNotChangeVectors() async throws {
        let function = DefaultEmbeddingFunction(modelDirectory: try requireModelDirectory())
        let texts = ["cat", "Vector databases store embeddings for semantic search.", String(repeating: "river stone ", count: 150)]
        let together = try await function.embed(texts)
        for (text, vector) in zip(texts, together) {
            let alone = try await function.embed([text])[0]
            #expect(cosine(alone, vector) > 0.999_999)
            #expect(zip(alone, vector).allSatisfy { abs($0 - $1) < 1e-4 })
        }
    }

    @Test func moreThanOneBatchKeepsOrder() async throws {
        let function = DefaultEmbeddingFunction(modelDirectory: try requireModelDirectory(), normalize: true)
        let records = (try ReferenceData.records()).filter { $0.tokenIDs.count < 64 }
        let texts = (0..<(DefaultEmbeddingFunction.batchSize + 5)).map { records[$0 % records.count].text }
        let vectors = try await function.embed(texts)
        #expect(vectors.count == texts.count)
        for (index, vector) in vectors.enumerated() {
            #expect(cosine(vector, records[index % records.count].embedding) >= 0.9999)
        }
    }

    @Test func concurrentCallersGetTheSameVectors() async throws {
        let function = DefaultEmbeddingFunction(modelDirectory: try requireModelDirectory())
        let texts = (try ReferenceData.records()).prefix(6).map(\.text)
        let expected = try await function.embed(texts)
        try await withThrowingTaskGroup(of: [[Float]].self) { group in
            for _ in 0..<4 {
                group.addTask { try await DefaultEmbeddingFunction(modelDirectory: function.modelDirectory).embed(texts) }
            }
            for try await vectors in group {
                #expect(vectors == expected)
            }
        }
    }

    @Test func synchronousEmbeddingMatchesAsync() async throws {
        let function = DefaultEmbeddingFunction(modelDirectory: try requireModelDirectory())
        let texts = ["Hello world", "café naïve"]
        let asynchronous = try await function.embed(texts)
        let synchronous = try await Task.detached { try function.syncEmbed(texts) }.value
        #expect(synchronous == asynchronous)
    }

    @Test func cancellationStopsBetweenBatches() async throws {
        let function = DefaultEmbeddingFunction(modelDirectory: try requireModelDirectory())
        _ = try await function.embed(["load the model first"])
        let texts = Array(repeating: "The quick brown fox jumps over the lazy dog.", count: 64 * DefaultEmbeddingFunction.batchSize)
        let task = Task { try await function.embed(texts) }
        task.cancel()
        await #expect(throws: CancellationError.self) { try await task.value }
    }
}

extension DefaultEmbeddingFunction {
    /// Calls the `noasync` synchronous API from a synchronous context.
    func syncEmbed(_ texts: [String]) throws -> [[Float]] {
        try embedSync(texts)
    }
}
