import Foundation
import SeekDB

/// The inputs every benchmark uses: deterministic, built once in each benchmark's setup (never
/// inside the measured part).
enum MicroData {
    static let records = 1_000
    static let dimension = 384

    static func ids(_ count: Int = records) -> [String] {
        // Not in key order, so the statement builders sort as they do for a real call.
        (0..<count).map { "doc-\(($0 * 7_919) % count)" }
    }

    /// Metadata of a typical record: a few scalars, a short list, a nested object.
    static func metadata(_ index: Int) -> Metadata {
        [
            "title": .string("Record \(index) about vector search"),
            "year": .int(Int64(1_990 + index % 35)),
            "score": .double(Double(index % 1_000) / 7),
            "published": .bool(index % 3 == 0),
            "tags": .array([.string("t\(index % 7)"), .string("t\(index % 11)")]),
            "source": .object(["site": .string("example.org"), "page": .int(Int64(index))])
        ]
    }

    static func metadatas(_ count: Int = records) -> [Metadata] { (0..<count).map(metadata) }

    static func vector(_ index: Int) -> [Float] {
        (0..<dimension).map { Float(($0 * 7 + index * 13) % 101) / 101 + 0.01 }
    }

    static func vectors(_ count: Int = records) -> [[Float]] { (0..<count).map(vector) }

    /// The same record as ``metadata(_:)``, as an application's `Codable` type.
    struct Book: Codable, Sendable {
        struct Source: Codable, Sendable {
            var site: String
            var page: Int
        }
        var title: String
        var year: Int
        var score: Double
        var published: Bool
        var tags: [String]
        var source: Source
        var added: Date
    }

    static func book(_ index: Int) -> Book {
        let added = Date(timeIntervalSince1970: 1_700_000_000 + Double(index) * 61.25)
        let tags = ["t\(index % 7)", "t\(index % 11)"]
        let score = Double(index % 1_000) / 7
        return Book(
            title: "Record \(index) about vector search", year: 1_990 + index % 35, score: score,
            published: index % 3 == 0, tags: tags, source: Book.Source(site: "example.org", page: index), added: added)
    }

    static func books(_ count: Int = records) -> [Book] { (0..<count).map(book) }

    /// Short sentences (6–12 words), as chat messages or titles; the same every run.
    static func shortTexts(_ count: Int) -> [String] {
        let words = """
            the of and a to in is was for on that with as by at from vector search model database query \
            index language learning machine network science history computer memory engine storage \
            record server client function swift python embedding similarity nearest neighbour cosine \
            distance metadata filter document collection update insert delete batch statement
            """.split(separator: " ").map(String.init)
        return (0..<count).map { index in
            let length = 6 + index % 7
            let sentence = (0..<length).map { words[(index * 31 + $0 * 17) % words.count] }.joined(separator: " ")
            return sentence.prefix(1).uppercased() + sentence.dropFirst() + (index % 5 == 0 ? "?" : ".")
        }
    }
}
