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

/// A batch of token-id sequences, packed: the tokens of every sequence one after another, with
/// no padding. Every layer but attention works row by row, so a padded row would cost a full
/// row of every matrix product and change no real token's result; attention is computed per
/// sequence from the offsets (see ``SelfAttention``).
struct TokenBatch: Sendable, Equatable {
    /// The ids of every sequence, one sequence after another (`lengths.reduce(0, +)` ids).
    let ids: [Int]
    /// The length of each sequence.
    let lengths: [Int]
    /// The first row of each sequence, then the total row count (`count + 1` values).
    let offsets: [Int]

    /// Packs sequences in order.
    ///
    /// - Parameter sequences: Token ids, one array per text.
    init(_ sequences: [[Int]]) {
        self.ids = Array(sequences.joined())
        self.lengths = sequences.map(\.count)
        var offsets = [0]
        offsets.reserveCapacity(sequences.count + 1)
        for sequence in sequences { offsets.append(offsets[offsets.count - 1] + sequence.count) }
        self.offsets = offsets
    }

    /// The number of sequences.
    var count: Int { lengths.count }
    /// The number of rows the encoder processes: every token of every sequence.
    var rows: Int { ids.count }
    /// The longest sequence's length.
    var longest: Int { lengths.max() ?? 0 }

    /// Consecutive runs of whole sequences of at most `maxRows` rows each (a longer sequence
    /// gets a run of its own), for the layers that work on a few sequences at a time.
    func blocks(maxRows: Int) -> [Range<Int>] {
        var blocks: [Range<Int>] = []
        var first = 0
        for sequence in 0..<count where sequence > first && offsets[sequence + 1] - offsets[first] > maxRows {
            blocks.append(first..<sequence)
            first = sequence
        }
        if first < count { blocks.append(first..<count) }
        return blocks
    }
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

    /// The embedded batch: one row of `hiddenSize` per token (``TokenBatch/rows``).
    func callAsFunction(_ batch: TokenBatch) -> Matrix {
        precondition(batch.longest <= maxPositions, "Sequence longer than the model's \(maxPositions) positions")
        let hidden = hiddenSize
        var output = Matrix(rows: batch.rows, columns: hidden)
        wordEmbeddings.withUnsafeBufferPointer { word in
            positionEmbeddings.withUnsafeBufferPointer { position in
                tokenTypeEmbedding.withUnsafeBufferPointer { tokenType in
                    output.values.withUnsafeMutableBufferPointer { out in
                        for sequence in 0..<batch.count {
                            let first = batch.offsets[sequence]
                            for place in 0..<batch.lengths[sequence] {
                                let id = batch.ids[first + place]
                                precondition(id >= 0 && id < vocabSize, "Token id \(id) outside the vocabulary")
                                let wordRow = word.baseAddress! + id * hidden
                                let positionRow = position.baseAddress! + place * hidden
                                let target = out.baseAddress! + (first + place) * hidden
                                for column in 0..<hidden {
                                    target[column] = (wordRow[column] + tokenType[column]) + positionRow[column]
                                }
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
    /// The batch is packed (no padded rows), so each sequence attends to exactly its own tokens:
    /// what BERT's padding mask gives a padded batch (a padded key's weight is `exp(-inf) = 0`).
    ///
    /// - Parameters:
    ///   - hidden: One row of `hiddenSize` per token of `batch`.
    ///   - batch: Where each sequence's rows are.
    func callAsFunction(_ hidden: Matrix, batch: TokenBatch) -> Matrix {
        let width = hidden.columns
        let headSize = width / heads
        let stride = 3 * width
        let scale = 1 / Float(headSize).squareRoot()
        // Q, K and V are projected for a few sequences at a time (about `blockRows` rows).
        let blocks = batch.blocks(maxRows: blockRows)
        let widestBlock = blocks.map { batch.offsets[$0.upperBound] - batch.offsets[$0.lowerBound] }.max() ?? 0
        var projected = [Float](repeating: 0, count: widestBlock * stride)
        var context = Matrix(rows: hidden.rows, columns: width)
        let longest = batch.longest
        var scores = [Float](repeating: 0, count: longest * longest)
        hidden.values.withUnsafeBufferPointer { hidden in
            projected.withUnsafeMutableBufferPointer { projected in
                context.values.withUnsafeMutableBufferPointer { context in
                    scores.withUnsafeMutableBufferPointer { scores in
                        for block in blocks {
                            let firstRow = batch.offsets[block.lowerBound]
                            queryKeyValue.project(
                                hidden.baseAddress! + firstRow * width,
                                rows: batch.offsets[block.upperBound] - firstRow,
                                into: projected.baseAddress!
                            )
                            for sequence in block {
                                let length = batch.lengths[sequence]
                                let rows = projected.baseAddress! + (batch.offsets[sequence] - firstRow) * stride
                                let contextRows = context.baseAddress! + batch.offsets[sequence] * width
                                for head in 0..<heads {
                                    let query = rows + head * headSize
                                    let key = rows + width + head * headSize
                                    let value = rows + 2 * width + head * headSize
                                    // scores = Q Kᵀ / √d over the sequence's tokens.
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

    func callAsFunction(_ hidden: Matrix, batch: TokenBatch) -> Matrix {
        feedForward(attention(hidden, batch: batch))
    }
}
