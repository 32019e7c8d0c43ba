import ArgumentParser
import SeekDB

/// `seekdb embed [--normalize] [--plain]`: texts on stdin, one JSON array of floats per line out;
/// `seekdb embed --sparse bm25 [--properties JSON]`: one `{"indices": […], "values": […]}` per line.
struct EmbedCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "embed",
        abstract: "Embed texts from stdin with the local all-MiniLM-L6-v2 (384 dimensions) or BM25 (sparse).",
        discussion: """
            Reads one JSON string per line ("text"; blank lines are skipped), or with --plain \
            each line as it is (an empty line is the empty text), and writes one JSON array of \
            384 floats per line, in order. The vectors are pyseekdb's default \
            embedding (mean pooling, not normalised) unless --normalize is given. Needs no server.
            Example: printf '%s\\n' '"hello world"' '"vector search"' | seekdb embed --normalize
            With --sparse bm25 each line becomes pyseekdb's BM25 sparse vector instead, printed as \
            {"indices": [...], "values": [...]} with indices ascending; --properties takes \
            pyseekdb's settings as a JSON object (k, b, avg_doc_length, dim, language, stopwords).
            Example: echo '"Running runners ran"' | seekdb embed --sparse bm25 --properties '{"dim":1000}'
            """)

    @Flag(help: "Scale every vector to unit length (sentence-transformers' output).") var normalize = false
    @Flag(help: "Read each line as plain text instead of a JSON string.") var plain = false
    @Option(parsing: .unconditional, help: "Folder with model.safetensors and vocab.txt (default: $SEEKDB_MODEL_DIR or the cache).")
    var modelDir: String?
    @Option(help: ArgumentHelp("Compute sparse vectors with this function instead (only bm25).", valueName: "function"))
    var sparse: String?
    @Option(help: ArgumentHelp("The sparse function's properties as a JSON object, e.g. '{\"k\":1.5,\"dim\":1000}'.", valueName: "json"))
    var properties: String?
    @OptionGroup var output: OutputOptions

    func run() async throws {
        try await output.reportingErrors {
            let texts = try JSONLinesInput.read("-", keepBlank: plain).map { line throws(CLIError) in
                plain ? line.text : try Self.jsonString(line)
            }
            if let sparse {
                guard !normalize, modelDir == nil else {
                    throw CLIError.invalidArgument("--normalize and --model-dir apply to dense vectors, not to --sparse")
                }
                let function = try SparseEmbedding.function(named: sparse, properties: properties)
                try SparseEmbedding.print(texts, with: function)
                return
            }
            guard properties == nil else { throw CLIError.invalidArgument("--properties needs --sparse bm25") }
            let function = DefaultEmbeddingFunction(modelDirectory: modelDir, normalize: normalize)
            _ = try await BatchEmbedding.embed(texts, with: function) { vectors in
                Console.out(vectors.map { JSONOutput($0).text }.joined(separator: "\n"))
            }
        }
    }

    private static func jsonString(_ line: JSONLinesInput.Line) throws(CLIError) -> String {
        let value: MetadataValue
        do { value = try MetadataValue(json: line.text) } catch {
            throw .invalidArgument("line \(line.number): \(error.message) (give --plain for plain text lines)")
        }
        guard let text = value.stringValue else {
            throw .invalidArgument("line \(line.number): expected a JSON string such as \"some text\" (give --plain for plain text lines)")
        }
        return text
    }
}
