/// A fully connected layer in PyTorch's layout: `y = x · Wᵀ + b`, with `W` stored
/// `outFeatures × inFeatures` row-major (the transpose is sgemm's flag, not a copy).
struct Linear: Sendable {
    /// `outFeatures × inFeatures`, row-major.
    let weight: [Float]
    /// `outFeatures` values.
    let bias: [Float]
    let inFeatures: Int
    let outFeatures: Int

    init(weight: [Float], bias: [Float], inFeatures: Int, outFeatures: Int) {
        precondition(weight.count == inFeatures * outFeatures && bias.count == outFeatures, "Linear shape mismatch")
        self.weight = weight
        self.bias = bias
        self.inFeatures = inFeatures
        self.outFeatures = outFeatures
    }

    /// `x · Wᵀ + b`.
    func callAsFunction(_ input: Matrix) -> Matrix {
        precondition(input.columns == inFeatures, "Linear input has \(input.columns) columns, expected \(inFeatures)")
        var output = Matrix(rows: input.rows, columns: outFeatures)
        input.values.withUnsafeBufferPointer { x in
            output.values.withUnsafeMutableBufferPointer { y in
                project(x.baseAddress!, rows: input.rows, into: y.baseAddress!)
            }
        }
        return output
    }

    /// `x · Wᵀ + b + residual`: the projection followed by the residual connection.
    func callAsFunction(_ input: Matrix, residual: Matrix) -> Matrix {
        precondition(input.columns == inFeatures, "Linear input has \(input.columns) columns, expected \(inFeatures)")
        precondition(residual.rows == input.rows && residual.columns == outFeatures, "Residual shape mismatch")
        var output = residual
        input.values.withUnsafeBufferPointer { x in
            output.values.withUnsafeMutableBufferPointer { y in
                addBias(to: y.baseAddress!, rows: input.rows)
                accumulate(x.baseAddress!, rows: input.rows, into: y.baseAddress!)
            }
        }
        return output
    }

    /// `y = x · Wᵀ + b` for `rows` rows (`x` is `rows × inFeatures`, `y` is `rows × outFeatures`).
    func project(_ input: UnsafePointer<Float>, rows: Int, into output: UnsafeMutablePointer<Float>) {
        bias.withUnsafeBufferPointer { bias in
            for row in 0..<rows {
                (output + row * outFeatures).update(from: bias.baseAddress!, count: outFeatures)
            }
        }
        accumulate(input, rows: rows, into: output)
    }

    /// `y += b` on each of `rows` rows.
    func addBias(to output: UnsafeMutablePointer<Float>, rows: Int) {
        bias.withUnsafeBufferPointer { bias in
            addRow(bias.baseAddress!, to: output, rows: rows, columns: outFeatures)
        }
    }

    /// `y += x · Wᵀ` for `rows` rows, with one sgemm (the weight's transpose is sgemm's flag).
    func accumulate(_ input: UnsafePointer<Float>, rows: Int, into output: UnsafeMutablePointer<Float>) {
        guard rows > 0 else { return }
        weight.withUnsafeBufferPointer { w in
            gemm(
                transposeB: true,
                m: rows, n: outFeatures, k: inFeatures,
                a: input, lda: inFeatures,
                b: w.baseAddress!, ldb: inFeatures,
                beta: 1,
                c: output, ldc: outFeatures
            )
        }
    }
}

/// Rows per block for the layers that run in row blocks (the Q/K/V projection and the
/// feed-forward block): large enough for efficient matrix products, small enough to keep the
/// widest intermediates (`3 × hidden` and `intermediate` columns) to a few megabytes.
let blockRows = 1024

/// Layer normalisation over each row: `(x − mean) / sqrt(var + eps) · γ + β`.
struct LayerNorm: Sendable {
    let weight: [Float]
    let bias: [Float]
    let epsilon: Float

    /// Normalises every row of `x` in place.
    func callAsFunction(_ x: inout Matrix) {
        precondition(x.columns == weight.count, "LayerNorm width mismatch")
        let (rows, columns, epsilon) = (x.rows, x.columns, self.epsilon)
        weight.withUnsafeBufferPointer { gamma in
            bias.withUnsafeBufferPointer { beta in
                x.values.withUnsafeMutableBufferPointer { values in
                    layerNormRows(
                        values.baseAddress!, rows: rows, columns: columns,
                        gamma: gamma.baseAddress!, beta: beta.baseAddress!, epsilon: epsilon
                    )
                }
            }
        }
    }
}

/// A batch of token-id sequences padded (with `[PAD]`) to the longest one.
struct TokenBatch: Sendable, Equatable {
    /// `count × sequenceLength` ids, row-major.
    let ids: [Int]
    /// The real (unpadded) length of each sequence: its attention mask is `length` ones.
    let lengths: [Int]
    /// The padded length: the longest sequence's.
    let sequenceLength: Int

    /// Pads sequences to the longest one.
    ///
    /// - Parameters:
    ///   - sequences: Token ids, each non-empty.
    ///   - paddingID: The id of `[PAD]`.
    init(_ sequences: [[Int]], paddingID: Int) {
        let longest = sequences.map(\.count).max() ?? 0
        var ids = [Int](repeating: paddingID, count: sequences.count * longest)
        for (index, sequence) in sequences.enumerated() {
            ids.replaceSubrange((index * longest)..<(index * longest + sequence.count), with: sequence)
        }
        self.ids = ids
        self.lengths = sequences.map(\.count)
        self.sequenceLength = longest
    }

    /// The number of sequences.
    var count: Int { lengths.count }
}

/// BERT's input embeddings: word + token type (always type 0) + absolute position, then LayerNorm.
struct BERTEmbeddings: Sendable {
    /// `vocabSize × hiddenSize`.
    let wordEmbeddings: [Float]
    /// `maxPositions × hiddenSize`.
    let positionEmbeddings: [Float]
    /// Row 0 of the token-type embeddings (single-segment input).
    let tokenTypeEmbedding: [Float]
    let norm: LayerNorm
    let hiddenSize: Int
    let vocabSize: Int
    let maxPositions: Int

    /// The embedded batch: `count × sequenceLength` rows of `hiddenSize`.
    func callAsFunction(_ batch: TokenBatch) -> Matrix {
        precondition(batch.sequenceLength <= maxPositions, "Sequence longer than the model's \(maxPositions) positions")
        let hidden = hiddenSize
        var output = Matrix(rows: batch.count * batch.sequenceLength, columns: hidden)
        wordEmbeddings.withUnsafeBufferPointer { word in
            positionEmbeddings.withUnsafeBufferPointer { position in
                tokenTypeEmbedding.withUnsafeBufferPointer { tokenType in
                    output.values.withUnsafeMutableBufferPointer { out in
                        for (row, id) in batch.ids.enumerated() {
                            precondition(id >= 0 && id < vocabSize, "Token id \(id) outside the vocabulary")
                            let wordRow = word.baseAddress! + id * hidden
                            let positionRow = position.baseAddress! + (row % batch.sequenceLength) * hidden
                            let target = out.baseAddress! + row * hidden
                            for column in 0..<hidden {
                                target[column] = (wordRow[column] + tokenType[column]) + positionRow[column]
                            }
                        }
                    }
                }
            }
        }
        norm(&output)
        return output
    }
}

/// Multi-head self-attention with its output projection, residual connection and LayerNorm
/// (Hugging Face's `BertAttention`).
struct SelfAttention: Sendable {
    /// Query, key and value projections fused into one `hidden → 3·hidden` layer.
    let queryKeyValue: Linear
    let output: Linear
    let norm: LayerNorm
    let heads: Int

    /// Attends within each sequence of the batch.
    ///
    /// The padding mask is applied by restricting each sequence's attention to its real tokens:
    /// the scores of padded keys are never computed, which is exactly what adding `-inf` to them
    /// before the softmax gives (their weight is `exp(-inf) = 0`). Rows of padded query positions
    /// get a zero context; they never reach the pooled output.
    ///
    /// - Parameters:
    ///   - hidden: `count × sequenceLength` rows of `hiddenSize`.
    ///   - lengths: The real length of each sequence.
    ///   - sequenceLength: The padded length.
    func callAsFunction(_ hidden: Matrix, lengths: [Int], sequenceLength: Int) -> Matrix {
        let width = hidden.columns
        let headSize = width / heads
        let stride = 3 * width
        let scale = 1 / Float(headSize).squareRoot()
        // Q, K and V are projected for a few sequences at a time (about `blockRows` rows).
        let sequencesPerBlock = max(1, min(lengths.count, blockRows / max(sequenceLength, 1)))
        var projected = [Float](repeating: 0, count: sequencesPerBlock * sequenceLength * stride)
        var context = Matrix(rows: hidden.rows, columns: width)
        let longest = lengths.max() ?? 0
        var scores = [Float](repeating: 0, count: longest * longest)
        hidden.values.withUnsafeBufferPointer { hidden in
            projected.withUnsafeMutableBufferPointer { projected in
                context.values.withUnsafeMutableBufferPointer { context in
                    scores.withUnsafeMutableBufferPointer { scores in
                        for first in Swift.stride(from: 0, to: lengths.count, by: sequencesPerBlock) {
                            let last = min(first + sequencesPerBlock, lengths.count)
                            queryKeyValue.project(
                                hidden.baseAddress! + first * sequenceLength * width,
                                rows: (last - first) * sequenceLength,
                                into: projected.baseAddress!
                            )
                            for sequence in first..<last {
                                let length = lengths[sequence]
                                let rows = projected.baseAddress! + (sequence - first) * sequenceLength * stride
                                let contextRows = context.baseAddress! + sequence * sequenceLength * width
                                for head in 0..<heads {
                                    let query = rows + head * headSize
                                    let key = rows + width + head * headSize
                                    let value = rows + 2 * width + head * headSize
                                    // scores = Q Kᵀ / √d over the real tokens.
                                    gemm(
                                        transposeB: true,
                                        m: length, n: length, k: headSize,
                                        alpha: scale,
                                        a: query, lda: stride,
                                        b: key, ldb: stride,
                                        c: scores.baseAddress!, ldc: length
                                    )
                                    softmaxRows(scores.baseAddress!, rows: length, columns: length)
                                    // context[:, head] = softmax(scores) V.
                                    gemm(
                                        m: length, n: headSize, k: length,
                                        a: scores.baseAddress!, lda: length,
                                        b: value, ldb: stride,
                                        c: contextRows + head * headSize, ldc: width
                                    )
                                }
                            }
                        }
                    }
                }
            }
        }
        var result = output(context, residual: hidden)
        norm(&result)
        return result
    }
}

/// The feed-forward block: `hidden → intermediate` with GELU, back to `hidden`, residual, LayerNorm
/// (Hugging Face's `BertIntermediate` + `BertOutput`), in blocks of ``blockRows`` rows.
struct FeedForward: Sendable {
    let intermediate: Linear
    let output: Linear
    let norm: LayerNorm

    func callAsFunction(_ hidden: Matrix) -> Matrix {
        precondition(hidden.columns == intermediate.inFeatures, "FeedForward width mismatch")
        let width = hidden.columns
        let expandedWidth = intermediate.outFeatures
        var result = hidden
        var expanded = [Float](repeating: 0, count: min(blockRows, hidden.rows) * expandedWidth)
        hidden.values.withUnsafeBufferPointer { hidden in
            result.values.withUnsafeMutableBufferPointer { result in
                expanded.withUnsafeMutableBufferPointer { expanded in
                    output.addBias(to: result.baseAddress!, rows: hidden.count / width)
                    for first in stride(from: 0, to: hidden.count / width, by: blockRows) {
                        let rows = min(blockRows, hidden.count / width - first)
                        intermediate.project(hidden.baseAddress! + first * width, rows: rows, into: expanded.baseAddress!)
                        geluInPlace(expanded.baseAddress!, count: rows * expandedWidth)
                        output.accumulate(expanded.baseAddress!, rows: rows, into: result.baseAddress! + first * width)
                    }
                }
            }
        }
        norm(&result)
        return result
    }
}

/// One transformer encoder layer: self-attention then feed-forward.
struct EncoderLayer: Sendable {
    let attention: SelfAttention
    let feedForward: FeedForward

    func callAsFunction(_ hidden: Matrix, lengths: [Int], sequenceLength: Int) -> Matrix {
        feedForward(attention(hidden, lengths: lengths, sequenceLength: sequenceLength))
    }
}
