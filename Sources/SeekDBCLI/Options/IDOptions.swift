import ArgumentParser

/// `--id ID` (repeatable) and `--ids-file FILE`: the records `get` and `delete` act on.
///
/// The word after `--id` is always its value, so ids that start with `-` work as written:
/// `--id -abc`, `--id -5` (as do `--id=-abc` and `--id=-5`).
struct IDOptions: ParsableArguments {
    @Option(
        name: .customLong("id"), parsing: .unconditionalSingleValue,
        help: ArgumentHelp("A record id (repeat for several); may start with -, as in --id -5.", valueName: "id"))
    var ids: [String] = []

    @Option(
        name: .customLong("ids-file"), parsing: .unconditional,
        help: ArgumentHelp(
            "A file of record ids, one per line (- reads stdin); added after the --id ones.",
            discussion:
                "Each line is an id as written (blank lines are skipped); a line starting with \" is a JSON string, for ids with line "
                + "breaks or leading or trailing blanks.",
            valueName: "file"))
    var idsFile: String?

    /// The `--id` ids followed by those of `--ids-file`, or `nil` when neither was given.
    func all() throws(CLIError) -> [String]? {
        guard let idsFile else { return ids.isEmpty ? nil : ids }
        return ids + (try IDsFile.ids(idsFile))
    }
}
