public import Foundation
public import SeekDB

extension SeekDBCollection {
    /// Adds `records` in one call (one transaction): every record is added or none is.
    ///
    /// Records without an embedding get one from the collection's embedding function. Records
    /// may leave out documents or metadata.
    ///
    /// - Throws: the errors of `add(ids:embeddings:documents:metadatas:logger:)`.
    public func load(_ records: [FixtureRecord]) async throws {
        guard !records.isEmpty else { return }
        let embeddings = records.contains { $0.embedding != nil } ? Embeddings(records.map(\.embedding)) : nil
        try await add(
            ids: IDs(records.map(\.id)), embeddings: embeddings,
            documents: Documents(records.map(\.document)), metadatas: Metadatas(records.map(\.metadata)))
    }

    /// Adds the records of a JSON-lines file in the CLI's record format
    /// (`{"id","document","embedding","metadata"}` per line).
    ///
    /// - Throws: a parse error naming the file and line, or the errors of ``load(_:)``.
    public func load(jsonLinesAt url: URL) async throws {
        try await load(try FixtureRecord.records(jsonLinesAt: url))
    }

    /// Adds `Encodable` values whose JSON has the record format's keys (`id`, and any of
    /// `document`, `embedding`, `metadata`).
    ///
    /// - Throws: an encoding or format error naming the value's index, or the errors of ``load(_:)``.
    public func load<Value: Encodable>(encoding values: some Sequence<Value>) async throws {
        try await load(try FixtureRecord.records(encoding: values))
    }
}

extension SeekDBClient {
    /// Creates a collection without an embedding function and adds `records` to it: a fixture
    /// in one line.
    ///
    /// - Parameters:
    ///   - name: the collection's name.
    ///   - dimension: the embedding dimension; default: that of the first record with an
    ///     embedding (3 if none has one).
    ///   - distance: the distance metric. Default `DistanceMetric/l2`.
    ///   - records: the records to add.
    /// - Throws: the errors of creating the collection and of `load(_:)`.
    @discardableResult
    public func createCollection(
        name: String, dimension: Int? = nil, distance: DistanceMetric = .l2,
        records: [FixtureRecord]
    ) async throws -> SeekDBCollection {
        let dimension = dimension ?? records.lazy.compactMap(\.embedding?.count).first ?? 3
        let collection = try await createCollection(
            name: name, configuration: .init(dimension: dimension, distance: distance),
            embeddingFunction: nil)
        try await collection.load(records)
        return collection
    }
}
