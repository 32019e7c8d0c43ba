import ArgumentParser
import SeekDB

/// `seekdb upsert COLLECTION --file F [--merge] [--skip-equal-embeddings] [--returning [--include FIELDS]]`.
struct UpsertCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "upsert",
        abstract: "Insert new records and update existing ones, from a JSON-lines file.",
        discussion: """
            Existing records keep the fields a line leaves out; a new record needs an embedding \
            or a document to embed. One transaction: all or nothing. --merge merges metadata \
            into existing records (RFC 7396) instead of replacing it.
            -o json prints {"inserted": [ids], "updated": [ids]}; --returning adds "records", the \
            inserted and updated records after the write (read in the same transaction), in get's \
            shape, with the --include fields.
            --skip-equal-embeddings has the server compare each given embedding of an existing \
            record with the stored one first and leaves the equal ones unwritten; -o json then \
            adds "unchanged": [ids].
            """)

    @Argument(help: "Collection name.") var collection: String
    @Option(parsing: .unconditional, help: "JSON-lines file of records; - reads stdin.") var file: String
    @Flag(help: "Merge metadata into existing records (RFC 7396) instead of replacing it.") var merge = false
    @Flag(help: "Leave given embeddings equal to the stored ones unwritten (compared by the server first).")
    var skipEqualEmbeddings = false
    @Flag(help: "Also print the inserted and updated records as they are after the write.") var returning = false
    @Option(help: "With --returning: the fields to print (documents,metadatas,embeddings). Default documents,metadatas.")
    var include: [String] = []
    @OptionGroup(title: "Connection") var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        try await output.reportingErrors {
            let batch = try RecordBatch(try JSONLinesInput.records(file), null: .rejected)
            let include = returning ? try IncludeList.parse(self.include, fallback: .default) : nil
            let result = try await batch.write(into: collection, connection: connection) {
                collection, ids, embeddings, documents, metadatas, sparse in
                try await collection.upsert(
                    ids: ids, embeddings: embeddings, sparseEmbeddings: sparse, documents: documents, metadatas: metadatas,
                    metadataMode: merge ? .merge : .replace, equalEmbeddings: skipEqualEmbeddings ? .skip : .write,
                    returning: include)
            }
            var json: [(key: String, value: JSONOutput)] = [
                ("inserted", .array(result.insertedIDs.map(JSONOutput.string))),
                ("updated", .array(result.updatedIDs.map(JSONOutput.string)))
            ]
            var table = "Upserted into \(collection): \(result.insertedIDs.count) inserted, \(result.updatedIDs.count) updated"
            if skipEqualEmbeddings {
                json.append(("unchanged", .array(result.unchangedIDs.map(JSONOutput.string))))
                table += ", \(result.unchangedIDs.count) unchanged"
            }
            if let records = result.records {
                json.append(("records", JSONOutput(records)))
                table += "\n" + RecordTable.text(records)
            }
            Console.result(output.output, json: .object(json), table: table)
        }
    }
}
