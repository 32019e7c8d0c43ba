import Foundation
import Testing

@testable import SeekDBEmbeddings

@Suite("Pooling, normalisation and element-wise kernels")
struct MathTests {
    @Test func meanPoolAveragesEachSequencesOwnRows() {
        // Two packed sequences, hidden size 2.
        let hidden = Matrix(
            rows: 5, columns: 2,
            values: [
                1, 2, 3, 4,  // sequence 0: length 2
                -1, 0, 1, 2, 3, 4  // sequence 1: length 3
            ])
        let pooled = meanPool(hidden, lengths: [2, 3])
        #expect(pooled == [[2, 3], [1, 2]])
    }

    @Test func meanPoolOfAnEmptySequenceIsZero() {
        let hidden = Matrix(rows: 2, columns: 2, values: [5, 5, 7, 7])
        #expect(meanPool(hidden, lengths: [0, 2]) == [[0, 0], [6, 6]])
    }

    @Test func l2NormalisationGivesUnitLength() {
        #expect(l2Normalized([3, 4]) == [0.6, 0.8])
        #expect(l2Normalized([0, 0, 0]) == [0, 0, 0])
        let vector: [Float] = (0..<384).map { Float($0 % 7) - 3.2 }
        let length = l2Normalized(vector).reduce(0) { $0 + Double($1) * Double($1) }.squareRoot()
        #expect(abs(length - 1) < 1e-6)
    }

    @Test func fastExpMatchesLibm() {
        var worst: Float = 0
        for step in 0...20_000 {
            let x = -87 + Float(step) * (175 / 20_000)
            let expected = Foundation.exp(Double(x))
            worst = max(worst, Float(abs(Double(fastExp(x)) - expected) / expected))
        }
        #expect(worst < 1e-6, "relative error \(worst)")
        #expect(fastExp(-.infinity) < 1e-37)
        #expect(fastExp(0) == 1)
    }

    @Test func fastErfMatchesLibm() {
        var worst: Double = 0
        for step in 0...20_000 {
            let x = -6 + Double(step) * (12 / 20_000)
            worst = max(worst, abs(Double(fastErf(Float(x))) - Foundation.erf(x)))
        }
        #expect(worst < 1e-6, "absolute error \(worst)")
    }

    @Test func geluIsExactErfForm() {
        var values: [Float] = (0..<37).map { Float($0) * 0.25 - 4.5 }
        let inputs = values
        values.withUnsafeMutableBufferPointer { geluInPlace($0.baseAddress!, count: $0.count) }
        for (x, y) in zip(inputs, values) {
            let expected = 0.5 * Double(x) * (1 + Foundation.erf(Double(x) / 2.0.squareRoot()))
            #expect(abs(Double(y) - expected) < 2e-6, "gelu(\(x)) = \(y), expected \(expected)")
        }
    }

    @Test func softmaxRowsSumToOneAndMatchTheDefinition() {
        let rows = 3
        let columns = 19
        var values: [Float] = (0..<(rows * columns)).map { Float(($0 * 37) % 23) * 0.7 - 8 }
        let inputs = values
        values.withUnsafeMutableBufferPointer { softmaxRows($0.baseAddress!, rows: rows, columns: columns) }
        for row in 0..<rows {
            let slice = inputs[(row * columns)..<((row + 1) * columns)].map(Double.init)
            let largest = slice.max()!
            let exps = slice.map { Foundation.exp($0 - largest) }
            let total = exps.reduce(0, +)
            for column in 0..<columns {
                #expect(abs(Double(values[row * columns + column]) - exps[column] / total) < 1e-6)
            }
        }
    }

    @Test func layerNormMatchesTheDefinition() {
        let columns = 37
        var matrix = Matrix(rows: 2, columns: columns, values: (0..<(2 * columns)).map { Float(($0 * 13) % 17) - 5.5 })
        let inputs = matrix.values
        let gamma: [Float] = (0..<columns).map { 1 + Float($0) * 0.01 }
        let beta: [Float] = (0..<columns).map { Float($0) * -0.02 }
        LayerNorm(weight: gamma, bias: beta, epsilon: 1e-12)(&matrix)
        for row in 0..<2 {
            let x = inputs[(row * columns)..<((row + 1) * columns)].map(Double.init)
            let mean = x.reduce(0, +) / Double(columns)
            let variance = x.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(columns)
            for column in 0..<columns {
                let expected = (x[column] - mean) / (variance + 1e-12).squareRoot() * Double(gamma[column]) + Double(beta[column])
                #expect(abs(Double(matrix.values[row * columns + column]) - expected) < 1e-5)
            }
        }
    }

    @Test func linearIsMatrixTimesWeightTransposedPlusBias() {
        // x: 2×3, W: 2×3 (out × in), b: 2.
        let layer = Linear(weight: [1, 0, -1, 2, 1, 0], bias: [0.5, -1], inFeatures: 3, outFeatures: 2)
        let x = Matrix(rows: 2, columns: 3, values: [1, 2, 3, -1, 0, 4])
        #expect(layer(x).values == [-1.5, 3, -4.5, -3] as [Float])
        let residual = Matrix(rows: 2, columns: 2, values: [10, 20, 30, 40])
        #expect(layer(x, residual: residual).values == [8.5, 23, 25.5, 37])
    }

    @Test func tokenBatchPacksSequencesWithoutPadding() {
        let batch = TokenBatch([[101, 5, 102], [101, 102], [101, 7, 8, 9, 102]])
        #expect(batch.longest == 5)
        #expect(batch.rows == 10)
        #expect(batch.lengths == [3, 2, 5])
        #expect(batch.offsets == [0, 3, 5, 10])
        #expect(batch.ids == [101, 5, 102, 101, 102, 101, 7, 8, 9, 102])
    }

    @Test func tokenBatchBlocksHoldWholeSequencesUpToTheRowLimit() {
        let batch = TokenBatch([[1, 2, 3], [4, 5], [6, 7, 8, 9, 10, 11], [12], [13, 14]])
        #expect(batch.blocks(maxRows: 5) == [0..<2, 2..<3, 3..<5])
        #expect(batch.blocks(maxRows: 100) == [0..<5])
        #expect(batch.blocks(maxRows: 1) == [0..<1, 1..<2, 2..<3, 3..<4, 4..<5])
        #expect(TokenBatch([]).blocks(maxRows: 4) == [])
    }
}
