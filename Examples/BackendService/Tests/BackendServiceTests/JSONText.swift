import Foundation

/// A parsed JSON value as compact JSON text with sorted keys, to compare with an expected text:
/// `JSONText.of(reply.json["metadata"]) == #"{"genre":"sf","year":2020}"#`.
enum JSONText {
    static func of(_ value: Any?) -> String? {
        guard let value, !(value is NSNull) else { return "null" }
        guard let data = try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .fragmentsAllowed]) else {
            return nil
        }
        return String(decoding: data, as: UTF8.self)
    }
}
