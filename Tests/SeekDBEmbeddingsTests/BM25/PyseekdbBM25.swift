import Foundation
import Testing

/// Runs scripts/interop/bm25_reference.py with the project's Python: `$SEEKDB_PYTHON` (which
/// scripts/test exports), else `.venv/bin/python` in the repository. There is no fallback and
/// no skip: without that Python (with pyseekdb, bm25s and PyStemmer) the tests fail and say how
/// to get it.
enum PyseekdbBM25 {
    static let projectRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static var python: String {
        if let path = ProcessInfo.processInfo.environment["SEEKDB_PYTHON"], !path.isEmpty { return path }
        return projectRoot.appendingPathComponent(".venv/bin/python").path
    }

    struct Failure: Error, CustomStringConvertible { let description: String }

    /// Sends `request` as JSON and returns the script's JSON answer.
    static func run(_ request: [String: Any]) throws -> [String: Any] {
        guard FileManager.default.isExecutableFile(atPath: python) else {
            throw Failure(
                description: """
                    no Python at \(python): the BM25 tests compare against pyseekdb computed live. Run \
                    scripts/test (it installs .venv with pyseekdb, bm25s and PyStemmer), or set SEEKDB_PYTHON \
                    to a Python that has them.
                    """)
        }
        // The request goes through a file so that a large one cannot block on a full pipe.
        let requestFile = FileManager.default.temporaryDirectory
            .appendingPathComponent("bm25-request-\(UUID().uuidString).json")
        try JSONSerialization.data(withJSONObject: request).write(to: requestFile)
        defer { try? FileManager.default.removeItem(at: requestFile) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [projectRoot.appendingPathComponent("scripts/interop/bm25_reference.py").path]
        let output = Pipe()
        let errors = Pipe()
        process.standardInput = try FileHandle(forReadingFrom: requestFile)
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let errorText = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(description: "bm25_reference.py exited \(process.terminationStatus) (\(python)): \(errorText)")
        }
        guard let answer = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw Failure(description: "bm25_reference.py printed no JSON object")
        }
        return answer
    }

    /// pyseekdb's vectors of `texts` for each properties object in `configs`.
    static func vectors(_ texts: [String], configs: [[String: Any]]) throws -> [[(indices: [UInt32], values: [Double])]] {
        let answer = try run(["mode": "vectors", "configs": configs, "texts": texts])
        let results = try #require(answer["results"] as? [[[String: Any]]])
        return try results.map { perText in
            try perText.map { vector in
                let indices = try #require(vector["indices"] as? [NSNumber]).map { $0.uint32Value }
                let values = try #require(vector["values"] as? [NSNumber]).map(\.doubleValue)
                return (indices, values)
            }
        }
    }
}
