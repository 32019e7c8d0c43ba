import Foundation
import SeekDBEmbeddings
import Testing

/// `Tests/Fixtures/embedding-reference/reference.json` (its README says how it was made): texts
/// with the token ids and the sentence-transformers embeddings of all-MiniLM-L6-v2.
struct ReferenceData: Decodable, Sendable {
    struct Record: Decodable, Sendable, CustomTestStringConvertible {
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

    /// The file: `$SEEKDB_EMBEDDING_REFERENCE`, else the copy in the repository,
    /// `Tests/Fixtures/embedding-reference/reference.json`.
    static var path: String {
        if let path = ProcessInfo.processInfo.environment["SEEKDB_EMBEDDING_REFERENCE"], !path.isEmpty {
            return path
        }
        // #filePath is <root>/Tests/SeekDBEmbeddingsTests/ReferenceData.swift.
        let tests = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        return tests.appendingPathComponent("Fixtures/embedding-reference/reference.json").path
    }

    /// The file could not be read or decoded; thrown so the test fails with this message.
    struct LoadError: Error, CustomStringConvertible {
        var path: String
        var underlying: String

        var description: String {
            """
            Cannot read the embedding reference at \(path): \(underlying). It belongs to the \
            repository (Tests/Fixtures/embedding-reference/reference.json); \
            SEEKDB_EMBEDDING_REFERENCE overrides its path.
            """
        }
    }

    /// The file, read once: the records, or the error that every test using them throws.
    private static let loaded: Result<ReferenceData, LoadError> = {
        let path = Self.path
        do {
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            return .success(try JSONDecoder().decode(ReferenceData.self, from: data))
        } catch {
            return .failure(LoadError(path: path, underlying: "\(error)"))
        }
    }()

    /// The records; throws ``LoadError`` (a test failure, never a crash) when the file is
    /// missing or unreadable.
    static func records() throws -> [Record] {
        try loaded.get().records
    }
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
