import Foundation
import SeekDBEmbeddings
import Testing

/// `reference.json` from `shared/embedding-reference`: texts with the token ids and the
/// sentence-transformers embeddings of all-MiniLM-L6-v2.
struct ReferenceData: Decodable {
    struct Record: Decodable, CustomTestStringConvertible {
        var label: String
        var text: String
        var tokenIDs: [Int]
        var embedding: [Float]
        var pooledNorm: Float

        enum CodingKeys: String, CodingKey {
            case label, text, embedding
            case tokenIDs = "token_ids"
            case pooledNorm = "pooled_norm"
        }

        var testDescription: String { label }
    }

    var dimension: Int
    var records: [Record]

    /// The file: `$SEEKDB_EMBEDDING_REFERENCE`, else `../shared/embedding-reference/reference.json`
    /// next to the repository root.
    static var path: String {
        if let path = ProcessInfo.processInfo.environment["SEEKDB_EMBEDDING_REFERENCE"], !path.isEmpty {
            return path
        }
        // #filePath is <root>/Tests/SeekDBEmbeddingsTests/ReferenceData.swift.
        let root = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent()
            .deletingLastPathComponent()
            .deletingLastPathComponent()
        return root.appendingPathComponent("../shared/embedding-reference/reference.json").standardizedFileURL.path
    }

    /// The records, loaded once. Crashes the test with a clear message if the file is absent.
    static let shared: ReferenceData = {
        do {
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            return try JSONDecoder().decode(ReferenceData.self, from: data)
        } catch {
            fatalError("Cannot read the embedding reference at \(path) (set SEEKDB_EMBEDDING_REFERENCE): \(error)")
        }
    }()

    static var records: [Record] { shared.records }
}

/// Whether the tests that need the model files are turned off (`SEEKDB_SKIP_MODEL_TESTS=1`).
let modelTestsSkipped = ProcessInfo.processInfo.environment["SEEKDB_SKIP_MODEL_TESTS"] == "1"

/// The model folder the tests use, or a failure saying how to fetch the model.
func requireModelDirectory() throws -> String {
    do {
        return try ModelLocation.resolve(explicitDirectory: nil)
    } catch {
        Issue.record(
            """
            The model-backed tests need all-MiniLM-L6-v2: run scripts/fetch-model first \
            (or set SEEKDB_SKIP_MODEL_TESTS=1 to skip them). \(error)
            """
        )
        throw error
    }
}
