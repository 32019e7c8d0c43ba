import ArgumentParser
import SeekDB

/// `--where JSON` and `--where-document JSON`, in pyseekdb's filter syntax, turned into the
/// SDK's typed filters by ``MetadataFilter/init(json:)`` and ``DocumentFilter/init(json:)``.
struct FilterOptions: ParsableArguments {
    @Option(
        name: .customLong("where"),
        help: #"Metadata filter in pyseekdb's JSON syntax, e.g. '{"year": {"$gte": 1900}}' or '{"$and": [...]}'."#)
    var metadataJSON: String?

    @Option(name: .customLong("where-document"), help: #"Document filter, e.g. '{"$contains": "word"}'."#)
    var documentJSON: String?

    /// The `--where` filter, or `nil`.
    /// - Throws: ``SeekDBError/Code/invalidArgument`` naming the bad place in the JSON.
    func metadataFilter() throws(SeekDBError) -> MetadataFilter? {
        try metadataJSON.map { json throws(SeekDBError) in try MetadataFilter(json: json) }
    }

    /// The `--where-document` filter, or `nil`.
    func documentFilter() throws(SeekDBError) -> DocumentFilter? {
        try documentJSON.map { json throws(SeekDBError) in try DocumentFilter(json: json) }
    }
}
