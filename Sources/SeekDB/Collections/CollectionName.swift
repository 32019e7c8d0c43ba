/// pyseekdb's rule for collection names: `[A-Za-z0-9_]`, 1…512 characters.
enum CollectionName {
    static let maximumLength = 512

    static func validate(_ name: String) throws(SeekDBError) {
        guard !name.isEmpty else { throw .invalidArgument("collection name must not be empty") }
        guard name.utf8.count <= maximumLength else {
            throw .invalidArgument("collection name is \(name.utf8.count) characters long; at most \(maximumLength) are allowed")
        }
        guard name.utf8.allSatisfy(isAllowed) else {
            throw .invalidArgument("invalid collection name '\(name)': only letters, digits and underscore are allowed ([A-Za-z0-9_])")
        }
    }

    private static func isAllowed(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"):
            return true
        default:
            return false
        }
    }
}
