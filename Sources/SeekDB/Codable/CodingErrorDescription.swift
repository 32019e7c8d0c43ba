/// Describes `EncodingError` and `DecodingError` for a ``SeekDBError`` message: where (a
/// `$.a.b[2]` path, as the SDK's other messages name places in metadata) and what was wrong,
/// never the value itself (messages carry no bound values).
enum CodingErrorDescription {
    /// `at $.year: expected Int, found a string`.
    static func describe(_ error: any Error) -> String {
        switch error {
        case EncodingError.invalidValue(_, let context):
            return "at \(path(context.codingPath)): \(context.debugDescription)"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context),
            DecodingError.dataCorrupted(let context):
            return "at \(path(context.codingPath)): \(context.debugDescription)"
        case DecodingError.keyNotFound(let key, let context):
            return "at \(path(context.codingPath)): the key '\(key.stringValue)' is missing"
        default:
            return "the type's own coding threw \(type(of: error))"
        }
    }

    /// `$` followed by `.key` for members and `[i]` for array elements.
    static func path(_ codingPath: [any CodingKey]) -> String {
        var text = "$"
        for key in codingPath {
            if key is MetadataValueEncoder.IndexKey, let index = key.intValue {
                text += "[\(index)]"
            } else if let index = key.intValue, key.stringValue == "Index \(index)" {
                text += "[\(index)]"  // another coder's array index
            } else {
                text += ".\(key.stringValue)"
            }
        }
        return text
    }
}
