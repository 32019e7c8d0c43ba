import ArgumentParser
import SeekDB

/// `seekdb update COLLECTION --file F [--merge] [--skip-missing]`, or the one-record form
/// `seekdb update COLLECTION --id ID [--document TEXT] [--metadata JSON] [--embedding JSON]`, or
/// the same fields for every id of `--ids-file FILE`, or the metadata of every record a filter
/// matches: `--where JSON [--where-document JSON] --metadata JSON [--merge] [--dry-run] [--returning]`.
struct UpdateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "update",
        abstract: "Change fields of existing records, from a JSON-lines file, for one --id or for the ids of --ids-file.",
        discussion: """
            A field left out of a line (or not given as an option) is left unchanged; a new \
            document without an embedding is re-embedded by the collection's embedding function. \
            The whole update runs in one transaction. An id that does not exist fails the update \
            (nothing changes) unless --skip-missing is given. --merge applies each metadata as an \
            RFC 7396 merge patch (a null value removes its key) instead of replacing it. \
            --ids-file gives every id listed the same --document, --metadata and --embedding, \
            e.g. --ids-file done.txt --metadata '{"archived": true}' --merge.
            --if FILTER (pyseekdb's where JSON) and --if-document FILTER make the update \
            conditional: a record is written only if it still matches when the statement runs; \
            one that exists but does not match fails the update (conditionFailed, naming the ids; \
            nothing changes) unless --skip-conflicts is given.
            --skip-equal-embeddings has the server compare each given embedding with the stored \
            one first and leaves the equal ones unwritten; -o json then adds "unchanged": [ids].
            -o json prints {"updated": N, "skipped": [ids]}, with "conflicts": [ids] when --if or \
            --if-document is given, and "records" (the updated records after the write, read in \
            the same transaction, in get's shape, with the --include fields) with --returning.
            --where FILTER and/or --where-document FILTER (instead of --file, --id or --ids-file) \
            set --metadata on every record that matches, in one transaction (--merge: as a merge \
            patch). --dry-run writes nothing and prints {"matched": N, "ids": [...]}; otherwise \
            -o json prints {"updated": N, "ids": [...]}. --returning adds "records", the records \
            after the write (in a dry run: as they are) in get's shape, with the --include fields.
            """)

    @Argument(help: "Collection name.") var collection: String
    @Option(parsing: .unconditional, help: "JSON-lines file of records; - reads stdin.") var file: String?
    @Option(parsing: .unconditional, help: "The one record to update (instead of --file); may start with -, as in --id -5.")
    var id: String?
    @Option(
        name: .customLong("ids-file"), parsing: .unconditional,
        help: ArgumentHelp(
            "A file of ids to update alike (instead of --file or --id), one per line; - reads stdin.",
            discussion:
                "Each line is an id as written (blank lines are skipped); a line starting with \" is a JSON string, for ids with line "
                + "breaks or leading or trailing blanks.",
            valueName: "file"))
    var idsFile: String?
    @Option(parsing: .unconditional, help: "With --id or --ids-file: the new document (may start with -).") var document: String?
    @Option(help: "With --id or --ids-file: the new metadata as a JSON object.") var metadata: String?
    @Option(help: "With --id or --ids-file: the new embedding as a JSON array.") var embedding: String?
    @Flag(help: "Merge metadata into the stored metadata (RFC 7396) instead of replacing it.") var merge = false
    @Flag(help: "Skip ids that do not exist instead of failing.") var skipMissing = false
    @Option(
        name: .customLong("if"),
        help: #"Update a record only if it still matches this metadata filter (pyseekdb's JSON), e.g. '{"rev": 3}'."#)
    var condition: String?
    @Option(
        name: .customLong("if-document"), help: #"Update a record only if its document matches this filter, e.g. '{"$contains": "draft"}'."#
    )
    var documentCondition: String?
    @Flag(help: "Leave given embeddings equal to the stored ones unwritten (compared by the server first).")
    var skipEqualEmbeddings = false
    @Flag(help: "With --if: leave records that do not match and report them instead of failing.") var skipConflicts = false
    @OptionGroup(title: "Update by filter") var filters: FilterOptions
    @Flag(help: "With --where or --where-document: list the records that would change and write nothing.") var dryRun = false
    @Flag(help: "Also print the updated records as they are after the write (with --dry-run: as they are).") var returning = false
    @Option(help: "With --returning: the fields to print (documents,metadatas,embeddings). Default documents,metadatas.")
    var include: [String] = []
    @OptionGroup(title: "Connection") var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        if filters.metadataJSON != nil || filters.documentJSON != nil {
            return try await output.reportingErrors { try await updateMatching() }
        }
        try await output.reportingErrors {
            guard !dryRun else {
                throw CLIError.invalidArgument("update: --dry-run goes with --where or --where-document")
            }
            let include = returning ? try IncludeList.parse(self.include, fallback: .default) : nil
            let batch = try RecordBatch(try records(), null: .rejected)
            let metadataFilter = try condition.map { json throws(SeekDBError) in try MetadataFilter(json: json) }
            let documentFilter = try documentCondition.map { json throws(SeekDBError) in try DocumentFilter(json: json) }
            let result = try await batch.write(into: collection, connection: connection) {
                collection, ids, embeddings, documents, metadatas, sparse in
                try await collection.update(
                    ids: ids, embeddings: embeddings, sparseEmbeddings: sparse, documents: documents, metadatas: metadatas,
                    metadataMode: merge ? .merge : .replace, where: metadataFilter, whereDocument: documentFilter,
                    missing: skipMissing ? .skip : .fail, conflicts: skipConflicts ? .skip : .fail,
                    equalEmbeddings: skipEqualEmbeddings ? .skip : .write, returning: include)
            }
            let skipped = result.skippedIDs.isEmpty ? "" : "; skipped missing: \(result.skippedIDs.joined(separator: ", "))"
            let conflicts = result.conflictIDs.isEmpty ? "" : "; not matching: \(result.conflictIDs.joined(separator: ", "))"
            var json: [(key: String, value: JSONOutput)] = [
                ("updated", .int(Int64(result.updatedCount))),
                ("skipped", .array(result.skippedIDs.map(JSONOutput.string)))
            ]
            if condition != nil || documentCondition != nil {
                json.append(("conflicts", .array(result.conflictIDs.map(JSONOutput.string))))
            }
            var table = "Updated \(result.updatedCount) record\(result.updatedCount == 1 ? "" : "s") in \(collection)\(skipped)\(conflicts)"
            if skipEqualEmbeddings {
                json.append(("unchanged", .array(result.unchangedIDs.map(JSONOutput.string))))
                table += "; \(result.unchangedIDs.count) unchanged"
            }
            if let records = result.records {
                json.append(("records", JSONOutput(records)))
                table += "\n" + RecordTable.text(records)
            }
            Console.result(output.output, json: .object(json), table: table)
        }
    }

    /// The records of `--file`, the one record of `--id` and its options, or one record with
    /// those options for every id of `--ids-file`.
    private func records() throws(CLIError) -> [RecordLine] {
        switch (file, id, idsFile) {
        case (let file?, nil, nil):
            guard document == nil, metadata == nil, embedding == nil else {
                throw .invalidArgument("update: --document, --metadata and --embedding go with --id or --ids-file, not --file")
            }
            return try JSONLinesInput.records(file)
        case (nil, let id?, nil):
            return [try RecordLine(id: id, document: document, metadataJSON: metadata, embeddingJSON: embedding)]
        case (nil, nil, let idsFile?):
            let ids = try IDsFile.ids(idsFile)
            // Parse the options once; every record gets the same fields.
            let template = try RecordLine(id: ids[0], document: document, metadataJSON: metadata, embeddingJSON: embedding)
            return ids.map { id in
                var record = template
                record.id = id
                return record
            }
        default:
            throw .invalidArgument("update: give either --file or --id (or --ids-file), only one of them")
        }
    }

    /// `--where` / `--where-document`: one bulk metadata update (or a dry run of it).
    private func updateMatching() async throws {
        guard file == nil, id == nil, idsFile == nil, document == nil, embedding == nil, condition == nil,
            documentCondition == nil, !skipMissing, !skipConflicts, !skipEqualEmbeddings
        else {
            throw CLIError.invalidArgument(
                "update: --where and --where-document change the metadata of the records they match; give only --metadata (and --merge, "
                    + "--dry-run, --returning)"
            )
        }
        guard let metadataJSON = metadata else {
            throw CLIError.invalidArgument("update: --where and --where-document need --metadata, the JSON object to set")
        }
        guard case .object(let patch) = try MetadataValue(json: metadataJSON) else {
            throw CLIError.invalidArgument("--metadata: expected a JSON object")
        }
        let metadataFilter = try filters.metadataFilter()
        let documentFilter = try filters.documentFilter()
        let include = returning ? try IncludeList.parse(self.include, fallback: .default) : nil
        let result = try await connection.withClient { client in
            try await client.getCollection(name: collection)
                .update(
                    where: metadataFilter, whereDocument: documentFilter, metadata: patch, metadataMode: merge ? .merge : .replace,
                    dryRun: dryRun, returning: include)
        }
        var json: [(key: String, value: JSONOutput)] = [
            (dryRun ? "matched" : "updated", .int(Int64(result.matchedCount))),
            ("ids", .array(result.ids.map(JSONOutput.string)))
        ]
        if let records = result.records { json.append(("records", JSONOutput(records))) }
        let count = "\(result.matchedCount) record\(result.matchedCount == 1 ? "" : "s")"
        var table = dryRun ? "Would update \(count) in \(collection) (dry run, nothing written)" : "Updated \(count) in \(collection)"
        if !result.ids.isEmpty { table += ": \(result.ids.joined(separator: ", "))" }
        if let records = result.records { table += "\n" + RecordTable.text(records) }
        Console.result(output.output, json: .object(json), table: table)
    }
}
