import Foundation
import Testing

extension CLIServerTests {
    /// `--path DIR`: each command starts (or reuses) a local seekdb for the folder.
    @Suite("seekdb --path")
    struct LocalModeTests {
        @Test("--path creates the folder, and collections and records persist from one command to the next")
        func localFolder() async throws {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent(CLI.uniqueName("local")).path
            defer { try? FileManager.default.removeItem(atPath: folder) }
            let local = ["--path", folder]
            let name = CLI.uniqueName("notes")

            let created = try await CLI.runRaw(
                local + [
                    "collections", "create", name, "--dimension", "3",
                    "--no-embedding-function", "-o", "json"
                ])
            #expect(created.status == 0, "\(created)")
            #expect(FileManager.default.fileExists(atPath: folder))
            let added = try await CLI.runRaw(
                ["add", name, "--file", "-", "-o", "json"] + local,
                stdin: #"{"id": "n1", "document": "local", "embedding": [1, 2, 3]}"#)
            #expect(try added.object() as NSDictionary == ["inserted": 1], "\(added)")
            let read = try await CLI.runRaw(local + ["get", name, "-o", "json"])
            #expect(try read.object()["documents"] as? [String] == ["local"], "\(read)")
            let databases = try await CLI.runRaw(local + ["db", "list", "-o", "json"])
            #expect((try databases.json() as? [[String: Any]])?.contains { $0["name"] as? String == "test" } == true, "\(databases)")

            // The TCP test server does not have this collection: --path really went elsewhere.
            let remote = try await CLI.run(["collections", "info", name, "-o", "json"])
            #expect(remote.status == 1)
        }
    }
}
