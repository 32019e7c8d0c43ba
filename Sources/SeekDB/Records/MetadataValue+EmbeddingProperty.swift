extension EmbeddingPropertyValue {
    /// The same JSON value as a property of an embedding function (BM25's `k`, `b`, …), so
    /// settings read from a collection or given on the command line configure one.
    public init(_ value: MetadataValue) {
        switch value {
        case .null: self = .null
        case .bool(let flag): self = .bool(flag)
        case .int(let number): self = .int(number)
        case .double(let number): self = .double(number)
        case .string(let text): self = .string(text)
        case .array(let items): self = .array(items.map(EmbeddingPropertyValue.init))
        case .object(let members): self = .object(members.mapValues(EmbeddingPropertyValue.init))
        }
    }
}
