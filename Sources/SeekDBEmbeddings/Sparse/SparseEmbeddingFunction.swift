/// Turns texts into sparse vectors (for example BM25 term weights) for a collection's
/// `sparse_embedding` column: the sparse counterpart of ``EmbeddingFunction``.
///
/// A collection stores the function's ``name`` and ``properties`` in its settings
/// (`sparse_vector_index.embedding_function` of `sdk_collections.settings`), in the shape
/// pyseekdb writes, so pyseekdb attaches its own equivalent function when it opens the
/// collection and both clients compute the same vectors. ``BM25SparseEmbeddingFunction`` is
/// pyseekdb's `"bm25"`.
///
/// Implementations must be safe to call from many tasks at once.
public protocol SparseEmbeddingFunction: Sendable {
    /// The name pyseekdb registers the function under, such as `"bm25"`.
    var name: String { get }

    /// The settings pyseekdb's `get_config()` returns for the same function, in its key order,
    /// with its value types (a Python `float` is ``EmbeddingPropertyValue/double(_:)`` even when
    /// whole, an `int` is ``EmbeddingPropertyValue/int(_:)``).
    var properties: [(key: String, value: EmbeddingPropertyValue)] { get }

    /// Computes one sparse vector per text, in order.
    ///
    /// - Throws: ``EmbeddingError`` or any error of the implementation; `CancellationError`
    ///   when the task is cancelled.
    func embed(_ texts: [String]) async throws -> [SparseVector]
}

/// One value of an embedding function's persisted properties: what JSON can hold, with
/// integers kept apart from doubles (pyseekdb writes `1.2` and `250000`, and reads them back
/// as `float` and `int`).
public enum EmbeddingPropertyValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case int(Int64)
    case double(Double)
    case string(String)
    case array([EmbeddingPropertyValue])
    case object([String: EmbeddingPropertyValue])

    /// The number as a double, if this is an integer or a double (what Python's `float(x)`
    /// accepts from JSON numbers).
    public var doubleValue: Double? {
        switch self {
        case .int(let value): Double(value)
        case .double(let value): value
        default: nil
        }
    }
}
