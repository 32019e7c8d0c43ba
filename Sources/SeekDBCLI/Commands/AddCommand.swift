import ArgumentParser
import SeekDB

/// `seekdb add COLLECTION --file F`.
struct AddCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Add new records from a JSON-lines file.",
        discussion: """
            One record per line: {"id": "a", "document": "...", "embedding": [...], "metadata": {...}}. \
            "id" is required; a record without "embedding" is embedded from its "document" by the \
            collection's embedding function (with a progress bar on a terminal). Every line is \
            checked before anything is sent, and the records are added in one transaction: all \
            or none (an id that exists already fails the whole add).
            -o json prints {"inserted": N}.
            """)

    @Argument(help: "Collection name.") var collection: String
    @Option(parsing: .unconditional, help: "JSON-lines file of records; - reads stdin.") var file: String
    @OptionGroup(title: "Connection") var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        try await output.reportingErrors {
            let batch = try RecordBatch(try JSONLinesInput.records(file))
            try await batch.write(into: collection, connection: connection) { collection, ids, embeddings, documents, metadatas, sparse in
                try await collection.add(
                    ids: ids, embeddings: embeddings, sparseEmbeddings: sparse, documents: documents, metadatas: metadatas)
            }
            let count = batch.ids.count
            Console.result(
                output.output, json: .object([("inserted", .int(Int64(count)))]),
                table: "Added \(count) record\(count == 1 ? "" : "s") to \(collection)")
        }
    }
}
