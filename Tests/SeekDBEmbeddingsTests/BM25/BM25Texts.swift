/// The texts the BM25 reference tests compare on: hand-picked edge cases plus generated
/// mixtures, the same on every run (a fixed-seed generator).
enum BM25Texts {
    /// Edge cases one by one: empty, whitespace, punctuation, contractions, hyphens, accents
    /// (composed and decomposed), case mappings Python treats specially (İ, ẞ, final sigma),
    /// CJK, emoji, numbers of every script, stop words only, and long texts.
    static let handPicked: [String] = [
        "", " ", "   \t\n  ", "\n", "!!!", "?!.,;:", "a", "I", "x y z", "ab",
        "Running runners ran; they run daily!",
        "The quick brown fox jumps over the lazy dog.",
        "the and of to in is it that this",  // stop words only
        "The The THE the tHe", "don't won't can't it's I'm you're they'll we'd",
        "rock'n'roll o'clock O'Neil's ’curly’ quotes", "state-of-the-art e-mail re-entry well-known",
        "co-operate — em–dash … ellipsis", "snake_case_words __init__ _x_ a_b",
        "café naïve résumé façade Ærøskøbing jalapeño", "cafe\u{301} nai\u{308}ve decomposed accents",
        "İstanbul İİ DİYARBAKIR ıi", "STRASSE Straße ẞ groß", "ΟΔΥΣΣΕΥΣ Σίσυφος ΣΑΣ ΣΣ σοφός Σ.",
        "Ǆemal ǅemal ǆemal titlecase", "ﬁnance ﬂow ligatures ﬀ", "ＦＵＬＬＷＩＤＴＨ ｔｅｘｔ １２３",
        "数据库向量搜索引擎", "日本語のテキスト、カタカナ と ひらがな。", "한국어 텍스트 검색", "中文 English 混合 mixed 文本",
        "emoji 🚀 launch 👍🏽 thumbs 👨‍👩‍👧 family 🇫🇷 flag", "🙂🙂🙂", "smile:) ♥ ★ ✓",
        "3.14 2,718 1,000,000 42 007 1e10 0x1F", "½ ¾ Ⅻ ⅻ ² ³ ① ⑩ ٣٤ ४२ ๓๔ 〇 一二三 萬",
        "v1.2.3 ipv6 ::1 127.0.0.1 https://example.com/a-b_c?d=e#f user@example.org",
        "C++ C# F# .NET node.js Objective-C", "$100 €50 £20 ¥1000 100% #hashtag @mention",
        "tab\tseparated\tvalues\nnew\nlines\r\nwindows", "\u{00A0}non\u{00A0}breaking\u{2009}thin\u{200B}zero",
        "mañana, señor; ¿qué tal? ¡Olé!", "Привет мир, поиск текста", "مرحبا بالعالم", "שלום עולם",
        "हिन्दी पाठ खोज", "ภาษาไทย", "Ελληνικά κείμενα αναζήτηση",
        "added adding anned ebbing erred erring evening internal international interval universal "
            + "universities paste pasted pasting lateral emergency organic organization meteorologist "
            + "cryptologists skis skies dying lying tying vying proceed exceeded succeeding inning outing "
            + "canning herring earring news howe atlas cosmos bias andes sky idly gently ugly early only singly",
        "generously communication arsenal past pastry univers later emerge organ inter interest interesting",
        "hopping hoped hoping filing filling fizzed conflated troubled sized agreed feed agreement "
            + "relational conditional rational valenci hesitanci digitizer conformabli radicalli "
            + "differentli vileli analogousli vietnamization predication operator feudalism decisiveness "
            + "hopefulness callousness formaliti sensitiviti sensibiliti triplicate formative formalize "
            + "electriciti electrical hopeful goodness revival allowance inference airliner gyroscopic "
            + "adjustable defensible irritant replacement adjustment dependent adoption homologou "
            + "communism activate angulariti homologous effective bowdlerize probate rate cease controll roll",
        "yes you yellow syzygy sayings flying crying cries ties ponies caress caresses gaps gas this",
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
        String(repeating: "search vector database ", count: 400),
        String(repeating: "Lorem ipsum dolor sit amet, consectetur adipiscing elit. ", count: 150),
        (0..<3000).map { "w\($0)" }.joined(separator: " ")
    ]

    /// Words the generator draws from: plain English, inflections the stemmer changes,
    /// stop words, numbers, non-Latin scripts and symbols.
    static let vocabulary: [String] = [
        "search", "searching", "searched", "searches", "vector", "vectors", "database", "databases",
        "index", "indexing", "indexed", "query", "queries", "queried", "relevance", "relevant",
        "running", "runner", "runs", "ran", "happily", "happiness", "national", "nationalization",
        "generalization", "generously", "connection", "connected", "connecting", "studies", "studying",
        "argued", "arguing", "agreed", "owned", "hopping", "hoping", "fitted", "added", "internal",
        "universal", "pasted", "evening", "dying", "proceeding", "meteorologist", "emergency", "organize",
        "the", "a", "an", "and", "of", "to", "is", "it", "they", "their", "there", "will", "with", "not",
        "don't", "it's", "we're", "O'Reilly", "state-of-the-art", "e-mail", "x-ray", "AI", "ML", "GPU",
        "café", "naïve", "résumé", "Zürich", "São", "Paulo", "Ångström", "Øresund", "Łódź", "straße",
        "ΣΟΦΙΑ", "λόγος", "Москва", "数据", "搜索", "東京", "ソフト", "검색", "🚀", "👍", "🔥", "✨",
        "1", "2", "42", "3.14", "2026", "1,000", "½", "Ⅳ", "²", "٣", "v2", "x86_64", "_private", "__dunder__",
        "RUNNING", "Searches", "QUERIES", "Nationalization", "İzmir", "ǅ", "ﬁle", "Ｗｉｄｅ"
    ]

    static let separators: [String] = [" ", " ", " ", ", ", ". ", "-", "'", "\n", "\t", "…", "/", " — ", "!", "?", "(", ")", "\"", ";", ""]

    /// `count` generated texts of 0–60 words (a few up to 600), fixed seed.
    static func generated(count: Int) -> [String] {
        var random = SplitMix64(seed: 0x5EEC_DB25)
        return (0..<count).map { number in
            let length = number % 37 == 0 ? Int(random.next() % 600) : Int(random.next() % 61)
            var text = ""
            for position in 0..<length {
                if position > 0 { text += separators[Int(random.next() % UInt64(separators.count))] }
                var word = vocabulary[Int(random.next() % UInt64(vocabulary.count))]
                switch random.next() % 6 {
                case 0: word = word.uppercased()
                case 1: word = word.prefix(1).uppercased() + word.dropFirst()
                default: break
                }
                text += word
            }
            return text
        }
    }

    /// Every text of the reference comparison: the hand-picked ones, then 300 generated.
    static let all: [String] = handPicked + generated(count: 300)
}

/// A small deterministic random generator (SplitMix64), so the texts are the same on every run.
struct SplitMix64 {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
