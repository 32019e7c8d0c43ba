import Foundation
import ArgumentParser
import SeekDB

/// `seekdb collections list | create | delete | info` (alias `coll`).
struct CollectionsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "collections",
        abstract: "List, create, delete and describe collections.",
        subcommands: [List.self, Create.self, Delete.self, Info.self],
        aliases: ["coll"]
    )

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the collections of the database.",
            discussion: #"-o json prints [{"name", "dimension", "distance", "embedding_function"}, ...]."#)
        @OptionGroup(title: "Connection") var connection: ConnectionOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            try await output.reportingErrors {
                let collections = try await connection.withClient { try await $0.listCollections() }
                Console.result(
                    output.output,
                    json: .array(collections.map { collection in
                        .object([("name", .string(collection.name))] + JSONOutput.settings(of: collection))
                    }),
                    table: Table(columns: ["name", "dimension", "distance"], rows: collections.map {
                        [$0.name, String($0.dimension), $0.distance?.rawValue ?? ""]
                    }).text)
            }
        }
    }

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a collection.",
            discussion: """
                By default the collection embeds documents with the local all-MiniLM-L6-v2 \
                (384 dimensions, cosine), as pyseekdb's default. For other dimensions give \
                --no-embedding-function and --dimension, and add records with embeddings.
                -o json prints {"collection": NAME, "created": true, "dimension", "distance", "embedding_function"}.
                """)
        @Argument(help: "Collection name: letters, digits and underscores.") var name: String
        @Option(parsing: .unconditional, help: "Vector dimension (default: 384, the embedding function's).") var dimension: Int?
        @Option(help: "Distance: l2, cosine or inner_product.") var distance: DistanceArgument = .cosine
        @Flag(help: "Create the collection without an embedding function.") var noEmbeddingFunction = false
        @OptionGroup(title: "Connection") var connection: ConnectionOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            try await output.reportingErrors {
                let function: (any EmbeddingFunction)? = noEmbeddingFunction ? nil : DefaultEmbeddingFunction()
                let configuration = (dimension ?? function?.dimension).map { HNSWConfiguration(dimension: $0, distance: distance.metric) }
                let collection = try await connection.withClient {
                    try await $0.createCollection(name: name, configuration: configuration, embeddingFunction: function)
                }
                Console.result(
                    output.output,
                    json: .object([("collection", .string(collection.name)), ("created", .bool(true))]
                                  + JSONOutput.settings(of: collection)),
                    table: "Created collection: \(collection.name)")
            }
        }
    }

    struct Delete: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Delete a collection and its records.",
            discussion: #"-o json prints {"collection": NAME, "deleted": true}."#)
        @Argument(help: "Collection name.") var name: String
        @OptionGroup(title: "Connection") var connection: ConnectionOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            try await output.reportingErrors {
                try await connection.withClient { try await $0.deleteCollection(name: name) }
                Console.result(output.output, json: .object([("collection", .string(name)), ("deleted", .bool(true))]),
                               table: "Deleted collection: \(name)")
            }
        }
    }

    struct Info: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show a collection's settings, record count and optionally its first records.",
            discussion: """
                -o json prints {"info": {"name", "id", "dimension", "distance", "embedding_function", \
                "metadata", "count"}, "sample": {get's shape, or {} without --sample}}, as pyseekdb.
                """)
        @Argument(help: "Collection name.") var name: String
        @Option(parsing: .unconditional, help: "Also show the first N records (documents, metadatas, embeddings).") var sample = 0
        @OptionGroup(title: "Connection") var connection: ConnectionOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            try await output.reportingErrors {
                let sampleSize = sample
                let (collection, count, peek) = try await connection.withClient { client in
                    let collection = try await client.getCollection(name: name)
                    let count = try await collection.count()
                    let peek = sampleSize > 0 && count > 0 ? try await collection.peek(limit: sampleSize) : nil
                    return (collection, count, peek)
                }
                let info: [(String, JSONOutput)] = [
                    ("name", .string(collection.name)), ("id", .nullable(collection.id)),
                ] + JSONOutput.settings(of: collection) + [("metadata", .object([])), ("count", .int(Int64(count)))]
                Console.result(
                    output.output,
                    json: .object([("info", .object(info)), ("sample", peek.map(JSONOutput.init) ?? .object([]))]),
                    table: Self.table(info: info, sample: peek))
            }
        }

        private static func table(info: [(String, JSONOutput)], sample: GetResult?) -> String {
            var lines = info.filter { $0.0 != "metadata" }.map { key, value in
                let text = switch value {
                case .string(let s): s
                case .null: "(none)"
                default: value.text
                }
                return "\(key + ":")".padding(toLength: 20, withPad: " ", startingAt: 0) + text
            }
            if let sample {
                lines.append("")
                lines.append(RecordTable.text(sample))
            }
            return lines.joined(separator: "\n")
        }
    }
}

