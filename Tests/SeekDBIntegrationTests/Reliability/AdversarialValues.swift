import Foundation
import SeekDB

/// SplitMix64: a tiny seeded generator, so a failing run can be replayed with its seed
/// (`SEEKDB_TEST_SEED=<seed>`).
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// The seed from `SEEKDB_TEST_SEED`, or a fresh random one.
    static func seedFromEnvironment() -> UInt64 {
        ProcessInfo.processInfo.environment["SEEKDB_TEST_SEED"].flatMap { UInt64($0) } ?? UInt64.random(in: 0...UInt64.max)
    }
}

/// Builds hostile strings, metadata and vectors from a seeded generator.
struct AdversarialValues {
    var random: SeededGenerator

    /// Pieces that break naive escaping, JSON handling, collation or UTF-8 code.
    static let atoms: [String] = [
        "a", "Z", "0", " ", "'", "\"", "\\", "\\\\", "\u{0}", "%", "_", "%_%", "`", "?", "$", "$and", ";",
        "'; DROP TABLE t; --", "\n", "\r\n", "\t", "\u{1}", "\u{1F}", "\u{7F}", "\u{FEFF}", "\u{2028}", "\u{202E}",
        "🦊", "👩‍👩‍👧‍👦", "🏳️‍🌈", "𝄞", "𠜎", "😀", "שלום", "مرحبا", "中文", "日本語", "한국어", "é", "e\u{301}", "ﬁ", "ß",
        "{\"a\":1}", "[1,2,null]", "null", "true", "\\u0000", "{\"$eq\":\"x\"}", "<script>", "&amp;", "0x00", "1e309"
    ]

    mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &random) }
    mutating func chance(_ percent: Int) -> Bool { int(0...99) < percent }
    mutating func pick<T>(_ values: [T]) -> T { values[int(0...(values.count - 1))] }

    /// A string of 0…`maxAtoms` atoms; 1 in 50 is long (up to `longBytes` UTF-8 bytes).
    mutating func string(maxAtoms: Int = 12, longBytes: Int = 30_000) -> String {
        if chance(2) {
            let target = int(min(1_000, longBytes / 2)...longBytes)
            var text = ""
            while text.utf8.count < target - 40 { text += pick(Self.atoms) }
            while text.utf8.count > longBytes { text.removeLast() }
            return text
        }
        return (0..<int(0...maxAtoms)).map { _ in pick(Self.atoms) }.joined()
    }

    /// A non-empty id of at most 512 UTF-8 bytes.
    mutating func id() -> String {
        var id = string(maxAtoms: 8, longBytes: 500)
        if id.isEmpty { id = pick(Self.atoms) }
        while id.utf8.count > 512 { id.removeLast() }
        return id
    }

    /// A metadata key: non-empty, not an operator (`$…`) at the top level, and in NFC. `Metadata`
    /// is a Swift dictionary, in which canonically equivalent keys (`é` and `e\u{301}`) are one key,
    /// while the server's JSON keeps them apart; keys spelled both ways in one record's history
    /// would make the test's model disagree with the server (seed 16149059465217257611 did).
    mutating func key() -> String {
        var key = string(maxAtoms: 4, longBytes: 200)
        if key.isEmpty || key.hasPrefix("$") { key = "k" + key }
        return key.precomposedStringWithCanonicalMapping
    }

    mutating func metadata() -> Metadata {
        var metadata: Metadata = [:]
        for _ in 0..<int(0...6) { metadata[key()] = value(depth: 0) }
        return metadata
    }

    mutating func value(depth: Int) -> MetadataValue {
        switch int(0...(depth < 4 ? 9 : 7)) {
        case 0: return .null
        case 1: return .bool(chance(50))
        case 2: return .int(pick([0, 1, -1, Int64.max, Int64.min, 9_007_199_254_740_993, Int64.random(in: .min ... .max, using: &random)]))
        case 3:
            return .double(
                pick([0.1, -2.5, 3.0, 1e-300, 1e300, Double.ulpOfOne, 123_456.789, Double.random(in: -1e6...1e6, using: &random)]))
        case 4, 5, 6: return .string(string(maxAtoms: 10, longBytes: 4_000))
        case 7: return .string("")
        case 8: return .array((0..<int(0...4)).map { _ in value(depth: depth + 1) })
        default:
            var object: [String: MetadataValue] = [:]
            for _ in 0..<int(0...4) { object[string(maxAtoms: 3, longBytes: 100)] = value(depth: depth + 1) }
            return .object(object)
        }
    }

    /// Finite float32 values, including the extremes and the smallest subnormal.
    mutating func embedding(dimension: Int) -> [Float] {
        (0..<dimension).map { _ in
            pick([
                0, 1, -1, .greatestFiniteMagnitude, -.greatestFiniteMagnitude, .leastNonzeroMagnitude, .ulpOfOne,
                Float.random(in: -1000...1000, using: &random), Float.random(in: -1...1, using: &random)
            ])
        }
    }
}

extension MetadataValue {
    /// RFC 7396: apply `patch` to `self` (what `JSON_MERGE_PATCH(self, patch)` computes).
    func mergePatched(with patch: MetadataValue) -> MetadataValue {
        guard case .object(let changes) = patch else { return patch }
        var result: [String: MetadataValue]
        if case .object(let members) = self { result = members } else { result = [:] }
        for (key, change) in changes {
            if change == .null {
                result[key] = nil
            } else {
                result[key] = (result[key] ?? .null).mergePatched(with: change)
            }
        }
        return .object(result)
    }
}
