import ArgumentParser
import SeekDB

/// `seekdb sql "STATEMENT"`: one raw SQL statement, for debugging (as pyseekdb's `sql`).
struct SQLCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sql",
        abstract: "Run one SQL statement on --database (debugging).",
        discussion: """
            Rows print as a table, or with -o json as [{"column": value, ...}, ...]; a statement \
            without rows prints {"affectedRows": N}.
            """)

    @Argument(help: "The SQL statement.") var statement: String
    @OptionGroup(title: "Connection") var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        try await output.reportingErrors {
            let result = try await connection.withClient { try await $0.executeText(statement) }
            guard !result.columns.isEmpty else {
                Console.result(
                    output.output, json: .object([("affectedRows", .int(Int64(result.affectedRows)))]),
                    table: "OK, \(result.affectedRows) row\(result.affectedRows == 1 ? "" : "s") affected")
                return
            }
            Console.result(
                output.output,
                json: .array(result.rows.map { row in .object(zip(result.columns, row.map(JSONOutput.init)).map { ($0, $1) }) }),
                table: Table(columns: result.columns, rows: result.rows.map { $0.map { $0.isNull ? "NULL" : JSONOutput.cell($0) } }).text)
        }
    }
}
