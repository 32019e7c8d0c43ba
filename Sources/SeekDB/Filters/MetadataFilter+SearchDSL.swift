/// Compiles a ``MetadataFilter`` into the Elasticsearch-style filter language of the server's
/// `DBMS_HYBRID_SEARCH` (`term`, `terms`, `range`, `bool`), as pyseekdb's `hybrid_search` does.
///
/// The server splices keys and string values into the SQL it generates **without escaping**
/// them, so here keys and strings that could break out of a SQL string are refused instead
/// of being sent. Equality in this language is SQL `=`: unlike `get` and `query`, it does not
/// match array fields that contain the value.
extension MetadataFilter {
    /// The filter as a search-DSL node, or `nil` when it is always true.
    func searchDSL(context: String) throws(SeekDBError) -> JSONValue? {
        switch self {
        case .equal(let key, let value):
            return .object([("term", .object([(try Self.dslField(key, context), try Self.dslScalar(value, key, context))]))])
        case .notEqual(let key, let value):
            return Self.mustNot(try MetadataFilter.equal(key, value).searchDSL(context: context)!)
        case .greaterThan(let key, let value): return try Self.range(key, "gt", value, context)
        case .greaterThanOrEqual(let key, let value): return try Self.range(key, "gte", value, context)
        case .lessThan(let key, let value): return try Self.range(key, "lt", value, context)
        case .lessThanOrEqual(let key, let value): return try Self.range(key, "lte", value, context)
        case .in(let key, let values):
            guard !values.isEmpty else {
                throw .invalidArgument(
                    "\(context): an empty in-list for metadata key '\(key)' matches nothing, which hybrid search cannot express")
            }
            var list: [JSONValue] = []
            for value in values { list.append(try Self.dslScalar(value, key, context)) }
            return .object([("terms", .object([(try Self.dslField(key, context), .array(list))]))])
        case .notIn(let key, let values):
            if values.isEmpty {
                _ = try Self.dslField(key, context)
                return nil
            }
            return Self.mustNot(try MetadataFilter.in(key, values).searchDSL(context: context)!)
        case .and(let filters):
            var nodes: [JSONValue] = []
            for filter in filters { if let node = try filter.searchDSL(context: context) { nodes.append(node) } }
            if nodes.isEmpty { return nil }
            return nodes.count == 1 ? nodes[0] : .object([("bool", .object([("filter", .array(nodes))]))])
        case .or(let filters):
            guard !filters.isEmpty else {
                throw .invalidArgument("\(context): an empty or-list matches nothing, which hybrid search cannot express")
            }
            var nodes: [JSONValue] = []
            for filter in filters {
                guard let node = try filter.searchDSL(context: context) else { return nil }
                nodes.append(node)
            }
            return .object([("bool", .object([("should", .array(nodes)), ("minimum_should_match", .int(1))]))])
        case .not(let filter):
            guard let node = try filter.searchDSL(context: context) else {
                throw .invalidArgument(
                    "\(context): the negation of an always-true filter matches nothing, which hybrid search cannot express")
            }
            return Self.mustNot(node)
        }
    }

    private static func mustNot(_ node: JSONValue) -> JSONValue {
        .object([("bool", .object([("must_not", .array([node]))]))])
    }

    private static func range(_ key: String, _ op: String, _ value: MetadataValue, _ context: String) throws(SeekDBError) -> JSONValue {
        .object([("range", .object([(try dslField(key, context), .object([(op, try dslScalar(value, key, context))]))]))])
    }

    /// `(JSON_EXTRACT(metadata, '$."a"."b"'))`, for keys the server can splice safely.
    private static func dslField(_ key: String, _ context: String) throws(SeekDBError) -> String {
        try MetadataPath.validate(key, context: context)
        if key.unicodeScalars.contains(where: { "'\"\\`".unicodeScalars.contains($0) || $0.value < 0x20 }) {
            throw .invalidArgument(
                "\(context): metadata key '\(key)' contains a quote, backslash, backtick or control character, which the server's hybrid "
                    + "search cannot handle safely"
            )
        }
        return "(JSON_EXTRACT(metadata, '\(MetadataPath.jsonPath(key))'))"
    }

    private static func dslScalar(_ value: MetadataValue, _ key: String, _ context: String) throws(SeekDBError) -> JSONValue {
        switch value {
        case .bool, .int: return value.json
        case .double(let d):
            guard d.isFinite else { throw .invalidArgument("\(context): the value for metadata key '\(key)' is not a finite number") }
            return value.json
        case .string(let s):
            if s.unicodeScalars.contains(where: { $0 == "'" || $0 == "\\" }) {
                throw .invalidArgument(
                    "\(context): the value for metadata key '\(key)' contains a quote or backslash, which the server's hybrid search "
                        + "splices into SQL unescaped"
                )
            }
            return value.json
        case .null, .array, .object:
            throw .invalidArgument("\(context): hybrid search compares metadata key '\(key)' only with strings, numbers and booleans")
        }
    }
}
