import Foundation
import Testing

@testable import SeekDBEmbeddings

/// Tokenizer behaviour on a tiny in-memory vocabulary (no model files needed).
@Suite("WordPieceTokenizer on a tiny vocabulary")
struct WordPieceTokenizerTests {
    static let vocabulary = [
        "[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]",  // 0–4
        "hello", "world", "!", ",", ".",  // 5–9
        "un", "##aff", "##able", "cafe", "naive",  // 10–14
        "你", "好", "a", "##a", "[",  // 15–19
        "]", "mask", "οδοσ", "$", "'",  // 20–24
        "s", "it", "hel", "##lo", "##ll"  // 25–29
    ]
    let tokenizer = try! WordPieceTokenizer(vocabulary: Self.vocabulary)

    /// The tokens (not ids) between [CLS] and [SEP].
    func tokens(_ text: String, maxLength: Int = 256) -> [String] {
        let ids = tokenizer.encode(text, maxLength: maxLength)
        #expect(ids.first == 2 && ids.last == 3, "ids must be wrapped in [CLS] … [SEP]")
        return ids.dropFirst().dropLast().map { Self.vocabulary[$0] }
    }

    @Test func emptyTextIsClassAndSeparatorOnly() {
        #expect(tokenizer.encode("") == [2, 3])
        #expect(tokenizer.encode("   \n\t ") == [2, 3])
    }

    @Test func lowerCasesAndSplitsPunctuation() {
        #expect(tokens("Hello, WORLD!") == ["hello", ",", "world", "!"])
        #expect(tokens("hello...world") == ["hello", ".", ".", ".", "world"])
        // ASCII symbols such as $ count as punctuation; so does the apostrophe.
        #expect(tokens("$hello it's") == ["$", "hello", "it", "'", "s"])
        // Unicode punctuation (a CJK full stop, Po) splits too.
        #expect(tokens("hello。world") == ["hello", "[UNK]", "world"])
    }

    @Test func stripsAccentsComposedAndDecomposed() {
        #expect(tokens("Café NAÏVE") == ["cafe", "naive"])
        #expect(tokens("Cafe\u{301} nai\u{308}ve") == ["cafe", "naive"])
    }

    @Test func lowerCasesEachCharacterWithoutFinalSigma() {
        #expect(tokens("ΟΔΟΣ") == ["οδοσ"])
    }

    @Test func spacesOutCJKIdeographs() {
        #expect(tokens("你好") == ["你", "好"])
        #expect(tokens("hello你world") == ["hello", "你", "world"])
    }

    @Test func cutsWordPiecesGreedily() {
        #expect(tokens("unaffable") == ["un", "##aff", "##able"])
        #expect(tokens("hello") == ["hello"])  // longest match first: not hel ##lo
        #expect(tokens("helll") == ["hel", "##ll"])
        // "hel" matches but no piece covers the last "l": the whole word is unknown.
        #expect(tokens("hell") == ["[UNK]"])
    }

    @Test func unknownWordsBecomeOneUnknownToken() {
        #expect(tokens("xyz hello") == ["[UNK]", "hello"])
        // A word that cuts partly is still a single [UNK].
        #expect(tokens("unaffablex") == ["[UNK]"])
    }

    @Test func wordsLongerThan100CharactersAreUnknown() {
        let hundred = String(repeating: "a", count: 100)
        #expect(tokens(hundred) == ["a"] + Array(repeating: "##a", count: 99))
        #expect(tokens(hundred + "a") == ["[UNK]"])
    }

    @Test func deletesControlAndFormatCharacters() {
        // Zero-width space (Cf) and a soft hyphen (Cf) join the words around them.
        #expect(tokens("hel\u{200B}lo wor\u{AD}ld") == ["hello", "world"])
        // NUL, U+FFFD and other control characters are deleted; tab/newline are whitespace.
        #expect(tokens("hel\u{0}lo\u{FFFD}\tworld\u{7}!\r\n") == ["hello", "world", "!"])
        // Non-breaking and ideographic spaces are whitespace.
        #expect(tokens("hello\u{A0}world\u{3000}!") == ["hello", "world", "!"])
    }

    @Test func literalSpecialTokensAreSpecial() {
        #expect(tokens("hello [SEP] world[MASK]!") == ["hello", "[SEP]", "world", "[MASK]", "!"])
        #expect(tokens("[CLS][PAD][UNK]") == ["[CLS]", "[PAD]", "[UNK]"])
        // Matching is case-sensitive: [mask] is punctuation and a word.
        #expect(tokens("[mask]") == ["[", "mask", "]"])
    }

    @Test func truncatesToMaxLengthIncludingClassAndSeparator() {
        let text = Array(repeating: "hello", count: 10).joined(separator: " ")
        let ids = tokenizer.encode(text, maxLength: 5)
        #expect(ids == [2, 5, 5, 5, 3])
        #expect(tokenizer.encode(text, maxLength: 2) == [2, 3])
        #expect(tokenizer.encode(text, maxLength: 12).count == 12)
        #expect(tokenizer.encode(text, maxLength: 13).count == 12)
    }

    @Test func missingSpecialTokenIsInvalidModel() {
        #expect {
            _ = try WordPieceTokenizer(vocabulary: ["[PAD]", "[CLS]", "[SEP]", "hello"])
        } throws: { error in
            (error as? EmbeddingError)?.code == .invalidModel
        }
    }

    @Test func readsVocabularyFile() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("vocab-\(UUID().uuidString).txt").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Self.vocabulary.joined(separator: "\n").appending("\n").write(toFile: path, atomically: true, encoding: .utf8)
        let fromFile = try WordPieceTokenizer(vocabularyFile: path)
        #expect(fromFile.vocabularySize == Self.vocabulary.count)
        #expect(fromFile.encode("Hello, world!") == tokenizer.encode("Hello, world!"))
    }
}
