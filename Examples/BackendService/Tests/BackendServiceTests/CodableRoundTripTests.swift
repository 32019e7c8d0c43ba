import Foundation
import Hummingbird
import SeekDB
import Testing

/// A `Codable` type of the client's own goes through HTTP into seekdb and back: the client
/// encodes it with `JSONEncoder`, the service reads the body into the SDK's `Metadata` (which
/// is `Codable`) and stores it; reading it back over HTTP, or with the SDK's
/// `metadatas(as:)`, gives the same value.
@Suite struct CodableRoundTripTests {
    struct Book: Codable, Equatable {
        var title: String, year: Int, pages: Int64, rating: Double
        var published: Date, author: Author, tags: [String]
    }

    struct Author: Codable, Equatable { var name: String, born: Int? }

    /// The body of `POST …/records`, built from Swift values.
    struct AddBody: Encodable {
        var ids: [String]
        var embeddings: [[Float]]
        var metadatas: [Book]
    }

    static let books = [
        Book(
            title: "Dune", year: 1965, pages: .max, rating: 0.1, published: Date(timeIntervalSince1970: -141_782_400),
            author: Author(name: "Frank Herbert", born: 1920), tags: ["sf", "desert"]),
        Book(
            title: "Emma", year: 1815, pages: .min, rating: 1.0 / 3, published: Date(timeIntervalSince1970: 1_763_717_400),
            author: Author(name: "Jane Austen", born: nil), tags: [])
    ]

    static func jsonEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601  // whole seconds, a form MetadataDecoder reads too
        return encoder
    }

    @Test func aCodableTypeRoundTripsThroughHTTPIntoSeekDB() async throws {
        try await ServiceHarness.withService(create: RecordRoutesTests.create) { service, collection in
            let body = AddBody(ids: ["dune", "emma"], embeddings: [[1, 0, 0, 0], [0, 1, 0, 0]], metadatas: Self.books)
            let json = String(decoding: try Self.jsonEncoder().encode(body), as: UTF8.self)
            let added = try await service.send(.post, "/collections/\(collection.name)/records", json)
            #expect(added.status == .created)

            // Back over HTTP: the reply's metadata decodes into the same Book.
            let decoder = JSONDecoder()
            decoder.dateDecodingStrategy = .iso8601
            for (id, book) in zip(["dune", "emma"], Self.books) {
                let reply = try await service.send(.get, "/collections/\(collection.name)/records/\(id)")
                let metadata = try #require(reply.json["metadata"])
                let data = try JSONSerialization.data(withJSONObject: metadata)
                #expect(try decoder.decode(Book.self, from: data) == book)
            }

            // Straight from seekdb with the SDK: the same values, integers exact.
            let stored = try await collection.get(ids: ["dune", "emma"])
            #expect(try stored.metadatas(as: Book.self) == Self.books)
            #expect(stored.metadatas?[0]?["pages"] == .int(.max))
            #expect(stored.metadatas?[0]?["published"] == "1965-07-05T00:00:00Z")

            // A typed update over HTTP (PATCH merges) reads back typed as well.
            let patch = #"{"metadata": {"year": 1966, "tags": ["sf"]}}"#
            #expect(try await service.send(.patch, "/collections/\(collection.name)/records/dune", patch).status == .ok)
            var expected = Self.books[0]
            expected.year = 1966
            expected.tags = ["sf"]
            #expect(try await collection.get(ids: "dune").metadatas(as: Book.self) == [expected])
        }
    }
}
