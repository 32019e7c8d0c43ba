import Testing

@testable import SeekDBEmbeddings

/// Cosine similarity, computed in Double.
func cosine(_ a: [Float], _ b: [Float]) -> Double {
    precondition(a.count == b.count)
    var dot = 0.0
    var normA = 0.0
    var normB = 0.0
    for index in a.indices {
        dot += Double(a[index]) * Double(b[index])
        normA += Double(a[index]) * Double(a[index])
        normB += Double(b[index]) * Double(b[index])
    }
    return dot / (normA.squareRoot() * normB.squareRoot())
}

/// Euclidean length, computed in Double.
func norm(_ a: [Float]) -> Double {
    a.reduce(0) { $0 + Double($1) * Double($1) }.squareRoot()
}

@Suite("Embeddings against reference.json", .enabled(if: !modelTestsSkipped, "SEEKDB_SKIP_MODEL_TESTS=1"))
struct EmbeddingAccuracyTests {
    @Test("normalised output matches sentence-transformers (cosine ≥ 0.9999, every value within 1e-5)")
    func normalised() async throws {
        let directory = try requireModelDirectory()
        let records = try ReferenceData.records()
        let vectors = try await DefaultEmbeddingFunction(modelDirectory: directory, normalize: true)
            .embed(records.map(\.text))
        #expect(vectors.count == records.count)
        var worst = 1.0
        var largestDifference: Float = 0
        for (record, vector) in zip(records, vectors) {
            #expect(vector.count == 384)
            let similarity = cosine(vector, record.embedding)
            worst = min(worst, similarity)
            #expect(similarity >= 0.9999, "\(record.label): cosine \(similarity)")
            #expect(abs(norm(vector) - 1) < 1e-5, "\(record.label): length \(norm(vector))")
            let difference = zip(vector, record.embedding).map { abs($0 - $1) }.max() ?? 0
            largestDifference = max(largestDifference, difference)
            #expect(difference <= 1e-5, "\(record.label): a value differs by \(difference)")
        }
        print("normalised: min cosine over \(records.count) records = \(worst), largest difference of a value = \(largestDifference)")
    }

    @Test("raw output matches pyseekdb (embedding × pooled_norm)")
    func raw() async throws {
        let directory = try requireModelDirectory()
        let records = try ReferenceData.records()
        let vectors = try await DefaultEmbeddingFunction(modelDirectory: directory).embed(records.map(\.text))
        #expect(vectors.count == records.count)
        var worst = 1.0
        var worstNorm = 0.0
        for (record, vector) in zip(records, vectors) {
            let expected = record.embedding.map { $0 * record.pooledNorm }
            let similarity = cosine(vector, expected)
            worst = min(worst, similarity)
            #expect(similarity >= 0.9999, "\(record.label): cosine \(similarity)")
            let relative = abs(norm(vector) - Double(record.pooledNorm)) / Double(record.pooledNorm)
            worstNorm = max(worstNorm, relative)
            #expect(relative <= 1e-3, "\(record.label): norm \(norm(vector)) vs \(record.pooledNorm)")
        }
        print("raw: min cosine = \(worst), max relative norm error = \(worstNorm)")
    }
}
