import ArgumentParser
import SeekDB

/// `seekdb get COLLECTION [--id ID]... [--ids-file FILE] [--where JSON] [--where-document JSON] [--limit N] [--offset N] [--include LIST]`.
struct GetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "get",
        abstract: "Read records by id or filter, or the first records of a collection.",
        discussion: """
            With --id or --ids-file, records come back in the order asked (missing ids are left \
            out); without, \
            at most --limit records (default 100, as pyseekdb) in the server's order. --where and \
            --where-document narrow the records down with pyseekdb's JSON filters.
            -o json prints pyseekdb's shape: {"ids": [...], "documents": [...], "metadatas": [...], \
            "embeddings": [...]}, with a key only for each field included (default documents and \
            metadatas); a record without metadata shows {}.
            """)

    @Argument(help: "Collection name.") var collection: String
    @OptionGroup var ids: IDOptions
    @OptionGroup var filters: FilterOptions
    @Option(parsing: .unconditional, help: "Most records to return.") var limit: Int?
    @Option(parsing: .unconditional, help: "Records to skip first.") var offset = 0
    @Option(help: "Fields besides ids: documents,metadatas,embeddings (comma separated; \"\" for ids only).")
    var include: [String] = []
    @OptionGroup(title: "Connection") var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        try await output.reportingErrors {
            let include = try IncludeList.parse(self.include, fallback: .default)
            let metadataFilter = try filters.metadataFilter()
            let documentFilter = try filters.documentFilter()
            let ids = try self.ids.all()
            let result = try await connection.withClient { client in
                try await client.getCollection(name: collection)
                    .get(
                        ids: ids.map { IDs($0) }, where: metadataFilter, whereDocument: documentFilter,
                        limit: limit, offset: offset, include: include)
            }
            Console.result(output.output, json: JSONOutput(result), table: RecordTable.text(result))
        }
    }
}
