import Foundation
import SeekDB

/// `--include documents,metadatas,embeddings,sparse_embeddings`: the fields `get` returns besides ids (comma
/// separated, the option may repeat; `--include ""` returns ids only).
enum IncludeList {
    static let names: [(String, Include)] = [
        ("documents", .documents), ("metadatas", .metadatas), ("embeddings", .embeddings), ("distances", .distances),
        ("sparse_embeddings", .sparseEmbeddings)
    ]

    /// The fields named, or `fallback` when the option was not given.
    static func parse(_ values: [String], fallback: Include) throws(CLIError) -> Include {
        guard !values.isEmpty else { return fallback }
        var include: Include = []
        for name in values.flatMap({ $0.split(separator: ",") }).map({ $0.trimmingCharacters(in: .whitespaces) }) where !name.isEmpty {
            guard let field = names.first(where: { $0.0 == name })?.1 else {
                throw .invalidArgument("unknown --include field '\(name)'; use \(names.map(\.0).joined(separator: ", "))")
            }
            include.insert(field)
        }
        return include
    }
}
