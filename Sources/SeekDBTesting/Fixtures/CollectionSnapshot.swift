import Foundation
public import SeekDB

/// Everything a collection holds, in a form tests compare with `==` and print readably: records
/// sorted by id, with documents, metadata and embeddings as the server returns them (embeddings
/// at the server's `float32` precision).
///
/// ```swift
/// let snapshot = try await notes.snapshot()
/// #expect(snapshot == CollectionSnapshot(records: [
///     .init(id: "a", document: "first", metadata: ["k": 1], embedding: [1, 0, 0]),
/// ]))
/// ```
public struct CollectionSnapshot: Sendable, Hashable, CustomStringConvertible {
    /// One record as stored.
    public struct Record: Sendable, Hashable {
        /// The record's id.
        public var id: String
        /// The document, or `nil` when the record has none.
        public var document: String?
        /// The metadata, or `nil` when the record has none.
        public var metadata: Metadata?
        /// The embedding as the server stores it (`float32`), or `nil` when the record has none.
        public var embedding: [Float]?

        /// A record as a test expects to find it.
        public init(id: String, document: String? = nil, metadata: Metadata? = nil, embedding: [Float]? = nil) {
            self.id = id
            self.document = document
            self.metadata = metadata
            self.embedding = embedding
        }
    }

    /// The records, sorted by id (byte order of the UTF-8).
    public var records: [Record]

    /// A snapshot of `records`, which are sorted by id.
    public init(records: [Record]) {
        self.records = records.sorted { Array($0.id.utf8).lexicographicallyPrecedes(Array($1.id.utf8)) }
    }

    /// The ids, sorted.
    public var ids: [String] { records.map(\.id) }

    /// One line per record: `id | document | metadata as sorted JSON | embedding`.
    public var description: String {
        guard !records.isEmpty else { return "(empty collection)" }
        return records.map { record in
            let document = record.document.map { "\"\($0)\"" } ?? "nil"
            let metadata = record.metadata.map { SnapshotText.json(.object($0)) } ?? "nil"
            let embedding = record.embedding.map { "[" + $0.map { "\($0)" }.joined(separator: ", ") + "]" } ?? "nil"
            return "\(record.id) | \(document) | \(metadata) | \(embedding)"
        }.joined(separator: "\n")
    }
}

extension SeekDBCollection {
    /// Reads every record (documents, metadata, embeddings) in one `get` sized by `count()`
    /// (the server has no stable order to page by).
    ///
    /// - Throws: the errors of `get(ids:where:whereDocument:limit:offset:include:logger:)`.
    public func snapshot() async throws -> CollectionSnapshot {
        let total = try await count()
        let result = try await get(limit: total, include: [.documents, .metadatas, .embeddings])
        let records = result.records.map {
            CollectionSnapshot.Record(id: $0.id, document: $0.document, metadata: $0.metadata, embedding: $0.embedding)
        }
        return CollectionSnapshot(records: records)
    }
}

/// Compact JSON with sorted keys, for snapshot descriptions.
enum SnapshotText {
    static func json(_ value: MetadataValue) -> String {
        switch value {
        case .null: "null"
        case .bool(let bool): bool ? "true" : "false"
        case .int(let int): String(int)
        case .double(let double): "\(double)"
        case .string(let string):
            "\"" + string.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        case .array(let elements): "[" + elements.map(json).joined(separator: ",") + "]"
        case .object(let members):
            "{" + members.sorted { $0.key < $1.key }.map { json(.string($0.key)) + ":" + json($0.value) }.joined(separator: ",") + "}"
        }
    }
}
