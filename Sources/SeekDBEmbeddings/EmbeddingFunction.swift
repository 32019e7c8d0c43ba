/// Turns texts into vectors for a collection.
///
/// Implement it to plug in any model or remote provider; ``DefaultEmbeddingFunction`` computes
/// all-MiniLM-L6-v2 locally, exactly as pyseekdb's default does.
///
/// Implementations must be safe to call from many tasks at once.
public protocol EmbeddingFunction: Sendable {
    /// The length of every vector ``embed(_:)`` returns.
    var dimension: Int { get }

    /// The name pyseekdb knows this function by (for example `"default"`), written into the
    /// collection's settings so pyseekdb restores its own equivalent. `nil` (the default)
    /// means "do not persist": pyseekdb then treats the collection as having no function.
    var persistedName: String? { get }

    /// Embeds a batch of texts, returning one vector of ``dimension`` floats per text, in order.
    ///
    /// - Throws: ``EmbeddingError`` or any error of the implementation; `CancellationError`
    ///   when the task is cancelled.
    func embed(_ texts: [String]) async throws -> [[Float]]
}

extension EmbeddingFunction {
    public var persistedName: String? { nil }
}
