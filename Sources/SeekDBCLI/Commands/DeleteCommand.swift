import ArgumentParser
import SeekDB

/// `seekdb delete COLLECTION --id ID...`.
struct DeleteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete",
        abstract: "Delete records by id (ids that do not exist are ignored).",
        discussion: #"-o json prints {"deleted": N}, the number of records deleted."#)

    @Argument(help: "Collection name.") var collection: String
    @Option(name: .customLong("id"), help: "A record id (repeat for several).") var ids: [String] = []
    @OptionGroup(title: "Connection") var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        try await output.reportingErrors {
            guard !ids.isEmpty else { throw CLIError.invalidArgument("delete: give the records to delete with --id") }
            let deleted = try await connection.withClient { client in
                try await client.getCollection(name: collection).delete(ids: IDs(ids))
            }
            Console.result(output.output, json: .object([("deleted", .int(Int64(deleted)))]),
                           table: "Deleted \(deleted) record\(deleted == 1 ? "" : "s") from \(collection)")
        }
    }
}
