/// Which embedding function a collection opened with `getCollection` uses.
///
/// pyseekdb's `get_collection` tells "argument left out" from "`embedding_function=None`":
/// the first restores the function the collection was created with, the second opens it with
/// none. Swift has no such sentinel, so the choice is a value you can read at the call site and
/// store in a variable:
///
/// ```swift
/// let books = try await client.getCollection(name: "books")                 // .persisted
/// let raw = try await client.getCollection(name: "books", using: .none)
/// let custom = try await client.getCollection(name: "books", using: .function(MyEmbedder()))
/// ```
public enum EmbeddingFunctionChoice: Sendable {
    /// The function the collection's settings name, as pyseekdb restores it: `"default"` is
    /// `DefaultEmbeddingFunction`; a collection with no function recorded gets the default
    /// function when its dimension is 384 and none otherwise. A function the SDK does not
    /// implement (a name other than `"default"`) means none: documents must come with their
    /// embeddings, and queries with vectors.
    case persisted
    /// No embedding function: documents must come with their embeddings, and queries with vectors.
    case none
    /// This function, whatever the collection's settings say.
    case function(any EmbeddingFunction)

    /// `.function(f)` for a function, `.none` for `nil`: the meaning of the
    /// `embeddingFunction:` argument of the pyseekdb-style overloads.
    init(_ function: (any EmbeddingFunction)?) {
        self = function.map { .function($0) } ?? .none
    }

    /// The function a collection with these persisted settings gets.
    func resolve(persistedName: String?, dimension: Int) -> (any EmbeddingFunction)? {
        switch self {
        case .persisted: SeekDBClient.embeddingFunction(persistedName: persistedName, dimension: dimension)
        case .none: nil
        case .function(let function): function
        }
    }
}
