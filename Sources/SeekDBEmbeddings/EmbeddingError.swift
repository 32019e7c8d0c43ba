/// An error raised while loading an embedding model or computing embeddings.
public struct EmbeddingError: Error, Sendable, CustomStringConvertible {
    /// What kind of failure this is. New codes may be added; switch with a `default`.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Sendable { case modelNotFound, invalidModel, invalidInput }
        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// The model files (model.safetensors, vocab.txt, config.json) were not found.
        public static let modelNotFound = Code(.modelNotFound)
        /// The model files exist but could not be read or do not have the expected shape.
        public static let invalidModel = Code(.invalidModel)
        /// The input could not be embedded.
        public static let invalidInput = Code(.invalidInput)

        /// The code's name, such as `modelNotFound`.
        public var description: String { base.rawValue }
    }

    /// The kind of failure.
    public var code: Code
    /// A human-readable explanation, including how to fix it where that is known.
    public var message: String

    /// Creates an error.
    ///
    /// - Parameters:
    ///   - code: The kind of failure.
    ///   - message: A human-readable explanation, including how to fix it where that is known.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// `EmbeddingError.<code>: <message>`.
    public var description: String { "EmbeddingError.\(code): \(message)" }
}
