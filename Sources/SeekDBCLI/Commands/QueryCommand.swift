import ArgumentParser
import SeekDB

/// `seekdb query COLLECTION (--text T | --embedding JSON | --sparse-text T)... [--n N] [--where JSON] [--include LIST]`.
struct QueryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "query",
        abstract: "Find the records nearest to query texts or embeddings.",
        discussion: """
            Give one or more --text (embedded by the collection's embedding function) or one or \
            more --embedding '[0.1, 0.2, ...]', or one or more --sparse-text (searched through the \
            collection's sparse vector index, e.g. BM25), one kind only. Results come nearest first, \
            one list per query; sparse distances are negative inner products (most similar first).
            -o json prints pyseekdb's shape: {"ids": [[...]], "documents": [[...]], \
            "metadatas": [[...]], "embeddings": [[...]], "distances": [[...]]}, a key for each \
            field included (default documents, metadatas and distances).
            """)

    @Argument(help: "Collection name.") var collection: String
    @Option(
        name: .customLong("text"), parsing: .unconditionalSingleValue, help: "A query text (repeat for several queries; may start with -).")
    var texts: [String] = []
    @Option(name: .customLong("embedding"), help: "A query vector as a JSON array (repeat for several).") var embeddings: [String] = []
    @Option(
        name: .customLong("sparse-text"), parsing: .unconditionalSingleValue,
        help: "A query text for the sparse vector index (repeat for several; may start with -).") var sparseTexts: [String] = []
    @Option(name: .customLong("n"), parsing: .unconditional, help: "Results per query (1 to 16384).") var nResults = 10
    @OptionGroup var filters: FilterOptions
    @Option(help: "Fields besides ids: documents,metadatas,embeddings,distances (comma separated).")
    var include: [String] = []
    @Option(help: "eventual (the index, as pyseekdb), read-your-writes (refresh the index first) or exact (no index).")
    var consistency: ConsistencyArgument = .eventual
    @OptionGroup(title: "Connection") var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        try await output.reportingErrors {
            guard [texts.isEmpty, embeddings.isEmpty, sparseTexts.isEmpty].filter({ !$0 }).count == 1 else {
                throw CLIError.invalidArgument(
                    "query: give one or more --text, one or more --embedding, or one or more --sparse-text (one kind only, not both)")
            }
            let include = try IncludeList.parse(self.include, fallback: .queryDefault)
            let vectors = try embeddings.map { text throws(CLIError) in try RecordLine.vector(text, name: "--embedding") }
            let metadataFilter = try filters.metadataFilter()
            let documentFilter = try filters.documentFilter()
            let result = try await connection.withClient { client in
                if !sparseTexts.isEmpty {
                    let collection = try await client.getCollection(name: collection, using: .none)
                    return try await collection.query(
                        texts: Documents(sparseTexts), using: .sparse, nResults: nResults, where: metadataFilter,
                        whereDocument: documentFilter, include: include, consistency: consistency.value)
                }
                let collection = try await client.getCollection(name: collection)
                if texts.isEmpty {
                    return try await collection.query(
                        embeddings: Embeddings(vectors), nResults: nResults, where: metadataFilter,
                        whereDocument: documentFilter, include: include, consistency: consistency.value)
                }
                return try await collection.query(
                    texts: Documents(texts), nResults: nResults, where: metadataFilter,
                    whereDocument: documentFilter, include: include, consistency: consistency.value)
            }
            Console.result(output.output, json: JSONOutput(result), table: RecordTable.text(result))
        }
    }
}

/// `--consistency eventual|read-your-writes|exact`.
enum ConsistencyArgument: String, ExpressibleByArgument, CaseIterable {
    case eventual
    case readYourWrites = "read-your-writes"
    case exact

    var value: QueryConsistency {
        switch self {
        case .eventual: .eventual
        case .readYourWrites: .readYourWrites
        case .exact: .exact
        }
    }
}
