/// A condition on records' metadata: the `where` argument of `get`, `query`, `delete`,
/// `update(where:)` and `hybridSearch`.
///
/// Keys name a metadata field; a dotted key such as `"author.name"` reaches into nested
/// objects, one object level per dot (each part is matched literally: no wildcards, no array
/// indexes). Values are ``MetadataValue``s and are always sent as bound parameters.
///
/// The semantics are pyseekdb's, so both clients select the same records:
/// - ``equal(_:_:)`` and ``in(_:_:)`` also match an **array** field that contains the value
///   (`["tags": ["ml", "ai"]]` matches `.equal("tags", "ml")`); no type coercion (`"5"` ≠ `5`).
/// - ``notEqual(_:_:)``, ``notIn(_:_:)`` and ``not(_:)`` of a condition on a missing key
///   exclude the record (SQL `NOT NULL` is `NULL`).
/// - Comparisons follow JSON ordering across types: strings and arrays sort after numbers.
/// - `.in(key, [])` matches nothing; `.notIn(key, [])` matches everything.
/// - `.and([])` matches every record and `.or([])` none; ``all`` spells the match-all
///   explicitly (for ``SeekDBCollection/update(where:whereDocument:metadata:metadataMode:logger:)``).
///
/// Build filters with the cases, with ``field(_:)`` and operators, or from pyseekdb's JSON:
/// ```swift
/// let a: MetadataFilter = .and([.equal("genre", "sf"), .greaterThanOrEqual("year", 1960)])
/// let b: MetadataFilter = .field("genre") == "sf" && .field("year") >= 1960
/// let c = try MetadataFilter(json: #"{"genre": "sf", "year": {"$gte": 1960}}"#)
/// let d: MetadataFilter = ["genre": "sf"]           // equality on every key, joined by AND
/// ```
public indirect enum MetadataFilter: Sendable, Hashable {
    /// The field equals the value, or is an array containing it (`$eq`, or a bare value).
    case equal(String, MetadataValue)
    /// Not ``equal(_:_:)``; records without the field are excluded (`$ne`).
    case notEqual(String, MetadataValue)
    /// `$gt`: the field is greater than the value (a string, number or boolean).
    case greaterThan(String, MetadataValue)
    /// `$gte`
    case greaterThanOrEqual(String, MetadataValue)
    /// `$lt`
    case lessThan(String, MetadataValue)
    /// `$lte`
    case lessThanOrEqual(String, MetadataValue)
    /// The field equals one of the values, or is an array sharing one with them (`$in`).
    case `in`(String, [MetadataValue])
    /// Not ``in(_:_:)``; records without the field are excluded (`$nin`).
    case notIn(String, [MetadataValue])
    /// Every condition holds (`$and`). Empty: always true.
    case and([MetadataFilter])
    /// At least one condition holds (`$or`). Empty: always false.
    case or([MetadataFilter])
    /// The condition does not hold (`$not`); records on which it is unknown (a missing key) are excluded.
    case not(MetadataFilter)

    /// Matches every record: the explicit "no condition" that bulk operations ask for.
    public static let all: MetadataFilter = .and([])

    /// A field to compare with operators: `.field("year") >= 1960`.
    public static func field(_ key: String) -> Field { Field(key: key) }

    /// A metadata field named by a (possibly dotted) key, for building filters with operators.
    public struct Field: Sendable, Hashable {
        /// The key.
        public var key: String

        /// A field; lets `.field("k") == v` resolve where an operator's operand is a `Field`.
        public static func field(_ key: String) -> Field { Field(key: key) }

        /// `$in`: the field equals one of `values`.
        public func isIn(_ values: [MetadataValue]) -> MetadataFilter { .in(key, values) }
        /// `$nin`: the field equals none of `values`.
        public func isNotIn(_ values: [MetadataValue]) -> MetadataFilter { .notIn(key, values) }

        public static func == (field: Field, value: MetadataValue) -> MetadataFilter { .equal(field.key, value) }
        public static func != (field: Field, value: MetadataValue) -> MetadataFilter { .notEqual(field.key, value) }
        public static func > (field: Field, value: MetadataValue) -> MetadataFilter { .greaterThan(field.key, value) }
        public static func >= (field: Field, value: MetadataValue) -> MetadataFilter { .greaterThanOrEqual(field.key, value) }
        public static func < (field: Field, value: MetadataValue) -> MetadataFilter { .lessThan(field.key, value) }
        public static func <= (field: Field, value: MetadataValue) -> MetadataFilter { .lessThanOrEqual(field.key, value) }
    }

    /// Both conditions hold.
    public static func && (lhs: MetadataFilter, rhs: MetadataFilter) -> MetadataFilter {
        if case .and(let left) = lhs, !left.isEmpty { return .and(left + [rhs]) }
        return .and([lhs, rhs])
    }

    /// At least one condition holds.
    public static func || (lhs: MetadataFilter, rhs: MetadataFilter) -> MetadataFilter {
        if case .or(let left) = lhs, !left.isEmpty { return .or(left + [rhs]) }
        return .or([lhs, rhs])
    }

    /// The condition does not hold.
    public static prefix func ! (filter: MetadataFilter) -> MetadataFilter { .not(filter) }
}

extension MetadataFilter: ExpressibleByDictionaryLiteral {
    /// Equality on every key, joined by AND (pyseekdb's `{"k": v, …}`), in key order.
    public init(dictionaryLiteral elements: (String, MetadataValue)...) {
        let conditions = elements.map { MetadataFilter.equal($0.0, $0.1) }
        self = conditions.count == 1 ? conditions[0] : .and(conditions)
    }
}
