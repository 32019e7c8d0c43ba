/// A record reads and writes itself as `{"id": …, "embedding": […], "document": …, "metadata": {…}}`
/// (fields that are `nil` left out), so a server can take records straight from a request body:
///
/// ```swift
/// struct Batch: Decodable { var records: [RecordInput] }
/// let batch = try await request.decode(as: Batch.self, context: context)
/// try await collection.upsert(batch.records)
/// ```
extension RecordInput: Codable {
    private enum CodingKeys: String, CodingKey { case id, embedding, document, metadata }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            id: try container.decode(String.self, forKey: .id),
            embedding: try container.decodeIfPresent([Float].self, forKey: .embedding),
            document: try container.decodeIfPresent(String.self, forKey: .document),
            metadata: try container.decodeIfPresent(Metadata.self, forKey: .metadata))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encodeIfPresent(embedding, forKey: .embedding)
        try container.encodeIfPresent(document, forKey: .document)
        try container.encodeIfPresent(metadata, forKey: .metadata)
    }
}
