import ArgumentParser

/// `seekdb`: the command-line tool of seekdb-swift (pyseekdb's CLI plus every record operation).
@main
struct SeekDBCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "seekdb",
        abstract: "Manage seekdb databases and collections, read and write records, embed text, run SQL.",
        discussion: """
            Connection options (--path for a local database folder, or --host, --port, --user, \
            --password, --tenant; and --database) and -o table|json may be given before or after \
            the subcommand. The password defaults to $SEEKDB_PASSWORD.

            With -o json every command prints one JSON document on stdout, with pyseekdb's keys \
            (get: {"ids", "documents", "metadatas", "embeddings"}; query: the same keys plus \
            "distances", one inner list per query); writes print a summary \
            (add {"inserted": 3}, update {"updated": 3, "skipped": ["x"]}, upsert \
            {"inserted": [...], "updated": [...]}, delete {"deleted": 2}). Errors exit non-zero and print the error's code, \
            server error number and message on stderr, as \
            {"error": {"code", "message", "serverErrorNumber"}} with -o json.

            Examples:
              seekdb --host 127.0.0.1 --port 2881 collections list
              seekdb --path ./seekdb.db collections list
              seekdb coll create books --dimension 3 --distance l2 --no-embedding-function
              seekdb add books --file records.jsonl
              seekdb update books --id a --metadata '{"year": 1966}' --merge
              seekdb upsert books --file - < changes.jsonl
              seekdb get books --id a --id b --include documents,embeddings -o json
              seekdb query books --text "desert planet" --n 3 --where '{"year": {"$gte": 1900}}'
              echo '"hello world"' | seekdb embed --normalize
            """,
        subcommands: [
            DatabaseCommand.self, CollectionsCommand.self, AddCommand.self, UpdateCommand.self, UpsertCommand.self, GetCommand.self,
            DeleteCommand.self, QueryCommand.self, EmbedCommand.self, SQLCommand.self
        ]
    )

    // Declared here too so that they may stand before the subcommand name; every subcommand
    // reads the same parsed values through its own option groups.
    @OptionGroup(title: "Connection") var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions
}
