import SeekDBDriver

/// A piece of SQL with the values for its `?` placeholders, in order.
struct SQLFragment: Sendable, Hashable {
    var sql: String
    var parameters: [SQLValue]

    init(_ sql: String, _ parameters: [SQLValue] = []) {
        self.sql = sql
        self.parameters = parameters
    }

    /// The fragments joined with `separator` (`" AND "`), parenthesised.
    static func joined(_ parts: [SQLFragment], separator: String) -> SQLFragment {
        SQLFragment("(" + parts.map(\.sql).joined(separator: separator) + ")", parts.flatMap(\.parameters))
    }
}

extension MetadataFilter {
    /// The filter as a SQL condition on the `metadata` column, as pyseekdb writes it except
    /// that the JSON path is a bound parameter too. Checks keys and values on the way.
    ///
    /// - Throws: ``SeekDBError/Code/invalidArgument`` for an invalid key, a non-finite number,
    ///   or a list or object given to a comparison.
    func sql(context: String) throws(SeekDBError) -> SQLFragment {
        switch self {
        case .equal(let key, let value):
            return try Self.overlaps(key, [value], negated: false, context: context)
        case .notEqual(let key, let value):
            return try Self.overlaps(key, [value], negated: true, context: context)
        case .in(let key, let values):
            return values.isEmpty
                ? try Self.constant(false, key: key, context: context)
                : try Self.overlaps(key, values, negated: false, context: context)
        case .notIn(let key, let values):
            return values.isEmpty
                ? try Self.constant(true, key: key, context: context)
                : try Self.overlaps(key, values, negated: true, context: context)
        case .greaterThan(let key, let value): return try Self.compare(key, ">", value, context: context)
        case .greaterThanOrEqual(let key, let value): return try Self.compare(key, ">=", value, context: context)
        case .lessThan(let key, let value): return try Self.compare(key, "<", value, context: context)
        case .lessThanOrEqual(let key, let value): return try Self.compare(key, "<=", value, context: context)
        case .and(let filters):
            if filters.isEmpty { return SQLFragment("TRUE") }
            return SQLFragment.joined(try filters.map { f throws(SeekDBError) in try f.sql(context: context) }, separator: " AND ")
        case .or(let filters):
            if filters.isEmpty { return SQLFragment("FALSE") }
            return SQLFragment.joined(try filters.map { f throws(SeekDBError) in try f.sql(context: context) }, separator: " OR ")
        case .not(let filter):
            let inner = try filter.sql(context: context)
            return SQLFragment("NOT (\(inner.sql))", inner.parameters)
        }
    }

    /// `JSON_OVERLAPS(JSON_EXTRACT(metadata, path), CAST('[values]' AS JSON))`: equality that
    /// also matches arrays containing the value (pyseekdb's `$eq`, `$ne`, `$in`, `$nin`).
    private static func overlaps(
        _ key: String, _ values: [MetadataValue], negated: Bool,
        context: String
    ) throws(SeekDBError) -> SQLFragment {
        try MetadataPath.validate(key, context: context)
        let list: String
        do { list = try JSONWriter.string(MetadataValue.array(values).json) } catch {
            throw .invalidArgument(
                "\(context): the value for metadata key '\(key)' has a non-finite number; JSON cannot hold NaN or infinity")
        }
        let sql = "JSON_OVERLAPS(JSON_EXTRACT(metadata, ?), CAST(? AS JSON))"
        return SQLFragment(negated ? "NOT " + sql : sql, [.string(MetadataPath.jsonPath(key)), .string(list)])
    }

    /// `JSON_EXTRACT(metadata, path) > ?` with the value bound as a scalar.
    private static func compare(
        _ key: String, _ op: String, _ value: MetadataValue,
        context: String
    ) throws(SeekDBError) -> SQLFragment {
        try MetadataPath.validate(key, context: context)
        let parameter: SQLValue
        switch value {
        case .null: parameter = .null
        case .bool(let b): parameter = .int(b ? 1 : 0)
        case .int(let i): parameter = .int(i)
        case .double(let d):
            guard d.isFinite else {
                throw .invalidArgument("\(context): the value compared with metadata key '\(key)' is not a finite number")
            }
            parameter = .double(d)
        case .string(let s): parameter = .string(s)
        case .array, .object:
            throw .invalidArgument(
                "\(context): metadata key '\(key)' is compared with \(op) to a list or object; comparisons take a string, number or boolean"
            )
        }
        return SQLFragment("JSON_EXTRACT(metadata, ?) \(op) ?", [.string(MetadataPath.jsonPath(key)), parameter])
    }

    /// `$in: []` (false) and `$nin: []` (true); the key is still checked.
    private static func constant(_ value: Bool, key: String, context: String) throws(SeekDBError) -> SQLFragment {
        try MetadataPath.validate(key, context: context)
        return SQLFragment(value ? "TRUE" : "FALSE")
    }
}

extension DocumentFilter {
    /// The filter as a SQL condition on the `document` column, as pyseekdb writes it.
    func sql() -> SQLFragment {
        switch self {
        case .contains(let text):
            SQLFragment("MATCH(document) AGAINST (? IN NATURAL LANGUAGE MODE)", [.string(text)])
        case .notContains(let text):
            SQLFragment("NOT (MATCH(document) AGAINST (? IN NATURAL LANGUAGE MODE))", [.string(text)])
        case .regex(let pattern):
            SQLFragment("document REGEXP ?", [.string(pattern)])
        case .and(let filters):
            filters.isEmpty ? SQLFragment("TRUE") : SQLFragment.joined(filters.map { $0.sql() }, separator: " AND ")
        case .or(let filters):
            filters.isEmpty ? SQLFragment("FALSE") : SQLFragment.joined(filters.map { $0.sql() }, separator: " OR ")
        }
    }
}
