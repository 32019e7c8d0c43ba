/// The Snowball English ("Porter2") stemmer in the revision PyStemmer 3.1.0 ships, which is
/// what pyseekdb's BM25 stems with.
///
/// Why not Debian's libstemmer: `libstemmer-dev` 2.2.0 is an older revision of the same
/// algorithm and stems some words differently (`added` → `ad` instead of `add`, `internal` →
/// `intern` instead of `internal`, `meteorologist`, `universal`, `paste`, `evening`, …), and
/// macOS package managers ship yet other revisions. A C library whose revision the platform
/// decides cannot promise pyseekdb's vectors, so the algorithm is written out here once and
/// checked word by word against PyStemmer (see the BM25 reference tests).
///
/// Algorithm notes (Snowball semantics; positions count code points, as libstemmer does on
/// UTF-8; only `a e i o u y` are vowels, every other character, non-ASCII included, is a
/// consonant):
/// - Whole-word exceptions first (`skis`, `skies`, `only`, `news`, …); words shorter than three
///   characters are left alone.
/// - Prelude: a leading apostrophe is dropped; `y` at the start or after a vowel becomes `Y`
///   (a consonant) and back to `y` at the end.
/// - Regions: R1 starts after the first consonant that follows a vowel, except after the
///   prefixes `gener commun arsen past univers later emerg organ inter`; R2 is the same rule
///   applied again after R1.
/// - Steps 1a–5 each look for the longest matching suffix of their list; when its condition
///   fails the step does nothing (it does not try a shorter suffix).
enum EnglishStemmer {
    /// The stem of a lower-case word.
    static func stem(_ word: [Unicode.Scalar]) -> [Unicode.Scalar] {
        var stemmer = Word(word.map(\.value))
        if let exception = exceptions[stemmer.s] { return exception.map { Unicode.Scalar($0)! } }
        guard stemmer.s.count >= 3 else { return word }
        stemmer.prelude()
        stemmer.markRegions()
        stemmer.step1a()
        stemmer.step1b()
        stemmer.step1c()
        stemmer.step2()
        stemmer.step3()
        stemmer.step4()
        stemmer.step5()
        stemmer.postlude()
        return stemmer.s.map { Unicode.Scalar($0)! }
    }

    /// Whole words with a fixed stem (a word mapped to itself is left as it is).
    private static let exceptions: [[UInt32]: [UInt32]] = {
        let pairs = [
            ("skis", "ski"), ("skies", "sky"), ("idly", "idl"), ("gently", "gentl"), ("ugly", "ugli"),
            ("early", "earli"), ("only", "onli"), ("singly", "singl"), ("sky", "sky"), ("news", "news"),
            ("howe", "howe"), ("atlas", "atlas"), ("cosmos", "cosmos"), ("bias", "bias"), ("andes", "andes")
        ]
        return Dictionary(uniqueKeysWithValues: pairs.map { (codes($0.0), codes($0.1)) })
    }()

    static func codes(_ text: String) -> [UInt32] { text.unicodeScalars.map(\.value) }
}

/// The word being stemmed, its regions and the suffix rules of each step.
private struct Word {
    var s: [UInt32]
    var p1 = 0
    var p2 = 0
    var foundY = false

    init(_ s: [UInt32]) { self.s = s }

    // MARK: Character classes

    private static let a: UInt32 = 0x61, e: UInt32 = 0x65, i: UInt32 = 0x69, o: UInt32 = 0x6F, u: UInt32 = 0x75
    private static let y: UInt32 = 0x79, capitalY: UInt32 = 0x59, l: UInt32 = 0x6C, apostrophe: UInt32 = 0x27

    private static func isVowel(_ c: UInt32) -> Bool {
        c == a || c == e || c == i || c == o || c == u || c == y
    }

    /// Vowels plus `w`, `x` and `Y` (the letters a short syllable may not end with).
    private static func isVowelWXY(_ c: UInt32) -> Bool {
        isVowel(c) || c == 0x77 || c == 0x78 || c == capitalY
    }

    private static func isValidLIEnding(_ c: UInt32) -> Bool {
        "cdeghkmnrt".unicodeScalars.contains { $0.value == c }
    }

    // MARK: Helpers

    /// `true` if the word (up to `end`) ends with `suffix`.
    private func ends(with suffix: [UInt32], at end: Int) -> Bool {
        guard suffix.count <= end else { return false }
        return s[(end - suffix.count)..<end].elementsEqual(suffix)
    }

    /// The longest suffix of the word that is in `list`, or `nil`.
    private func longestSuffix(_ list: [[UInt32]]) -> [UInt32]? {
        var best: [UInt32]?
        for suffix in list where (best == nil || suffix.count > best!.count) && ends(with: suffix, at: s.count) {
            best = suffix
        }
        return best
    }

    private mutating func replaceSuffix(length: Int, with replacement: String) {
        s.removeLast(length)
        s += EnglishStemmer.codes(replacement)
    }

    /// A short syllable ends at `end`: consonant–vowel–consonant (the last not `w`, `x` or `Y`),
    /// a vowel at the start followed by a consonant, or `past`.
    private func isShortSyllable(endingAt end: Int) -> Bool {
        if end >= 3, !Self.isVowelWXY(s[end - 1]), Self.isVowel(s[end - 2]), !Self.isVowel(s[end - 3]) { return true }
        if end == 2, !Self.isVowel(s[1]), Self.isVowel(s[0]) { return true }
        return ends(with: EnglishStemmer.codes("past"), at: end)
    }

    /// Any vowel before position `end`.
    private func hasVowel(before end: Int) -> Bool {
        s[0..<max(0, end)].contains(where: Self.isVowel)
    }

    // MARK: Prelude, regions, postlude

    mutating func prelude() {
        if s.first == Self.apostrophe { s.removeFirst() }
        if s.first == Self.y {
            s[0] = Self.capitalY
            foundY = true
        }
        var index = 0
        while index + 1 < s.count {
            if Self.isVowel(s[index]) && s[index + 1] == Self.y {
                s[index + 1] = Self.capitalY
                foundY = true
            }
            index += 1
        }
    }

    private static let regionPrefixes = ["gener", "commun", "arsen", "past", "univers", "later", "emerg", "organ", "inter"]
        .map(EnglishStemmer.codes)

    /// The position after the first consonant that follows a vowel, searching from `start`.
    private func afterVowelConsonant(from start: Int) -> Int? {
        guard let vowel = s[start...].firstIndex(where: Self.isVowel),
            let consonant = s[(vowel + 1)...].firstIndex(where: { !Self.isVowel($0) })
        else { return nil }
        return consonant + 1
    }

    mutating func markRegions() {
        p1 = s.count
        p2 = s.count
        var start: Int
        if let prefix = Self.regionPrefixes.filter({ $0.count <= s.count && s.starts(with: $0) }).max(by: { $0.count < $1.count }) {
            start = prefix.count
        } else {
            guard let after = afterVowelConsonant(from: 0) else { return }
            start = after
        }
        p1 = start
        if start <= s.count, let after = afterVowelConsonant(from: start) { p2 = after }
    }

    mutating func postlude() {
        guard foundY else { return }
        for index in s.indices where s[index] == Self.capitalY { s[index] = Self.y }
    }

    // MARK: Steps

    private static let apostropheSuffixes = ["'s'", "'s", "'"].map(EnglishStemmer.codes)
    private static let step1aSuffixes = ["sses", "ied", "ies", "s", "us", "ss"].map(EnglishStemmer.codes)

    mutating func step1a() {
        if let suffix = longestSuffix(Self.apostropheSuffixes) { s.removeLast(suffix.count) }
        guard let suffix = longestSuffix(Self.step1aSuffixes) else { return }
        let start = s.count - suffix.count
        switch String(decoding: suffix.map { UInt8($0) }, as: UTF8.self) {
        case "sses":
            replaceSuffix(length: 4, with: "ss")
        case "ied", "ies":
            // More than one character before the suffix: "cries" → "cri", "ties" → "tie".
            replaceSuffix(length: 3, with: start >= 2 ? "i" : "ie")
        case "s":
            // Delete it if a vowel comes somewhere before the character preceding it ("gaps", not "gas").
            if start >= 1 && hasVowel(before: start - 1) { s.removeLast() }
        default:
            break  // "us", "ss": left alone
        }
    }

    private static let step1bSuffixes = ["eed", "eedly", "ed", "edly", "ing", "ingly"].map(EnglishStemmer.codes)
    private static let step1bWholeWordsBeforeIng = ["inn", "out", "cann", "herr", "earr", "even"].map(EnglishStemmer.codes)
    private static let undoubled = ["bb", "dd", "ff", "gg", "mm", "nn", "pp", "rr", "tt"].map(EnglishStemmer.codes)

    mutating func step1b() {
        guard let suffix = longestSuffix(Self.step1bSuffixes) else { return }
        let start = s.count - suffix.count
        let name = String(decoding: suffix.map { UInt8($0) }, as: UTF8.self)
        switch name {
        case "eed", "eedly":
            // "proceed", "exceed", "succeed" stay; otherwise -eed(ly) → -ee inside R1.
            let before = Array(s[0..<start])
            if ["proc", "exc", "succ"].map(EnglishStemmer.codes).contains(before) { return }
            if start >= p1 { replaceSuffix(length: suffix.count, with: "ee") }
            return
        case "ing":
            // "dying" → "die" (one consonant, then y); "inning", "evening", … stay.
            if start == 2, s[1] == Self.y, !Self.isVowel(s[0]) {
                s.removeLast(4)
                s += EnglishStemmer.codes("ie")
                return
            }
            if Self.step1bWholeWordsBeforeIng.contains(Array(s[0..<start])) { return }
        default:
            break
        }
        // -ed, -edly, -ing, -ingly: removed when a vowel precedes them, then the stem is tidied.
        guard hasVowel(before: start) else { return }
        s.removeLast(suffix.count)
        let end = s.count
        if ["at", "bl", "iz"].map(EnglishStemmer.codes).contains(where: { ends(with: $0, at: end) }) {
            s.append(Self.e)
        } else if Self.undoubled.contains(where: { ends(with: $0, at: end) }) {
            // "hopping" → "hop", but "added" → "add": a, e or o then the double at the start.
            let aeo = end == 3 && (s[0] == Self.a || s[0] == Self.e || s[0] == Self.o)
            if !aeo { s.removeLast() }
        } else if end == p1 && isShortSyllable(endingAt: end) {
            s.append(Self.e)
        }
    }

    mutating func step1c() {
        let n = s.count
        guard n >= 3, s[n - 1] == Self.y || s[n - 1] == Self.capitalY, !Self.isVowel(s[n - 2]) else { return }
        s[n - 1] = Self.i
    }

    private static let step2Rules: [(String, String?)] = [
        ("tional", "tion"), ("enci", "ence"), ("anci", "ance"), ("abli", "able"), ("entli", "ent"),
        ("izer", "ize"), ("ization", "ize"), ("ational", "ate"), ("ation", "ate"), ("ator", "ate"),
        ("alism", "al"), ("aliti", "al"), ("alli", "al"), ("fulness", "ful"), ("ousli", "ous"),
        ("ousness", "ous"), ("iveness", "ive"), ("iviti", "ive"), ("biliti", "ble"), ("bli", "ble"),
        ("ogist", "og"), ("ogi", nil), ("fulli", "ful"), ("lessli", "less"), ("li", nil)
    ]
    private static let step2Suffixes = step2Rules.map { EnglishStemmer.codes($0.0) }

    mutating func step2() {
        guard let suffix = longestSuffix(Self.step2Suffixes) else { return }
        let start = s.count - suffix.count
        guard start >= p1 else { return }
        let name = String(decoding: suffix.map { UInt8($0) }, as: UTF8.self)
        switch name {
        case "ogi":
            if start >= 1 && s[start - 1] == Self.l { replaceSuffix(length: 3, with: "og") }
        case "li":
            if start >= 1 && Self.isValidLIEnding(s[start - 1]) { s.removeLast(2) }
        default:
            let replacement = Self.step2Rules.first { $0.0 == name }!.1!
            replaceSuffix(length: suffix.count, with: replacement)
        }
    }

    private static let step3Rules: [(String, String)] = [
        ("tional", "tion"), ("ational", "ate"), ("alize", "al"), ("icate", "ic"), ("iciti", "ic"),
        ("ical", "ic"), ("ful", ""), ("ness", ""), ("ative", "")
    ]
    private static let step3Suffixes = step3Rules.map { EnglishStemmer.codes($0.0) }

    mutating func step3() {
        guard let suffix = longestSuffix(Self.step3Suffixes) else { return }
        let start = s.count - suffix.count
        guard start >= p1 else { return }
        let name = String(decoding: suffix.map { UInt8($0) }, as: UTF8.self)
        if name == "ative" {
            if start >= p2 { s.removeLast(suffix.count) }
            return
        }
        replaceSuffix(length: suffix.count, with: Self.step3Rules.first { $0.0 == name }!.1)
    }

    private static let step4Suffixes = [
        "al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent", "ism", "ate",
        "iti", "ous", "ive", "ize", "ion"
    ].map(EnglishStemmer.codes)

    mutating func step4() {
        guard let suffix = longestSuffix(Self.step4Suffixes) else { return }
        let start = s.count - suffix.count
        guard start >= p2 else { return }
        if suffix == EnglishStemmer.codes("ion") {
            // -ion only after s or t.
            guard start >= 1, s[start - 1] == 0x73 || s[start - 1] == 0x74 else { return }
        }
        s.removeLast(suffix.count)
    }

    mutating func step5() {
        guard let last = s.last else { return }
        let start = s.count - 1
        if last == Self.e {
            if start >= p2 || (start >= p1 && !isShortSyllable(endingAt: start)) { s.removeLast() }
        } else if last == Self.l {
            if start >= p2 && start >= 1 && s[start - 1] == Self.l { s.removeLast() }
        }
    }
}
