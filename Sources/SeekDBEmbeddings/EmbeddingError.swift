/// An error raised while loading an embedding model, configuring an embedding function,
/// computing embeddings, or building a ``SparseVector``.
public struct EmbeddingError: Error, Sendable, CustomStringConvertible {
    /// What kind of failure this is. New codes may be added; switch with a `default`.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Sendable {
            case modelNotFound, invalidModel, invalidInput, invalidSparseVector, invalidConfiguration, unsupportedConfiguration
        }
        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// The model files (model.safetensors, vocab.txt, config.json) were not found.
        public static let modelNotFound = Code(.modelNotFound)
        /// The model files exist but could not be read or do not have the expected shape.
        public static let invalidModel = Code(.invalidModel)
        /// The input could not be embedded.
        public static let invalidInput = Code(.invalidInput)
        /// A sparse vector's indices or values are not acceptable: a duplicate or unsorted index,
        /// an index above ``SparseVector/maximumIndex``, a value that is not finite, or text that
        /// is not `{index:value,…}`.
        public static let invalidSparseVector = Code(.invalidSparseVector)
        /// An embedding function's properties are out of range or of the wrong type (for example
        /// BM25 with `k` < 0), so no client could compute with them.
        public static let invalidConfiguration = Code(.invalidConfiguration)
        /// The properties are valid for pyseekdb but this SDK cannot compute them yet (for
        /// example BM25 with a language other than English); the message names the setting.
        public static let unsupportedConfiguration = Code(.unsupportedConfiguration)

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
