import SeekDB

/// `seekdb embed --sparse`: builds the sparse function from its name and JSON properties, and
/// prints one `{"indices": […], "values": […]}` line per text.
enum SparseEmbedding {
    /// The texts per output batch (BM25 is fast; batching keeps memory flat for big inputs).
    static let batchSize = 1024

    /// The function `name` (only `bm25`) with `properties`, a JSON object as pyseekdb stores it.
    /// `option` names the properties' option in error messages.
    static func function(
        named name: String, properties: String?,
        option: String = "--properties"
    ) throws(CLIError) -> BM25SparseEmbeddingFunction {
        guard name == "bm25" else {
            throw .invalidArgument("--sparse \(name): the only sparse function is bm25")
        }
        var pairs: [(key: String, value: EmbeddingPropertyValue)] = []
        if let properties {
            let value: MetadataValue
            do { value = try MetadataValue(json: properties) } catch {
                throw .invalidArgument("\(option): \(error.message)")
            }
            guard case .object(let members) = value else {
                throw .invalidArgument("\(option) must be a JSON object such as {\"k\":1.5,\"dim\":1000}")
            }
            pairs = members.sorted { $0.key < $1.key }.map { ($0.key, EmbeddingPropertyValue($0.value)) }
        }
        do {
            return try BM25SparseEmbeddingFunction(properties: pairs)
        } catch {
            throw .invalidArgument("\(option): \(error.message)")
        }
    }

    /// Prints the vectors of `texts`, in order, one JSON object per line.
    static func print(_ texts: [String], with function: BM25SparseEmbeddingFunction) throws {
        var start = 0
        while start < texts.count {
            try Task.checkCancellation()
            let batch = Array(texts[start..<min(start + batchSize, texts.count)])
            let lines = function.sparseVectors(for: batch).map { JSONOutput($0).text }
            Console.out(lines.joined(separator: "\n"))
            start += batch.count
        }
    }
}
