/// A sparse vector: a few non-zero weights in a very large space, as a `SPARSEVECTOR` column of
/// seekdb stores it (for example the BM25 term weights of a document).
///
/// Every `SparseVector` is valid for seekdb's sparse index: indices strictly ascending (so no
/// index appears twice), each at most ``maximumIndex``, and every value finite. The
/// initializers check this and throw ``EmbeddingError`` with code
/// ``EmbeddingError/Code/invalidSparseVector`` otherwise, so a bad vector is refused before any
/// SQL is sent. Zero and negative weights are kept: seekdb stores them as given.
///
/// ```swift
/// let v = try SparseVector([7: 0.5, 3: 1.25])      // indices [3, 7], values [1.25, 0.5]
/// v.text                                            // "{3:1.25,7:0.5}"
/// ```
public struct SparseVector: Sendable, Hashable {
    /// The largest index seekdb's sparse vector index (`TYPE=sindi`, the only kind pyseekdb
    /// creates) accepts: seekdb 1.4.0 refuses a larger one with error 1235 ("sparse vector
    /// dimension greater than 500000 is not supported"). The bare column type would take any
    /// `UInt32`, but a collection's sparse column always has that index.
    public static let maximumIndex: UInt32 = 500_000

    /// The indices of the non-zero entries, strictly ascending.
    public let indices: [UInt32]
    /// The weight of each entry of ``indices``, in the same order.
    public let values: [Float]

    /// A vector with no entries (`{}`). seekdb stores it; pyseekdb's BM25 never produces it
    /// (an empty text becomes `{0: 1e-6}`).
    public static let empty = SparseVector(unchecked: [], [])

    /// Creates a vector from parallel arrays, exactly as given.
    ///
    /// - Throws: ``EmbeddingError`` (``EmbeddingError/Code/invalidSparseVector``) if the arrays
    ///   differ in length, the indices are not strictly ascending (unsorted or repeated), an index
    ///   exceeds ``maximumIndex`` or a value is NaN or infinite. Build from pairs or a dictionary
    ///   to have unsorted entries sorted.
    public init(indices: [UInt32], values: [Float]) throws(EmbeddingError) {
        guard indices.count == values.count else {
            throw EmbeddingError(
                .invalidSparseVector,
                "\(indices.count) indices but \(values.count) values; give one value per index")
        }
        for position in indices.indices {
            let index = indices[position]
            if position > 0 {
                let previous = indices[position - 1]
                if index == previous {
                    throw EmbeddingError(.invalidSparseVector, "index \(index) appears twice")
                }
                if index < previous {
                    throw EmbeddingError(
                        .invalidSparseVector,
                        "indices must be ascending: \(index) comes after \(previous) (build from pairs or a dictionary to have them sorted)"
                    )
                }
            }
            try Self.check(index: index, value: values[position])
        }
        self.indices = indices
        self.values = values
    }

    /// Creates a vector from `(index, value)` pairs in any order; they are sorted by index.
    ///
    /// - Throws: ``EmbeddingError`` (``EmbeddingError/Code/invalidSparseVector``) if an index
    ///   appears twice, exceeds ``maximumIndex``, or a value is NaN or infinite.
    public init(_ pairs: some Sequence<(UInt32, Float)>) throws(EmbeddingError) {
        let sorted = pairs.sorted { $0.0 < $1.0 }
        try self.init(indices: sorted.map(\.0), values: sorted.map(\.1))
    }

    /// Creates a vector from a dictionary of index → value; entries are sorted by index.
    ///
    /// - Throws: ``EmbeddingError`` (``EmbeddingError/Code/invalidSparseVector``) if an index
    ///   exceeds ``maximumIndex`` or a value is NaN or infinite.
    public init(_ entries: [UInt32: Float]) throws(EmbeddingError) {
        try self.init(entries.lazy.map { ($0.key, $0.value) })
    }

    /// For entries the caller built sorted, unique, in range and finite (BM25's own output).
    init(unchecked indices: [UInt32], _ values: [Float]) {
        self.indices = indices
        self.values = values
    }

    /// The number of entries.
    public var count: Int { indices.count }

    /// `true` if the vector has no entries.
    public var isEmpty: Bool { indices.isEmpty }

    /// The entries as `(index, value)` pairs, ascending by index.
    public var entries: [(index: UInt32, value: Float)] {
        zip(indices, values).map { (index: $0, value: $1) }
    }

    /// The value at `index`, or `nil` if the vector has no entry there.
    public subscript(index: UInt32) -> Float? {
        // Binary search: indices are strictly ascending.
        var low = 0
        var high = indices.count
        while low < high {
            let middle = (low + high) / 2
            if indices[middle] < index { low = middle + 1 } else { high = middle }
        }
        return low < indices.count && indices[low] == index ? values[low] : nil
    }

    private static func check(index: UInt32, value: Float) throws(EmbeddingError) {
        guard index <= maximumIndex else {
            throw EmbeddingError(
                .invalidSparseVector,
                "index \(index) is above \(maximumIndex), the largest seekdb's sparse index accepts")
        }
        guard value.isFinite else {
            throw EmbeddingError(.invalidSparseVector, "the value at index \(index) is \(value); values must be finite")
        }
    }
}
