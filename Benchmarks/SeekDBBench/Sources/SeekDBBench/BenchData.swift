import SeekDB

/// The records every client writes: deterministic, and computed the same way by
/// `Benchmarks/bench.py` for pyseekdb, so all three clients send the same values.
enum BenchData {
    static let dimension = 384

    static func id(_ index: Int) -> String { "id-\(index)" }

    /// Components in [0.01, 1.0], different per record and per round.
    static func vector(_ index: Int, round: Int) -> [Float] {
        (0..<dimension).map { Float(($0 * 7 + index * 13 + round * 5) % 101) / 101 + 0.01 }
    }

    static func metadata(_ index: Int, round: Int) -> Metadata {
        [
            "round": .int(Int64(round)), "i": .int(Int64(index)), "tag": .string(tag(index)),
            "score": .double(Double(index % 100) / 10)
        ]
    }

    /// The JSON text of ``metadata(_:round:)``, for raw SQL.
    static func metadataJSON(_ index: Int, round: Int) -> String {
        #"{"round": \#(round), "i": \#(index), "tag": "\#(tag(index))", "score": \#(Double(index % 100) / 10)}"#
    }

    static func tag(_ index: Int) -> String { "t\(index % 7)" }

    /// A short English sentence (10 words), for the documents-only update.
    static func document(_ index: Int, round: Int) -> String {
        let topics = ["databases", "vectors", "search", "swift", "python", "indexes", "embeddings"]
        return "record \(index) of round \(round) is a short note about \(topics[index % 7]) and \(topics[(index + round) % 7])"
    }

    static func ids(_ range: Range<Int>) -> [String] { range.map(id) }
    static func vectors(_ range: Range<Int>, round: Int) -> [[Float]] { range.map { vector($0, round: round) } }
    static func metadatas(_ range: Range<Int>, round: Int) -> [Metadata] { range.map { metadata($0, round: round) } }
    static func documents(_ range: Range<Int>, round: Int) -> [String] { range.map { document($0, round: round) } }
    /// The documents of `resync_docs_1k`: records 0, 10, 20, … get round `round`'s document, the
    /// others keep round 0's (what the preload stored).
    static func resyncDocuments(_ range: Range<Int>, round: Int) -> [String] {
        range.map { document($0, round: $0 % 10 == 0 ? round : 0) }
    }
}
