extension MetadataFilter {
    /// Parses pyseekdb's JSON `where` syntax.
    ///
    /// `{"k": v}` (equality), `{"k": {"$eq"|"$ne"|"$gt"|"$gte"|"$lt"|"$lte": v}}`,
    /// `{"k": {"$in"|"$nin": [v, …]}}` (a bare value counts as a one-element list),
    /// `{"$and": [f, …]}`, `{"$or": [f, …]}`, `{"$not": f}`. Several keys in one object, or
    /// several operators on one key, are joined with AND.
    ///
    /// Unlike pyseekdb, which drops what it does not understand and may end up matching every
    /// record, anything unknown or malformed is an error: an unknown `$` operator, an empty
    /// object, an empty `$and`/`$or` list, a list where a filter object is expected, and so on.
    ///
    /// - Throws: ``SeekDBError/Code/invalidArgument`` naming the offending place in the filter.
    public init(json: String) throws(SeekDBError) {
        self = try MetadataFilter.parse(try FilterJSON.parse(json, at: "where"), at: "where")
    }

    /// Parses an already decoded pyseekdb `where` object (see ``init(json:)``).
    ///
    /// - Throws: ``SeekDBError/Code/invalidArgument`` naming the offending place in the filter.
    public init(_ value: MetadataValue) throws(SeekDBError) {
        self = try MetadataFilter.parse(value.json, at: "where")
    }

    private static func parse(_ value: JSONValue, at path: String) throws(SeekDBError) -> MetadataFilter {
        guard case .object(let members) = value else {
            throw .invalidArgument("\(path): a filter must be a JSON object, got \(FilterJSON.kind(of: value))")
        }
        guard !members.isEmpty else {
            throw .invalidArgument("\(path): an empty filter object matches every record; leave the filter out instead")
        }
        var conditions: [MetadataFilter] = []
        for (key, member) in members {
            conditions.append(try parseMember(key: key, value: member, at: path))
        }
        return conditions.count == 1 ? conditions[0] : .and(conditions)
    }

    private static func parseMember(key: String, value: JSONValue, at path: String) throws(SeekDBError) -> MetadataFilter {
        switch key {
        case "$and": return .and(try parseList(value, at: "\(path).$and"))
        case "$or": return .or(try parseList(value, at: "\(path).$or"))
        case "$not": return .not(try parse(value, at: "\(path).$not"))
        case _ where key.hasPrefix("$"):
            throw .invalidArgument("\(path): unknown operator '\(key)'; use a field name, $and, $or or $not")
        default:
            try MetadataPath.validate(key, context: path)
            guard case .object(let operators) = value else { return .equal(key, MetadataValue(value)) }
            return try parseOperators(operators, key: key, at: "\(path).\(key)")
        }
    }

    private static func parseList(_ value: JSONValue, at path: String) throws(SeekDBError) -> [MetadataFilter] {
        guard case .array(let elements) = value, !elements.isEmpty else {
            throw .invalidArgument("\(path): expects a non-empty list of filter objects")
        }
        var filters: [MetadataFilter] = []
        for (index, element) in elements.enumerated() {
            filters.append(try parse(element, at: "\(path)[\(index)]"))
        }
        return filters
    }

    private static func parseOperators(
        _ operators: [(key: String, value: JSONValue)], key: String,
        at path: String
    ) throws(SeekDBError) -> MetadataFilter {
        guard !operators.isEmpty else {
            throw .invalidArgument("\(path): an empty operator object matches every record; to compare with an object use {\"$eq\": {…}}")
        }
        var conditions: [MetadataFilter] = []
        for (name, operand) in operators {
            let value = MetadataValue(operand)
            switch name {
            case "$eq": conditions.append(.equal(key, value))
            case "$ne": conditions.append(.notEqual(key, value))
            case "$gt": conditions.append(.greaterThan(key, value))
            case "$gte": conditions.append(.greaterThanOrEqual(key, value))
            case "$lt": conditions.append(.lessThan(key, value))
            case "$lte": conditions.append(.lessThanOrEqual(key, value))
            case "$in": conditions.append(.in(key, FilterJSON.list(value)))
            case "$nin": conditions.append(.notIn(key, FilterJSON.list(value)))
            default:
                throw .invalidArgument(
                    "\(path): unknown operator '\(name)'; use $eq, $ne, $gt, $gte, $lt, $lte, $in or $nin (to compare with an object use "
                        + "{\"$eq\": {…}})"
                )
            }
        }
        return conditions.count == 1 ? conditions[0] : .and(conditions)
    }
}

/// Small helpers shared by the JSON filter parsers.
enum FilterJSON {
    static func parse(_ text: String, at path: String) throws(SeekDBError) -> JSONValue {
        do { return try JSONReader.parse(text) } catch {
            throw .invalidArgument("\(path): the filter is not valid JSON: \(error)")
        }
    }

    static func kind(of value: JSONValue) -> String {
        switch value {
        case .null: "null"
        case .bool: "a boolean"
        case .int, .double: "a number"
        case .string: "a string"
        case .array: "a list"
        case .object: "an object"
        }
    }

    /// `$in` / `$nin` operands: a list, or a bare value that counts as a list of one (pyseekdb).
    static func list(_ value: MetadataValue) -> [MetadataValue] {
        if case .array(let elements) = value { return elements }
        return [value]
    }
}
