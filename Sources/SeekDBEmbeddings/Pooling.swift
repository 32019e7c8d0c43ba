/// Mean pooling over the attention mask: for each sequence, the average of the hidden states of
/// its real tokens (the first `length` rows of its block), as sentence-transformers and pyseekdb
/// compute it (the token count is clipped below at 1e-9, so an empty mask gives zeros).
///
/// - Parameters:
///   - hidden: `lengths.count × sequenceLength` rows, one block of `sequenceLength` rows per sequence.
///   - lengths: The real length of each sequence (its attention mask is `length` ones, then zeros).
///   - sequenceLength: The padded length of every block.
/// - Returns: One vector of `hidden.columns` values per sequence.
func meanPool(_ hidden: Matrix, lengths: [Int], sequenceLength: Int) -> [[Float]] {
    precondition(hidden.rows == lengths.count * sequenceLength, "Hidden states do not match the batch")
    let width = hidden.columns
    return hidden.values.withUnsafeBufferPointer { values in
        lengths.enumerated().map { sequence, length in
            precondition(length <= sequenceLength, "A length exceeds the padded length")
            var sum = [Float](repeating: 0, count: width)
            sum.withUnsafeMutableBufferPointer { sum in
                for row in 0..<length {
                    let base = values.baseAddress! + (sequence * sequenceLength + row) * width
                    for column in 0..<width { sum[column] += base[column] }
                }
                let inverse = 1 / max(Float(length), 1e-9)
                for column in 0..<width { sum[column] *= inverse }
            }
            return sum
        }
    }
}

/// A vector divided by its Euclidean length (PyTorch's `F.normalize`: the length is clipped
/// below at 1e-12, so the zero vector stays zero).
///
/// - Parameters:
///   - vector: The vector to normalise.
/// - Returns: A vector of length 1 pointing the same way (or the zero vector).
func l2Normalized(_ vector: [Float]) -> [Float] {
    var squares: Float = 0
    for value in vector { squares += value * value }
    let inverse = 1 / max(squares.squareRoot(), 1e-12)
    return vector.map { $0 * inverse }
}
