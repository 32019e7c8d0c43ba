public import SeekDBEmbeddings

/// Sparse vectors given to a write, one per id: `sparseEmbeddings: [try SparseVector([3: 0.5])]`.
///
/// A given vector is stored as is. A `nil` entry (or no list) lets the collection compute the
/// record's vector from its source (document or metadata key) when the write changes that
/// source, and otherwise keeps the stored one. Only a collection with a sparse vector index
/// takes them. Every `SparseVector` is valid by construction (ascending unique indices, at
/// most `SparseVector.maximumIndex`, finite values), so a bad vector fails where it is built,
/// before any SQL.
public struct SparseEmbeddings: Sendable, Hashable, ExpressibleByArrayLiteral {
    /// The vectors, in the order of the ids.
    public var values: [SparseVector?]

    public init(_ values: [SparseVector?]) { self.values = values }
    public init(_ values: [SparseVector]) { self.values = values }
    /// A single vector, for a single id.
    public init(single value: SparseVector) { self.values = [value] }
    public init(arrayLiteral elements: SparseVector?...) { self.values = elements }
}
