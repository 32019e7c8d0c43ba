/// Mean pooling over the attention mask: for each sequence, the average of the hidden states of
/// its tokens, as sentence-transformers and pyseekdb compute it over a padded batch (the token
/// count is clipped below at 1e-9, so an empty sequence gives zeros).
///
/// - Parameters:
///   - hidden: The packed hidden states: the rows of each sequence one after another.
///   - lengths: The length of each sequence; they add up to `hidden.rows`.
/// - Returns: One vector of `hidden.columns` values per sequence.
func meanPool(_ hidden: Matrix, lengths: [Int]) -> [[Float]] {
    precondition(hidden.rows == lengths.reduce(0, +), "Hidden states do not match the batch")
    let width = hidden.columns
    var first = 0
    return hidden.values.withUnsafeBufferPointer { values in
        lengths.map { length in
            var sum = [Float](repeating: 0, count: width)
            sum.withUnsafeMutableBufferPointer { sum in
                for row in first..<(first + length) {
                    let base = values.baseAddress! + row * width
                    for column in 0..<width { sum[column] += base[column] }
                }
                let inverse = 1 / max(Float(length), 1e-9)
                for column in 0..<width { sum[column] *= inverse }
            }
            first += length
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
