import SeekDB

/// Body of `POST /collections/:name/records` (add), `…/records/update` and `…/records/upsert`:
/// parallel lists, one entry per id, with pyseekdb's keys. A `null` entry leaves that field of
/// that record unchanged (update, upsert) or empty (add). Metadata is the SDK's `Metadata`,
/// which is `Codable`: integers and doubles are read as they are written.
struct RecordsBody: Decodable, Sendable {
    var ids: [String]
    var documents: [String?]?
    var metadatas: [Metadata?]?
    var embeddings: [[Float]?]?
    /// update and upsert: `"replace"` (default) or `"merge"` (RFC 7396 merge patch).
    var metadataMode: MetadataModeOption?
    /// update only: `"fail"` (default: any missing id fails the call) or `"skip"`.
    var missing: MissingOption?
}

/// Body of `PUT` and `PATCH /collections/:name/records/:id`: the fields to change of one record.
/// A field left out (or `null`) stays as it is.
struct RecordFieldsBody: Decodable, Sendable {
    var document: String?
    var metadata: Metadata?
    var embedding: [Float]?
}

/// Body of `POST /collections/:name/query`: exactly one of `queryTexts` (embedded by the
/// collection's embedding function) and `queryEmbeddings`.
struct QueryBody: Decodable, Sendable {
    var queryTexts: [String]?
    var queryEmbeddings: [[Float]]?
    /// Hits per query, 1…16384. Default 10.
    var nResults: Int?
    /// A metadata filter in pyseekdb's JSON syntax, e.g. `{"year": {"$gte": 2020}}`.
    var `where`: MetadataValue?
    /// A document filter in pyseekdb's JSON syntax, e.g. `{"$contains": "swift"}`.
    var whereDocument: MetadataValue?
    /// Fields besides ids. Default `["documents", "metadatas", "distances"]`.
    var include: [IncludeOption]?
    /// `"eventual"` (default: the vector index, which may miss the last fraction of a second's
    /// writes), `"readYourWrites"` (refresh the index first) or `"exact"` (no index).
    var consistency: ConsistencyOption?
}

enum MetadataModeOption: String, Decodable, Sendable {
    case replace, merge

    var sdkValue: MetadataUpdateMode { self == .merge ? .merge : .replace }
}

enum MissingOption: String, Decodable, Sendable {
    case fail, skip

    var sdkValue: MissingRecordPolicy { self == .skip ? .skip : .fail }
}

enum ConsistencyOption: String, Decodable, Sendable {
    case eventual, readYourWrites, exact

    var sdkValue: QueryConsistency {
        switch self {
        case .eventual: .eventual
        case .readYourWrites: .readYourWrites
        case .exact: .exact
        }
    }
}

enum IncludeOption: String, Decodable, Sendable {
    case documents, metadatas, embeddings, distances

    var sdkValue: Include {
        switch self {
        case .documents: .documents
        case .metadatas: .metadatas
        case .embeddings: .embeddings
        case .distances: .distances
        }
    }

    static func include(_ options: [IncludeOption]?, default defaultValue: Include) -> Include {
        guard let options else { return defaultValue }
        return options.reduce(into: Include()) { $0.insert($1.sdkValue) }
    }
}
