/// A condition on records' documents: the `whereDocument` argument of `get`, `query`,
/// `delete`, `update(where:)` and `hybridSearch`.
///
/// ```swift
/// let a: DocumentFilter = .contains("banana")
/// let b: DocumentFilter = .and([.contains("swift"), .notContains("objective")])
/// let c = try DocumentFilter(json: #"{"$regex": "^Chapter [0-9]+"}"#)
/// ```
public indirect enum DocumentFilter: Sendable, Hashable {
    /// A full-text match on the collection's full-text index (`MATCH … AGAINST … IN NATURAL
    /// LANGUAGE MODE`): the document contains any of the query's words as the index tokenises
    /// them; not a substring test (`$contains`).
    case contains(String)
    /// Not ``contains(_:)`` (`$not_contains`). Records without a document are kept, as in pyseekdb.
    case notContains(String)
    /// The document matches a regular expression (the server's `REGEXP`, `$regex`).
    case regex(String)
    /// Every condition holds (`$and`). Empty: always true.
    case and([DocumentFilter])
    /// At least one condition holds (`$or`). Empty: always false.
    case or([DocumentFilter])

    /// Both conditions hold.
    public static func && (lhs: DocumentFilter, rhs: DocumentFilter) -> DocumentFilter { .and([lhs, rhs]) }
    /// At least one condition holds.
    public static func || (lhs: DocumentFilter, rhs: DocumentFilter) -> DocumentFilter { .or([lhs, rhs]) }
}
