/// One field of a record line: left out, given as JSON `null`, or given a value. `update` and
/// `upsert` leave a field that is left out unchanged, so "absent" and "null" stay apart.
enum RecordField<Value: Sendable>: Sendable {
    case absent
    case null
    case value(Value)

    /// The value, or `nil` when the field is absent or null.
    var value: Value? {
        if case .value(let value) = self { value } else { nil }
    }

    /// `true` when the line sets the field to `null`.
    var isNull: Bool {
        if case .null = self { true } else { false }
    }

    /// `true` when the line names the field (with a value or `null`).
    var isPresent: Bool {
        if case .absent = self { false } else { true }
    }
}

extension RecordField: Equatable where Value: Equatable {}
