import ArgumentParser
import SeekDB

/// `seekdb delete COLLECTION [--id ID]... [--where JSON] [--where-document JSON]`.
struct DeleteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete",
        abstract: "Delete records by id and/or filter (ids that do not exist are ignored).",
        discussion: """
            Give --id (repeatable), --where or --where-document (pyseekdb's JSON filters); given \
            together, a record must match all of them.
            -o json prints {"deleted": N}, the number of records deleted.
            """)

    @Argument(help: "Collection name.") var collection: String
    @Option(name: .customLong("id"), help: "A record id (repeat for several).") var ids: [String] = []
    @OptionGroup var filters: FilterOptions
    @OptionGroup(title: "Connection") var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        try await output.reportingErrors {
            let metadataFilter = try filters.metadataFilter(), documentFilter = try filters.documentFilter()
            guard !ids.isEmpty || metadataFilter != nil || documentFilter != nil else {
                throw CLIError.invalidArgument("delete: give the records to delete with --id, --where or --where-document")
            }
            let deleted = try await connection.withClient { client in
                try await client.getCollection(name: collection)
                    .delete(ids: ids.isEmpty ? nil : IDs(ids), where: metadataFilter, whereDocument: documentFilter)
            }
            Console.result(output.output, json: .object([("deleted", .int(Int64(deleted)))]),
                           table: "Deleted \(deleted) record\(deleted == 1 ? "" : "s") from \(collection)")
        }
    }
}
