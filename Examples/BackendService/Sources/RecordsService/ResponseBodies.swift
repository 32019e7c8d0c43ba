import Hummingbird
import SeekDB

/// One record: `GET /collections/:name/records/:id`. `document` and `metadata` are always
/// present (`null` when the record has none); `embedding` only with `?include=embeddings`.
struct RecordResponse: ResponseEncodable {
    var id: String
    var document: String?
    var metadata: Metadata?
    var embedding: [Float]?
    var includesEmbedding: Bool

    init(_ record: GetResult.Record, includesEmbedding: Bool) {
        id = record.id
        document = record.document
        metadata = record.metadata
        embedding = record.embedding
        self.includesEmbedding = includesEmbedding
    }

    private enum CodingKeys: String, CodingKey { case id, document, metadata, embedding }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(document, forKey: .document)
        try container.encode(metadata, forKey: .metadata)
        if includesEmbedding { try container.encode(embedding, forKey: .embedding) }
    }
}

/// `POST /collections/:name/records` (201 Created): the ids added.
struct AddResponse: ResponseEncodable {
    var ids: [String]
}

/// PUT, PATCH and `POST …/records/update`: how many records changed, and the ids skipped
/// with `"missing": "skip"`.
struct UpdateResponse: ResponseEncodable {
    var updatedCount: Int
    var skippedIDs: [String]

    init(_ result: UpdateResult) {
        updatedCount = result.updatedCount
        skippedIDs = result.skippedIDs
    }
}

/// `POST …/records/upsert`: which ids were inserted and which updated.
struct UpsertResponse: ResponseEncodable {
    var insertedIDs: [String]
    var updatedIDs: [String]

    init(_ result: UpsertResult) {
        insertedIDs = result.insertedIDs
        updatedIDs = result.updatedIDs
    }
}

/// `POST …/query`: pyseekdb's shape, one inner list per query, nearest first. Fields not
/// included are left out.
struct QueryResponse: ResponseEncodable {
    var ids: [[String]]
    var documents: [[String?]]?
    var metadatas: [[Metadata?]]?
    var embeddings: [[[Float]?]]?
    var distances: [[Double]]?

    init(_ result: QueryResult) {
        ids = result.ids
        documents = result.documents
        metadatas = result.metadatas
        embeddings = result.embeddings
        distances = result.distances
    }
}
