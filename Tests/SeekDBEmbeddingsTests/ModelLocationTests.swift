import Foundation
import Testing

@testable import SeekDBEmbeddings

@Suite("Model location")
struct ModelLocationTests {
    @Test func defaultFolderUsesXDGCacheHomeThenHome() {
        #expect(
            ModelLocation.defaultDirectory(environment: ["XDG_CACHE_HOME": "/xdg", "HOME": "/home/u"])
                == "/xdg/seekdb-swift/all-MiniLM-L6-v2")
        #expect(
            ModelLocation.defaultDirectory(environment: ["HOME": "/home/u"])
                == "/home/u/.cache/seekdb-swift/all-MiniLM-L6-v2")
        #expect(
            ModelLocation.defaultDirectory(environment: ["XDG_CACHE_HOME": "", "HOME": "/home/u"])
                == "/home/u/.cache/seekdb-swift/all-MiniLM-L6-v2")
    }

    @Test func candidatesAreExplicitElseEnvironmentThenDefault() {
        let environment = ["SEEKDB_MODEL_DIR": "/env/model", "HOME": "/home/u"]
        #expect(ModelLocation.candidateDirectories(explicitDirectory: "/mine", environment: environment) == ["/mine"])
        #expect(
            ModelLocation.candidateDirectories(explicitDirectory: nil, environment: environment)
                == ["/env/model", "/home/u/.cache/seekdb-swift/all-MiniLM-L6-v2"])
        #expect(
            ModelLocation.candidateDirectories(explicitDirectory: nil, environment: ["HOME": "/home/u"])
                == ["/home/u/.cache/seekdb-swift/all-MiniLM-L6-v2"])
    }

    @Test func missingFilesNameEveryFolderAndTheFetchScript() {
        let environment = ["SEEKDB_MODEL_DIR": "/nonexistent/env", "HOME": "/nonexistent/home"]
        #expect {
            _ = try ModelLocation.resolve(explicitDirectory: nil, environment: environment)
        } throws: { error in
            guard let error = error as? EmbeddingError else { return false }
            return error.code == .modelNotFound
                && error.message.contains("/nonexistent/env")
                && error.message.contains("/nonexistent/home/.cache/seekdb-swift/all-MiniLM-L6-v2")
                && error.message.contains("model.safetensors")
                && error.message.contains("scripts/fetch-model")
        }
    }

    @Test func resolvesTheFirstCompleteFolder() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("model-\(UUID().uuidString)").path
        let complete = root + "/complete"
        let partial = root + "/partial"
        defer { try? FileManager.default.removeItem(atPath: root) }
        for folder in [complete, partial] {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        }
        for file in ModelLocation.requiredFiles {
            #expect(FileManager.default.createFile(atPath: complete + "/" + file, contents: Data()))
        }
        #expect(FileManager.default.createFile(atPath: partial + "/vocab.txt", contents: Data()))

        // SEEKDB_MODEL_DIR lacks files: the default cache folder (here XDG_CACHE_HOME) is next.
        let xdg = root + "/xdg"
        try FileManager.default.createDirectory(atPath: xdg + "/seekdb-swift", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: xdg + "/seekdb-swift/all-MiniLM-L6-v2", withDestinationPath: complete)
        let environment = ["SEEKDB_MODEL_DIR": partial, "XDG_CACHE_HOME": xdg]
        #expect(
            try ModelLocation.resolve(explicitDirectory: nil, environment: environment)
                == xdg + "/seekdb-swift/all-MiniLM-L6-v2")
        #expect(try ModelLocation.resolve(explicitDirectory: complete + "/../complete", environment: environment) == complete)
        // An explicit folder is used alone, even when the others are complete.
        #expect(throws: EmbeddingError.self) {
            try ModelLocation.resolve(explicitDirectory: partial, environment: ["SEEKDB_MODEL_DIR": complete])
        }
    }
}
