import Foundation

/// The BERT uncased WordPiece tokenizer of all-MiniLM-L6-v2, matching the model's own
/// `tokenizer.json` (Hugging Face tokenizers: `BertNormalizer`, `BertPreTokenizer`, `WordPiece`).
///
/// For each text:
/// 1. literal special tokens (`[CLS]`, `[SEP]`, `[MASK]`, `[PAD]`, `[UNK]`, case-sensitive) are
///    split out of the raw text first and become their own ids;
/// 2. every other segment is normalised: NUL, U+FFFD and control, format (Cf) and private-use
///    characters are deleted, whitespace becomes a space, CJK ideographs get spaces around them,
///    the text is decomposed (NFD) and non-spacing marks (Mn) dropped, and each character is
///    lower-cased on its own (no final-sigma rule);
/// 3. the segment is split on whitespace, and punctuation (ASCII punctuation and Unicode P*)
///    becomes one-character words;
/// 4. each word is cut into the longest vocabulary pieces from the left (continuations carry
///    `##`); a word with no such cut, or longer than 100 characters, becomes `[UNK]`;
/// 5. the ids are wrapped in `[CLS]` … `[SEP]` and truncated to the maximum length.
///
/// Character categories come from the Swift runtime's Unicode tables. Hugging Face tokenizers
/// uses older tables (the `unicode_categories` crate, Unicode 9 era), so characters assigned or
/// recategorised since then may tokenize differently; every text in the project's reference set
/// matches.
///
/// Immutable after construction, so it can be shared freely across tasks.
public final class WordPieceTokenizer: Sendable {
    /// The special tokens split out of raw text before normalisation.
    public static let specialTokens = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]

    /// The vocabulary: token to id (the id is the line number in `vocab.txt`, from 0).
    let vocabulary: [String: Int]
    /// The id of `[UNK]`.
    public let unknownTokenID: Int
    /// The id of `[CLS]`.
    public let classTokenID: Int
    /// The id of `[SEP]`.
    public let separatorTokenID: Int
    /// The id of `[PAD]`.
    public let paddingTokenID: Int
    /// Special-token text (as Unicode scalars) to id, for the ones present in the vocabulary.
    private let specialTokenIDs: [(scalars: [Unicode.Scalar], id: Int)]
    /// Words longer than this many characters become `[UNK]`.
    let maxInputCharactersPerWord: Int
    /// The longest vocabulary entry, in Unicode scalars (with `##` removed): no piece is longer.
    private let longestPiece: Int

    /// Creates a tokenizer from a vocabulary in id order.
    ///
    /// - Parameters:
    ///   - vocabulary: The tokens; the token at index `i` has id `i`. Must contain `[UNK]`,
    ///     `[CLS]`, `[SEP]` and `[PAD]`.
    ///   - maxInputCharactersPerWord: Words longer than this become `[UNK]` (100 for BERT).
    /// - Throws: ``EmbeddingError`` with code ``EmbeddingError/Code/invalidModel`` when a required
    ///   special token is missing from the vocabulary.
    public init(vocabulary: [String], maxInputCharactersPerWord: Int = 100) throws {
        var map: [String: Int] = [:]
        map.reserveCapacity(vocabulary.count)
        var longest = 1
        for (id, token) in vocabulary.enumerated() where map[token] == nil {
            map[token] = id
            let length = token.unicodeScalars.count - (token.hasPrefix("##") ? 2 : 0)
            longest = max(longest, length)
        }
        func require(_ token: String) throws -> Int {
            guard let id = map[token] else {
                throw EmbeddingError(.invalidModel, "The vocabulary has no \(token) token.")
            }
            return id
        }
        self.vocabulary = map
        self.unknownTokenID = try require("[UNK]")
        self.classTokenID = try require("[CLS]")
        self.separatorTokenID = try require("[SEP]")
        self.paddingTokenID = try require("[PAD]")
        self.specialTokenIDs = Self.specialTokens.compactMap { token in
            map[token].map { (Array(token.unicodeScalars), $0) }
        }
        self.maxInputCharactersPerWord = maxInputCharactersPerWord
        self.longestPiece = longest
    }

    /// Creates a tokenizer from a `vocab.txt` file (one token per line, id = line number).
    ///
    /// - Parameters:
    ///   - vocabularyFile: The path of `vocab.txt`.
    /// - Throws: ``EmbeddingError`` with code ``EmbeddingError/Code/invalidModel`` when the file
    ///   cannot be read or lacks a required special token.
    public convenience init(vocabularyFile: String) throws {
        let contents: String
        do {
            contents = try String(contentsOfFile: vocabularyFile, encoding: .utf8)
        } catch {
            throw EmbeddingError(.invalidModel, "Cannot read the vocabulary \(vocabularyFile): \(error)")
        }
        var lines = contents.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.hasSuffix("\r") ? String(line.dropLast()) : String(line)
        }
        if lines.last == "" { lines.removeLast() }
        try self.init(vocabulary: lines)
    }

    /// The number of tokens in the vocabulary.
    public var vocabularySize: Int { vocabulary.count }

    /// Tokenizes a text into model input ids: `[CLS]`, the word pieces, `[SEP]`.
    ///
    /// - Parameters:
    ///   - text: The text to tokenize.
    ///   - maxLength: The most ids returned, `[CLS]` and `[SEP]` included (256 for
    ///     all-MiniLM-L6-v2); longer texts lose their last word pieces. At least 2.
    /// - Returns: The ids, between 2 and `maxLength` of them.
    public func encode(_ text: String, maxLength: Int = 256) -> [Int] {
        precondition(maxLength >= 2, "maxLength must leave room for [CLS] and [SEP]")
        var ids = [classTokenID]
        let budget = maxLength - 1
        tokenize(text) { id in
            guard ids.count < budget else { return false }
            ids.append(id)
            return true
        }
        ids.append(separatorTokenID)
        return ids
    }

    /// The word-piece ids of a text, without `[CLS]`/`[SEP]` and without truncation.
    ///
    /// - Parameters:
    ///   - text: The text to tokenize.
    /// - Returns: The ids, possibly none (for an empty or all-whitespace text).
    public func tokenIDs(_ text: String) -> [Int] {
        var ids: [Int] = []
        tokenize(text) {
            ids.append($0)
            return true
        }
        return ids
    }

    // MARK: - Pipeline

    /// Runs the pipeline, handing each id to `emit` until it returns `false`.
    private func tokenize(_ text: String, emit: (Int) -> Bool) {
        let scalars = Array(text.unicodeScalars)
        var segmentStart = 0
        var index = 0
        while index < scalars.count {
            if scalars[index] == "[", let (length, id) = specialToken(in: scalars, at: index) {
                if !tokenizeSegment(scalars[segmentStart..<index], emit: emit) { return }
                if !emit(id) { return }
                index += length
                segmentStart = index
            } else {
                index += 1
            }
        }
        _ = tokenizeSegment(scalars[segmentStart..<scalars.count], emit: emit)
    }

    /// The special token starting at `index`, if any (the longest, should several match).
    private func specialToken(in scalars: [Unicode.Scalar], at index: Int) -> (length: Int, id: Int)? {
        var best: (length: Int, id: Int)?
        for (token, id) in specialTokenIDs where index + token.count <= scalars.count {
            if scalars[index..<(index + token.count)].elementsEqual(token), token.count > (best?.length ?? 0) {
                best = (token.count, id)
            }
        }
        return best
    }

    /// Normalises, pre-tokenizes and word-pieces one segment free of special tokens.
    /// Returns `false` once `emit` has asked to stop.
    private func tokenizeSegment(_ segment: ArraySlice<Unicode.Scalar>, emit: (Int) -> Bool) -> Bool {
        if segment.isEmpty { return true }
        var word: [Unicode.Scalar] = []
        for scalar in Self.normalize(segment) {
            if Self.isWhitespace(scalar) {
                if !word.isEmpty {
                    if !wordPieces(word, emit: emit) { return false }
                    word.removeAll(keepingCapacity: true)
                }
            } else if Self.isPunctuation(scalar) {
                if !word.isEmpty {
                    if !wordPieces(word, emit: emit) { return false }
                    word.removeAll(keepingCapacity: true)
                }
                if !wordPieces([scalar], emit: emit) { return false }
            } else {
                word.append(scalar)
            }
        }
        if !word.isEmpty {
            return wordPieces(word, emit: emit)
        }
        return true
    }

    /// Greedy longest-match-first WordPiece for one word.
    private func wordPieces(_ word: [Unicode.Scalar], emit: (Int) -> Bool) -> Bool {
        if word.count > maxInputCharactersPerWord {
            return emit(unknownTokenID)
        }
        var pieces: [Int] = []
        var start = 0
        while start < word.count {
            var end = min(word.count, start + longestPiece)
            var found: Int?
            while end > start {
                var candidate = start > 0 ? "##" : ""
                candidate.unicodeScalars.append(contentsOf: word[start..<end])
                if let id = vocabulary[candidate] {
                    found = id
                    break
                }
                end -= 1
            }
            guard let found else {
                return emit(unknownTokenID)
            }
            pieces.append(found)
            start = end
        }
        for piece in pieces where !emit(piece) {
            return false
        }
        return true
    }

    // MARK: - Normalisation (BertNormalizer: clean text, CJK spacing, strip accents, lower-case)

    /// Normalises a segment as `BertNormalizer(clean_text, handle_chinese_chars, lowercase)` does.
    static func normalize(_ segment: ArraySlice<Unicode.Scalar>) -> [Unicode.Scalar] {
        // Clean text and space out CJK ideographs.
        var cleaned = String.UnicodeScalarView()
        var isASCII = true
        for scalar in segment {
            if scalar.value == 0 || scalar.value == 0xFFFD || isControl(scalar) { continue }
            if isWhitespace(scalar) {
                cleaned.append(" ")
            } else if isCJKIdeograph(scalar) {
                cleaned.append(" ")
                cleaned.append(scalar)
                cleaned.append(" ")
                isASCII = false
            } else {
                cleaned.append(scalar)
                if !scalar.isASCII { isASCII = false }
            }
        }
        if isASCII {
            return cleaned.map { scalar in
                (0x41...0x5A).contains(scalar.value) ? Unicode.Scalar(scalar.value + 0x20)! : scalar
            }
        }
        // Strip accents: NFD, then drop non-spacing marks. Then lower-case each character alone.
        let decomposed = String(cleaned).decomposedStringWithCanonicalMapping
        var result: [Unicode.Scalar] = []
        result.reserveCapacity(decomposed.unicodeScalars.count)
        for scalar in decomposed.unicodeScalars where scalar.properties.generalCategory != .nonspacingMark {
            if scalar.isASCII {
                result.append((0x41...0x5A).contains(scalar.value) ? Unicode.Scalar(scalar.value + 0x20)! : scalar)
            } else if scalar.properties.changesWhenLowercased {
                result.append(contentsOf: scalar.properties.lowercaseMapping.unicodeScalars)
            } else {
                result.append(scalar)
            }
        }
        return result
    }

    /// Whitespace as BERT sees it: tab, newline, carriage return and Unicode `White_Space`.
    static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x20, 0x09, 0x0A, 0x0D: true
        case 0..<0x80: false
        default: scalar.properties.isWhitespace
        }
    }

    /// Characters BERT deletes: control (Cc, except tab, newline and carriage return), format
    /// (Cf: zero-width space and joiners, BOM, soft hyphen, …) and private use (Co).
    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D: return false
        case 0x20..<0x7F: return false
        default:
            switch scalar.properties.generalCategory {
            case .control, .format, .privateUse: return true
            default: return false
            }
        }
    }

    /// Punctuation as BERT sees it: every ASCII punctuation character (including `$+<=>^`|~`)
    /// and Unicode general categories Pc, Pd, Ps, Pe, Pi, Pf and Po.
    static func isPunctuation(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x21...0x2F, 0x3A...0x40, 0x5B...0x60, 0x7B...0x7E: return true
        case 0..<0x80: return false
        default:
            switch scalar.properties.generalCategory {
            case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
                .initialPunctuation, .finalPunctuation, .otherPunctuation:
                return true
            default:
                return false
            }
        }
    }

    /// CJK ideographs that BERT surrounds with spaces: the ranges of Hugging Face tokenizers'
    /// `is_chinese_char`, verbatim (its extension E range starts at U+2B920, not U+2B820).
    static func isCJKIdeograph(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x4E00...0x9FFF, 0x3400...0x4DBF, 0x20000...0x2A6DF, 0x2A700...0x2B73F,
            0x2B740...0x2B81F, 0x2B920...0x2CEAF, 0xF900...0xFAFF, 0x2F800...0x2FA1F:
            true
        default:
            false
        }
    }
}
