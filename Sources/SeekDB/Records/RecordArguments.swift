/// One record id or a list of ids: `ids: "a"` and `ids: ["a", "b"]` both work.
public struct IDs: Sendable, Hashable, ExpressibleByStringLiteral, ExpressibleByArrayLiteral {
    /// The ids, in order.
    public var values: [String]

    /// A list of ids.
    public init(_ values: some Sequence<String>) { self.values = Array(values) }
    /// A single id.
    public init(_ value: String) { self.values = [value] }
    public init(stringLiteral value: String) { self.values = [value] }
    public init(arrayLiteral elements: String...) { self.values = elements }
}

/// One document or a list of documents (one per id). In a list, `nil` means "leave this
/// record's document unchanged" (update, upsert) or "no document" (add).
public struct Documents: Sendable, Hashable, ExpressibleByStringLiteral, ExpressibleByArrayLiteral {
    public var values: [String?]

    public init(_ values: [String?]) { self.values = values }
    public init(_ values: [String]) { self.values = values }
    public init(_ value: String) { self.values = [value] }
    public init(stringLiteral value: String) { self.values = [value] }
    public init(arrayLiteral elements: String?...) { self.values = elements }
}

/// One metadata object or a list (one per id). `metadatas: ["k": 1]` is one object;
/// `metadatas: [["k": 1], nil]` is a list, where `nil` leaves that record's metadata unchanged.
public struct Metadatas: Sendable, Hashable, ExpressibleByDictionaryLiteral, ExpressibleByArrayLiteral {
    public var values: [Metadata?]

    public init(_ values: [Metadata?]) { self.values = values }
    public init(_ values: [Metadata]) { self.values = values }
    public init(_ value: Metadata) { self.values = [value] }
    public init(dictionaryLiteral elements: (String, MetadataValue)...) {
        self.values = [Dictionary(elements, uniquingKeysWith: { _, last in last })]
    }
    public init(arrayLiteral elements: Metadata?...) { self.values = elements }
}

/// A list of embeddings, one per id: `embeddings: [[0.1, 0.2, 0.3]]`. In a list, `nil` leaves
/// that record's embedding unchanged (or computes it from the document when one is given).
public struct Embeddings: Sendable, Hashable, ExpressibleByArrayLiteral {
    public var values: [[Float]?]

    public init(_ values: [[Float]?]) { self.values = values }
    public init(_ values: [[Float]]) { self.values = values }
    /// A single embedding, for a single id.
    public init(single value: [Float]) { self.values = [value] }
    public init(arrayLiteral elements: [Float]?...) { self.values = elements }
}

/// What `get` and `query` return besides ids.
public struct Include: OptionSet, Sendable, Hashable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }

    public static let documents = Include(rawValue: 1 << 0)
    public static let metadatas = Include(rawValue: 1 << 1)
    public static let embeddings = Include(rawValue: 1 << 2)
    /// Query distances (ignored by `get`).
    public static let distances = Include(rawValue: 1 << 3)
    /// Sparse vectors, for a collection with a sparse vector index (not part of ``all``, which
    /// any collection accepts).
    public static let sparseEmbeddings = Include(rawValue: 1 << 4)

    /// Documents and metadatas: pyseekdb's default for `get`.
    public static let `default`: Include = [.documents, .metadatas]
    /// Everything.
    public static let all: Include = [.documents, .metadatas, .embeddings, .distances]
}
