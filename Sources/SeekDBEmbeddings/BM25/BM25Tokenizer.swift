/// bm25s's default tokenizer as pyseekdb calls it: Python's `text.lower()`, then
/// `re.findall(r"(?u)\b\w\w+\b", text)`, then stop words removed (before stemming).
///
/// Algorithm notes:
/// - The pattern finds maximal runs of Python "word" characters that are at least two code
///   points long: `\w\w+` is greedy and `\b` needs a non-word character (or the text's end) on
///   both sides, so a shorter run never matches and a longer one is never split.
/// - A Python word character (`\w` on `str`) is `_` or a character for which `str.isalnum()`
///   holds: a letter (general category Lu, Ll, Lt, Lm, Lo) or a character with a numeric value
///   (Nd digits, but also `½`, `Ⅻ`, `²`, CJK numerals). Combining marks (Mn, Mc) are not word
///   characters, so a decomposed accent splits a word.
/// - Python's `lower()` applies each character's full lowercase mapping (`İ` becomes `i` +
///   U+0307) and gives a capital sigma its final form `ς` when a cased letter precedes it
///   (skipping case-ignorable characters) and none follows.
/// - Lengths and positions count code points (Python `str`), so the work is done on
///   `Unicode.Scalar`s, never on Swift `Character`s.
/// - Character properties come from Swift's Unicode tables, Python's from its own `unicodedata`
///   (Unicode 14.0 in Python 3.11, 15.0 in 3.12, 15.1 in 3.13). Characters assigned after the
///   Python's version (for example CJK Extension H, U+31350…, from Unicode 15.0) are letters
///   here but not word characters there, so texts using them can tokenize differently.
struct BM25Tokenizer: Sendable {
    /// Tokens dropped after lower-casing and before stemming (exact match).
    let stopwords: Set<String>

    /// The lower-cased word tokens of `text`, stop words removed, in order.
    func tokens(_ text: String) -> [String] {
        var result: [String] = []
        forEachWord(in: text) { if !stopwords.contains($0) { result.append($0) } }
        return result
    }

    /// Calls `body` with each lower-cased word token of `text` (stop words included), in order.
    func forEachWord(in text: String, _ body: (String) -> Void) {
        var text = text
        let handled = text.withUTF8 { bytes -> Bool in
            // Fast path for ASCII text: bytes are characters and lower-case to one byte.
            guard !bytes.contains(where: { $0 >= 0x80 }) else { return false }
            var run: [UInt8] = []
            run.reserveCapacity(32)
            for byte in bytes {
                switch byte {
                case 0x41...0x5A: run.append(byte | 0x20)
                case 0x61...0x7A, 0x30...0x39, 0x5F: run.append(byte)
                default:
                    if run.count >= 2 { body(String(decoding: run, as: UTF8.self)) }
                    run.removeAll(keepingCapacity: true)
                }
            }
            if run.count >= 2 { body(String(decoding: run, as: UTF8.self)) }
            return true
        }
        if !handled { forEachWordOfUnicodeText(text, body) }
    }

    /// The general path: Python's lower-casing and word test on every code point.
    private func forEachWordOfUnicodeText(_ text: String, _ body: (String) -> Void) {
        var run = String.UnicodeScalarView()
        var runLength = 0
        func endRun() {
            if runLength >= 2 { body(String(run)) }
            run.removeAll(keepingCapacity: true)
            runLength = 0
        }
        let scalars = Array(text.unicodeScalars)
        for position in scalars.indices {
            let scalar = scalars[position]
            if scalar.isASCII {
                // ASCII lower-cases to one ASCII character.
                let value = scalar.value
                if value >= 0x41 && value <= 0x5A {
                    run.append(Unicode.Scalar(UInt8(value + 0x20)))
                    runLength += 1
                } else if (value >= 0x61 && value <= 0x7A) || (value >= 0x30 && value <= 0x39) || value == 0x5F {
                    run.append(scalar)
                    runLength += 1
                } else {
                    endRun()
                }
                continue
            }
            for lowered in Self.pythonLowercase(scalars, at: position) {
                if Self.isPythonWordCharacter(lowered) {
                    run.append(lowered)
                    runLength += 1
                } else {
                    endRun()
                }
            }
        }
        endRun()
    }

    /// Python's `str.lower()` of the character at `position`, with the final-sigma rule.
    static func pythonLowercase(_ scalars: [Unicode.Scalar], at position: Int) -> [Unicode.Scalar] {
        let scalar = scalars[position]
        if scalar == "\u{03A3}" {
            return [isFinalSigma(scalars, at: position) ? "\u{03C2}" : "\u{03C3}"]
        }
        let mapping = scalar.properties.lowercaseMapping
        return Array(mapping.unicodeScalars)
    }

    /// Python's rule (from Unicode's Final_Sigma context): a cased letter before the sigma,
    /// skipping case-ignorable characters, and no cased letter after it, skipping the same.
    private static func isFinalSigma(_ scalars: [Unicode.Scalar], at position: Int) -> Bool {
        var before = position - 1
        while before >= 0, scalars[before].properties.isCaseIgnorable { before -= 1 }
        guard before >= 0, scalars[before].properties.isCased else { return false }
        var after = position + 1
        while after < scalars.count, scalars[after].properties.isCaseIgnorable { after += 1 }
        return after == scalars.count || !scalars[after].properties.isCased
    }

    /// Python's `\w` for `str` patterns: `_`, letters, and characters with a numeric value.
    static func isPythonWordCharacter(_ scalar: Unicode.Scalar) -> Bool {
        if scalar == "_" { return true }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter:
            return true
        default:
            return scalar.properties.numericType != nil
        }
    }
}
