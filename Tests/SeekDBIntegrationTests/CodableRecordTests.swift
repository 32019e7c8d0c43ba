import Foundation
import SeekDB
import SeekDBTesting
import Testing

@testable import SeekDBDriver

/// `Codable` metadata and record-shaped writes against the real server: values go through the
/// server's JSON column and come back exactly.
@Suite(.enabled(if: TestEnvironment.isEnabled), .seekdbDatabase)
struct CodableRecordTests {
    struct Book: Codable, Equatable {
        var title: String, year: Int, rating: Double, pages: Int64
        var tags: [String], added: Date, series: Series?
    }

    struct Series: Codable, Equatable { var name: String, volume: Int }

    static let added = Date(timeIntervalSince1970: 1_763_717_400.25)
    static let dune = Book(
        title: "Dune", year: 1965, rating: 0.1, pages: .max, tags: ["sf"], added: added,
        series: Series(name: "Dune", volume: 1))
    static let emma = Book(
        title: "Emma", year: 1815, rating: 1.0 / 3, pages: .min, tags: [],
        added: Date(timeIntervalSince1970: -4_000_000_000.5), series: nil)

    @Test func codableMetadataRoundTripsExactlyThroughTheServer() async throws {
        try await withTestCollection(dimension: 2) { _, collection in
            try await collection.add([
                try RecordInput(id: "dune", embedding: [1, 0], document: "Dune", encoding: Self.dune),
                try RecordInput(id: "emma", embedding: [0, 1], encoding: Self.emma),
                RecordInput(id: "plain", embedding: [-5, -5], metadata: ["title": "Plain", "year": 2000])
            ])
            let read = try await collection.get(ids: ["emma", "dune"])
            #expect(try read.metadatas(as: Book.self) == [Self.emma, Self.dune])
            #expect(read.documents == [nil, "Dune"])
            #expect(read.metadatas?[1]?["added"] == "2025-11-21T09:30:00.250Z")
            #expect(read.metadatas?[1]?["pages"] == .int(.max))

            let hits = try await collection.query(embeddings: [[1, 0.1]], nResults: 2, include: .metadatas, consistency: .exact)
            #expect(try hits.metadatas(as: Book.self) == [[Self.dune, Self.emma]])
            #expect(try hits.hits(forQuery: 0)[0].metadata(as: Book.self) == Self.dune)

            // A record whose metadata is not a Book names the record and the place.
            let error = try await #require(throws: SeekDBError.self) {
                try await collection.get(ids: ["plain"]).metadatas(as: Book.self)
            }
            #expect(error.code == .decodingFailed)
            #expect(error.message.contains("record 'plain'"))
        }
    }

    @Test func isoDatesFilterInTimeOrder() async throws {
        struct Event: Codable { var at: Date }
        try await withTestCollection(dimension: 2) { _, collection in
            let times: [Double] = [-86_400, 0.5, 951_782_400, 1_763_717_400.25]
            try await collection.add(
                times.indices.map { index in
                    try RecordInput(
                        id: "e\(index)", embedding: [1, Float(index)], encoding: Event(at: Date(timeIntervalSince1970: times[index])))
                })
            let bound = try MetadataEncoder().encodeValue(Date(timeIntervalSince1970: 0))
            let later = try await collection.get(where: .field("at") > bound)
            #expect(Set(later.ids) == ["e1", "e2", "e3"])
        }
    }

    @Test func recordShapedUpdateUpsertAndSingleRecordCalls() async throws {
        struct Patch: Encodable {
            var year: Int
            var note: String
        }
        try await withTestCollection(dimension: 4, embeddingFunction: LetterCountEmbedding()) { _, collection in
            try await collection.add(try RecordInput(id: "dune", embedding: [1, 0, 0, 0], document: "Dune", encoding: Self.dune))
            try await collection.add(ids: ["other"], embeddings: [[0, 1, 0, 0]], metadatas: [["keep": true]])

            let updated = try await collection.update(
                [
                    try RecordUpdate(id: "dune", encoding: Patch(year: 1966, note: "2nd")),
                    RecordUpdate(id: "other", document: "Other"),
                    RecordUpdate(id: "ghost", document: "?")
                ], metadataMode: .merge, missing: .skip)
            #expect(updated.updatedCount == 2)
            #expect(updated.skippedIDs == ["ghost"])
            var read = try await collection.get(ids: ["dune", "other"], include: [.documents, .metadatas, .embeddings])
            #expect(read.metadatas?[0]?["year"] == 1966)
            #expect(read.metadatas?[0]?["note"] == "2nd")
            #expect(read.metadatas?[0]?["title"] == "Dune")  // merged, not replaced
            #expect(read.documents == ["Dune", "Other"])
            #expect(read.embeddings == [[1, 0, 0, 0], [0, 0, 0, 0]])  // "Other" re-embedded: no a, b, c or d

            try await collection.update(try RecordUpdate(id: "dune", encoding: Self.dune))  // replace
            read = try await collection.get(ids: ["dune"])
            #expect(try read.metadatas(as: Book.self) == [Self.dune])

            let upserted = try await collection.upsert([
                try RecordInput(id: "emma", embedding: [0.5, 0.5, 0, 0], encoding: Self.emma),
                RecordInput(id: "dune", document: "Dune!")
            ])
            #expect(upserted == UpsertResult(insertedIDs: ["emma"], updatedIDs: ["dune"]))
            let single = try await collection.upsert(RecordInput(id: "emma", document: "Emma"))
            #expect(single.updatedIDs == ["emma"])
            read = try await collection.get(ids: ["emma", "dune"])
            #expect(read.documents == ["Emma", "Dune!"])
            #expect(try read.metadatas(as: Book.self) == [Self.emma, Self.dune])
        }
    }

    @Test func anEncodingErrorSendsNoStatement() async throws {
        struct Counter: Encodable { var count: UInt64 }
        try await withTestCollection(dimension: 2) { _, collection in
            let counter = StatementCounter()
            let error = await StatementTracing.$counter.withValue(counter) {
                await #expect(throws: SeekDBError.self) {
                    try await collection.add([
                        RecordInput(id: "a", embedding: [1, 1], metadata: ["n": 1]),
                        try RecordInput(id: "b", embedding: [1, 1], encoding: Counter(count: .max))
                    ])
                }
            }
            #expect(error?.code == .invalidArgument)
            #expect(error?.message.contains("record 'b'") == true, "\(String(describing: error))")
            #expect(counter.value == 0)
            let count = try await collection.count()
            #expect(count == 0)
        }
    }

    @Test func listShapedCallsTakeEncodedMetadatas() async throws {
        try await withTestCollection(dimension: 2) { _, collection in
            try await collection.add(
                ids: ["dune", "emma"], embeddings: [[1, 0], [0, 1]],
                metadatas: try Metadatas(encoding: [Self.dune, Self.emma]))
            try await collection.update(
                ids: ["dune", "emma"], embeddings: [nil, [1, 1]],
                metadatas: try Metadatas(encoding: [Self.emma, nil]))  // nil: keep emma's
            let read = try await collection.get(ids: ["dune", "emma"])
            #expect(try read.metadatas(as: Book.self) == [Self.emma, Self.emma])
        }
    }
}
