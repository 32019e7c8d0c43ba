/// bm25s's English stop-word list (`bm25s.stopwords.STOPWORDS_EN`, bm25s 0.3.16), which
/// pyseekdb's BM25 removes when no custom list is given: 33 lower-case words, matched exactly
/// against lower-cased tokens before stemming.
enum EnglishStopwords {
    static let words: [String] = [
        "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "if", "in", "into", "is", "it",
        "no", "not", "of", "on", "or", "such", "that", "the", "their", "then", "there", "these",
        "they", "this", "to", "was", "will", "with"
    ]
}
