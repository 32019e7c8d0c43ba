import ArgumentParser
import SeekDB

/// `seekdb upsert COLLECTION --file F [--merge]`.
struct UpsertCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "upsert",
        abstract: "Insert new records and update existing ones, from a JSON-lines file.",
        discussion: """
            Existing records keep the fields a line leaves out; a new record needs an embedding \
            or a document to embed. One transaction: all or nothing. --merge merges metadata \
            into existing records (RFC 7396) instead of replacing it.
            -o json prints {"inserted": [ids], "updated": [ids]}.
            """)

    @Argument(help: "Collection name.") var collection: String
    @Option(parsing: .unconditional, help: "JSON-lines file of records; - reads stdin.") var file: String
    @Flag(help: "Merge metadata into existing records (RFC 7396) instead of replacing it.") var merge = false
    @OptionGroup(title: "Connection") var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        try await output.reportingErrors {
            let batch = try RecordBatch(try JSONLinesInput.records(file), null: .rejected)
            let result = try await batch.write(into: collection, connection: connection) { collection, ids, embeddings, documents, metadatas, sparse in
                try await collection.upsert(ids: ids, embeddings: embeddings, sparseEmbeddings: sparse, documents: documents, metadatas: metadatas,
                                            metadataMode: merge ? .merge : .replace)
            }
            Console.result(
                output.output,
                json: .object([("inserted", .array(result.insertedIDs.map(JSONOutput.string))),
                               ("updated", .array(result.updatedIDs.map(JSONOutput.string)))]),
                table: "Upserted into \(collection): \(result.insertedIDs.count) inserted, \(result.updatedIDs.count) updated")
        }
    }
}
