import ArgumentParser
import SeekDB

/// `seekdb db list | create NAME | delete NAME` (pyseekdb's AdminClient).
struct DatabaseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db",
        abstract: "List, create and delete databases.",
        subcommands: [List.self, Create.self, Delete.self]
    )

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List databases.",
            discussion: #"-o json prints [{"name", "tenant", "charset", "collation"}, ...]."#)
        @OptionGroup(title: "Connection") var connection: ConnectionOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            try await output.reportingErrors {
                let databases = try await connection.withAdmin { try await $0.listDatabases() }
                let tenant = connection.tenant ?? "sys"
                Console.result(
                    output.output,
                    json: .array(
                        databases.map { database in
                            .object([
                                ("name", .string(database.name)), ("tenant", .string(tenant)),
                                ("charset", .nullable(database.charset)),
                                ("collation", .nullable(database.collation))
                            ])
                        }),
                    table: Table(columns: ["name", "tenant"], rows: databases.map { [$0.name, tenant] }).text)
            }
        }
    }

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a database (nothing happens if it exists).",
            discussion: #"-o json prints {"database": NAME, "created": true}."#)
        @Argument(help: "Database name: letters, digits and underscores.") var name: String
        @OptionGroup(title: "Connection") var connection: ConnectionOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            try await output.reportingErrors {
                try await connection.withAdmin { try await $0.createDatabase(name: name) }
                Console.result(
                    output.output, json: .object([("database", .string(name)), ("created", .bool(true))]),
                    table: "Created database: \(name)")
            }
        }
    }

    struct Delete: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Delete a database and everything in it (nothing happens if it does not exist).",
            discussion: #"-o json prints {"database": NAME, "deleted": true}."#)
        @Argument(help: "Database name.") var name: String
        @OptionGroup(title: "Connection") var connection: ConnectionOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            try await output.reportingErrors {
                try await connection.withAdmin { try await $0.deleteDatabase(name: name) }
                Console.result(
                    output.output, json: .object([("database", .string(name)), ("deleted", .bool(true))]),
                    table: "Deleted database: \(name)")
            }
        }
    }
}
