import ArgumentParser
import Foundation
import SeekDB

/// `seekdb collections list | create | delete | info | fork` (alias `coll`).
struct CollectionsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "collections",
        abstract: "List, create, delete, describe and fork collections.",
        subcommands: [List.self, Create.self, Delete.self, Info.self, Fork.self],
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
                    json: .array(
                        collections.map { collection in
                            .object([("name", .string(collection.name))] + JSONOutput.settings(of: collection))
                        }),
                    table: Table(
                        columns: ["name", "dimension", "distance"],
                        rows: collections.map {
                            [$0.name, String($0.dimension), $0.distance?.rawValue ?? ""]
                        }
                    ).text)
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
                --sparse bm25 adds pyseekdb's BM25 sparse vector index, computed from the document \
                (default) or from the metadata key given with --sparse-source; --sparse-properties \
                sets BM25's k, b, avg_doc_length, dim as a JSON object.
                -o json prints {"collection": NAME, "created": true, "dimension", "distance", "embedding_function"} \
                (and "sparse_vector_index": {"source_key", "embedding_function"} with --sparse).
                """)
        @Argument(help: "Collection name: letters, digits and underscores.") var name: String
        @Option(parsing: .unconditional, help: "Vector dimension (default: 384, the embedding function's).") var dimension: Int?
        @Option(help: "Distance: l2, cosine or inner_product.") var distance: DistanceArgument = .cosine
        @Flag(help: "Create the collection without an embedding function.") var noEmbeddingFunction = false
        @Option(help: ArgumentHelp("Add a sparse vector index computed by this function (only bm25).", valueName: "function"))
        var sparse: String?
        @Option(help: ArgumentHelp("What the sparse vectors are computed from: document (default) or a metadata key.", valueName: "source"))
        var sparseSource: String?
        @Option(
            help: ArgumentHelp("The sparse function's properties as a JSON object, e.g. '{\"k\":1.5,\"dim\":1000}'.", valueName: "json"))
        var sparseProperties: String?
        @OptionGroup(title: "Connection") var connection: ConnectionOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            try await output.reportingErrors {
                let function: (any EmbeddingFunction)? = noEmbeddingFunction ? nil : DefaultEmbeddingFunction()
                let configuration = (dimension ?? function?.dimension).map { HNSWConfiguration(dimension: $0, distance: distance.metric) }
                let sparseIndex = try sparseIndex()
                let collection = try await connection.withClient {
                    try await $0.createCollection(
                        name: name, configuration: configuration, embeddingFunction: function,
                        sparseVectorIndex: sparseIndex)
                }
                Console.result(
                    output.output,
                    json: .object(
                        [("collection", .string(collection.name)), ("created", .bool(true))]
                            + JSONOutput.settings(of: collection)),
                    table: "Created collection: \(collection.name)")
            }
        }

        /// The sparse index `--sparse`, `--sparse-source` and `--sparse-properties` ask for.
        private func sparseIndex() throws(CLIError) -> SparseVectorIndexConfiguration? {
            guard let sparse else {
                if sparseSource != nil || sparseProperties != nil {
                    throw .invalidArgument("--sparse-source and --sparse-properties need --sparse bm25")
                }
                return nil
            }
            let function = try SparseEmbedding.function(named: sparse, properties: sparseProperties, option: "--sparse-properties")
            let source: SparseVectorIndexSettings.Source =
                switch sparseSource {
                case nil, "document"?, "#document"?: .document
                case let key?: .metadata(key: key)
                }
            return SparseVectorIndexConfiguration(function: function, source: source)
        }
    }

    struct Fork: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Copy a collection, records and indexes, into a new collection (seekdb's FORK TABLE).",
            discussion: #"-o json prints {"collection": NEW, "forked_from": NAME, "dimension", "distance", "embedding_function"}."#)
        @Argument(help: "The collection to copy.") var name: String
        @Argument(help: "The new collection's name.") var newName: String
        @OptionGroup(title: "Connection") var connection: ConnectionOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            try await output.reportingErrors {
                let fork = try await connection.withClient { client in
                    try await client.getCollection(name: name, using: .none).fork(name: newName)
                }
                Console.result(
                    output.output,
                    json: .object([("collection", .string(fork.name)), ("forked_from", .string(name))] + JSONOutput.settings(of: fork)),
                    table: "Forked collection \(name) to \(fork.name)")
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
                Console.result(
                    output.output, json: .object([("collection", .string(name)), ("deleted", .bool(true))]),
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
                let info: [(String, JSONOutput)] =
                    [
                        ("name", .string(collection.name)), ("id", .nullable(collection.id))
                    ] + JSONOutput.settings(of: collection) + [("metadata", .object([])), ("count", .int(Int64(count)))]
                Console.result(
                    output.output,
                    json: .object([("info", .object(info)), ("sample", peek.map(JSONOutput.init) ?? .object([]))]),
                    table: Self.table(info: info, sample: peek))
            }
        }

        private static func table(info: [(String, JSONOutput)], sample: GetResult?) -> String {
            var lines = info.filter { $0.0 != "metadata" }.map { key, value in
                let text =
                    switch value {
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
