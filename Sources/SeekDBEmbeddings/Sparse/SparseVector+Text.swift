extension SparseVector: CustomStringConvertible {
    /// The vector as seekdb's SQL text takes it: `{3:1.25,7:0.5}` (ascending indices, no
    /// spaces; `{}` when empty). Each value is written with the fewest digits that read back as
    /// the same `Float`, so the server stores exactly ``values``. pyseekdb writes the same form
    /// (with `, ` between entries and its 64-bit value's digits, which the server rounds to the
    /// same 32-bit weight).
    public var text: String {
        var result = "{"
        for position in indices.indices {
            if position > 0 { result += "," }
            result += String(indices[position])
            result += ":"
            result += String(describing: values[position])
        }
        result += "}"
        return result
    }

    /// ``text``.
    public var description: String { text }

    /// Reads the text form seekdb prints for a `SPARSEVECTOR` value (`{68675:1.67869,114033:1}`)
    /// or takes as input (spaces around entries allowed, entries in any order).
    ///
    /// - Throws: ``EmbeddingError`` (``EmbeddingError/Code/invalidSparseVector``) if the text is
    ///   not `{index:value,…}` or the entries break a rule of ``SparseVector`` (a repeated
    ///   index, an index above ``maximumIndex``, a value that is not finite).
    public init(text: String) throws(EmbeddingError) {
        let trimmed = text.trimmingASCIIWhitespace()
        guard trimmed.first == "{", trimmed.last == "}", trimmed.count >= 2 else {
            throw EmbeddingError(.invalidSparseVector, "expected {index:value,…}, got \(Self.quoted(text))")
        }
        let body = trimmed.dropFirst().dropLast()
        var pairs: [(UInt32, Float)] = []
        if !body.trimmingASCIIWhitespace().isEmpty {
            for entry in body.split(separator: ",", omittingEmptySubsequences: false) {
                let parts = entry.split(separator: ":", omittingEmptySubsequences: false)
                guard parts.count == 2,
                    let index = UInt32(parts[0].trimmingASCIIWhitespace()),
                    let value = Float(parts[1].trimmingASCIIWhitespace())
                else {
                    throw EmbeddingError(
                        .invalidSparseVector,
                        "entry \(Self.quoted(String(entry))) of \(Self.quoted(text)) is not index:value (index 0…\(UInt32.max))")
                }
                pairs.append((index, value))
            }
        }
        try self.init(pairs)
    }

    private static func quoted(_ text: String) -> String {
        text.count > 80 ? "\"\(text.prefix(77))…\"" : "\"\(text)\""
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces, tabs and line breaks.
    fileprivate func trimmingASCIIWhitespace() -> Substring {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        let text = self[...]
        guard let first = text.firstIndex(where: { !isSpace($0) }),
            let last = text.lastIndex(where: { !isSpace($0) })
        else { return Substring() }
        return Substring(text[first...last])
    }
}
