extension DocumentFilter {
    /// Parses pyseekdb's JSON `where_document` syntax: `{"$contains": "word"}`,
    /// `{"$not_contains": "word"}`, `{"$regex": "pattern"}`, `{"$and": [f, …]}`,
    /// `{"$or": [f, …]}`. Several keys in one object are joined with AND.
    ///
    /// Unknown keys, empty objects or lists, and non-string operands are errors (pyseekdb
    /// turns them into a match-all).
    ///
    /// - Throws: ``SeekDBError/Code/invalidArgument`` naming the offending place in the filter.
    public init(json: String) throws(SeekDBError) {
        self = try DocumentFilter.parse(try FilterJSON.parse(json, at: "whereDocument"), at: "whereDocument")
    }

    /// Parses an already decoded pyseekdb `where_document` object (see ``init(json:)``).
    ///
    /// - Throws: ``SeekDBError/Code/invalidArgument`` naming the offending place in the filter.
    public init(_ value: MetadataValue) throws(SeekDBError) {
        self = try DocumentFilter.parse(value.json, at: "whereDocument")
    }

    private static func parse(_ value: JSONValue, at path: String) throws(SeekDBError) -> DocumentFilter {
        guard case .object(let members) = value else {
            throw .invalidArgument("\(path): a document filter must be a JSON object, got \(FilterJSON.kind(of: value))")
        }
        guard !members.isEmpty else {
            throw .invalidArgument("\(path): an empty document filter matches every record; leave the filter out instead")
        }
        var conditions: [DocumentFilter] = []
        for (key, operand) in members {
            switch key {
            case "$contains": conditions.append(.contains(try text(operand, at: "\(path).$contains")))
            case "$not_contains": conditions.append(.notContains(try text(operand, at: "\(path).$not_contains")))
            case "$regex": conditions.append(.regex(try text(operand, at: "\(path).$regex")))
            case "$and": conditions.append(.and(try parseList(operand, at: "\(path).$and")))
            case "$or": conditions.append(.or(try parseList(operand, at: "\(path).$or")))
            default:
                throw .invalidArgument("\(path): unknown operator '\(key)'; use $contains, $not_contains, $regex, $and or $or")
            }
        }
        return conditions.count == 1 ? conditions[0] : .and(conditions)
    }

    private static func text(_ value: JSONValue, at path: String) throws(SeekDBError) -> String {
        guard case .string(let text) = value else {
            throw .invalidArgument("\(path): expects a string, got \(FilterJSON.kind(of: value))")
        }
        return text
    }

    private static func parseList(_ value: JSONValue, at path: String) throws(SeekDBError) -> [DocumentFilter] {
        guard case .array(let elements) = value, !elements.isEmpty else {
            throw .invalidArgument("\(path): expects a non-empty list of document filter objects")
        }
        var filters: [DocumentFilter] = []
        for (index, element) in elements.enumerated() {
            filters.append(try parse(element, at: "\(path)[\(index)]"))
        }
        return filters
    }
}
