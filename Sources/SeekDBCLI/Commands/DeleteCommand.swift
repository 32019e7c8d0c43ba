import ArgumentParser
import SeekDB

/// `seekdb delete COLLECTION [--id ID]... [--ids-file FILE] [--where JSON] [--where-document JSON]`.
struct DeleteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete",
        abstract: "Delete records by id and/or filter (ids that do not exist are ignored).",
        discussion: """
            Give --id (repeatable), --ids-file, --where or --where-document (pyseekdb's JSON filters); given \
            together, a record must match all of them.
            -o json prints {"deleted": N}, the number of records deleted.
            """)

    @Argument(help: "Collection name.") var collection: String
    @OptionGroup var ids: IDOptions
    @OptionGroup var filters: FilterOptions
    @OptionGroup(title: "Connection") var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        try await output.reportingErrors {
            let metadataFilter = try filters.metadataFilter()
            let documentFilter = try filters.documentFilter()
            let ids = try self.ids.all()
            guard ids != nil || metadataFilter != nil || documentFilter != nil else {
                throw CLIError.invalidArgument("delete: give the records to delete with --id, --ids-file, --where or --where-document")
            }
            let deleted = try await connection.withClient { client in
                try await client.getCollection(name: collection)
                    .delete(ids: ids.map { IDs($0) }, where: metadataFilter, whereDocument: documentFilter)
            }
            Console.result(
                output.output, json: .object([("deleted", .int(Int64(deleted)))]),
                table: "Deleted \(deleted) record\(deleted == 1 ? "" : "s") from \(collection)")
        }
    }
}
