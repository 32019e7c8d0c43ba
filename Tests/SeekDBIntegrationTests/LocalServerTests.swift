import Foundation
import SeekDB
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Every local-server test, one at a time: a seekdb start takes about 2 s of CPU on the 2-core
/// test machine, and the other suites' tests run meanwhile.
@Suite(.enabled(if: TestEnvironment.isEnabled), .serialized)
struct LocalServerTests {}

extension LocalServerTests {
    /// Tests against one local server, shared by the suite (started in a temporary folder).
    @Suite(.sharedLocalServer)
    struct SharedServer {
        @Test func serverOpensNoTCPPort() async throws {
            let server = try SharedLocalServer.server
            let arguments = ProcFS.commandLine(server.processID)
            #expect(arguments.contains("--embedded"))
            #expect(!arguments.contains { $0.hasPrefix("--port") })
            #expect(ProcFS.listeningTCPPorts(of: server.processID).isEmpty)
            #expect(FileManager.default.fileExists(atPath: server.socketPath))

            // Positive control: the same check sees a port this process listens on.
            let control = try ListeningSocket()
            #expect(ProcFS.listeningTCPPorts(of: getpid()).contains(control.port))
        }

        @Test func pathClientAddsAndReadsRecords() async throws {
            let server = try SharedLocalServer.server
            try await SeekDBClient.withClient(path: server.dataDirectory) { client in
                let local = try #require(client.localServer)
                #expect(local.isReused)
                #expect(local.processID == server.processID)
                #expect(client.configuration.unixSocketPath == server.socketPath)

                let name = TestEnvironment.uniqueName("local")
                let collection = try await client.createCollection(
                    name: name, configuration: .init(dimension: 3, distance: .cosine), embeddingFunction: nil)
                try await collection.add(
                    ids: ["a", "b"], embeddings: [[1, 0, 0], [0, 1, 0]],
                    documents: ["first", "second"], metadatas: [["n": 1], ["n": 2]])
                let result = try await collection.get(ids: ["b", "a"], include: [.documents, .metadatas, .embeddings])
                #expect(result.ids == ["b", "a"])
                #expect(result.documents == ["second", "first"])
                #expect(result.metadatas?[0] == ["n": 2])
                #expect(result.embeddings?[1] == [1, 0, 0])
                try await client.deleteCollection(name: name)
            }
            // Closing a client that reused the server leaves it running for its other holder.
            #expect(server.isRunning)
        }

        @Test func pyseekdbWithTheSamePathSharesTheServer() async throws {
            let server = try SharedLocalServer.server
            try await SeekDBClient.withClient(path: server.dataDirectory) { client in
                let name = TestEnvironment.uniqueName("shared")
                let collection = try await client.createCollection(
                    name: name, configuration: .init(dimension: 3, distance: .l2), embeddingFunction: nil)
                try await collection.add(ids: ["p", "q"], embeddings: [[1, 2, 3], [4, 5, 6]])

                // pyseekdb's Client(path=…) attaches to the running server instead of starting one.
                let output = try runPython(
                    """
                    import json, sys, pyseekdb
                    client = pyseekdb.Client(path=sys.argv[1])
                    collection = client.get_collection(sys.argv[2], embedding_function=None)
                    print(json.dumps({"count": collection.count(), "ids": sorted(collection.get()["ids"])}))
                    """, arguments: [server.dataDirectory, name])
                let result = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
                #expect(result["count"] as? Int == 2)
                #expect(result["ids"] as? [String] == ["p", "q"])
                #expect(ProcFS.seekdbProcesses(servingFolder: server.dataDirectory) == [server.processID])
                try await client.deleteCollection(name: name)
            }
        }

        @Test func secondStartOfTheSameFolderReusesTheServer() async throws {
            let server = try SharedLocalServer.server
            // Through a symbolic link to the folder: still the same server.
            let folder = try TemporaryFolder()
            defer { folder.remove() }
            let link = folder.path + "/link.db"
            try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: server.dataDirectory)

            let second = try await LocalServer.start(dataDirectory: link)
            #expect(second.isReused)
            #expect(second.processID == server.processID)
            #expect(second.dataDirectory == server.dataDirectory)
            #expect(second.binaryPath == nil)
            #expect(await second.isHeld)
            await second.release()
            #expect(!(await second.isHeld))
            #expect(server.isRunning)
            #expect(await server.isHeld)
        }
    }

    /// Tests that start (and stop) servers of their own.
    @Suite
    struct Lifecycle {
        @Test func closingTheLastClientStopsTheServerItStarted() async throws {
            let folder = try TemporaryFolder()
            defer { folder.remove() }
            // Deeper than a Unix socket path may be: the client connects through a short alias.
            let path = folder.path + String(repeating: "/a-rather-long-folder-name", count: 4) + "/local.db"
            let client = try await SeekDBClient(path: path)
            let server = try #require(client.localServer)
            #expect(!server.isReused)
            #expect(server.binaryPath?.hasSuffix("seekdb") == true)
            #expect(server.socketPath.hasPrefix("/tmp/seekdb-swift-"))
            defer { try? FileManager.default.removeItem(atPath: NSString(string: server.socketPath).deletingLastPathComponent) }
            #expect(try await client.listCollections().isEmpty)

            // A second holder keeps the server alive when the client that started it closes.
            let second = try await LocalServer.start(dataDirectory: path)
            #expect(second.isReused && second.processID == server.processID)
            await client.close()
            #expect(server.isRunning)

            // The last holder leaves: the server exits by itself, and release() waits for that.
            await second.release()
            #expect(!server.isRunning)
            #expect(ProcFS.seekdbProcesses(servingFolder: server.dataDirectory).isEmpty)
        }

        @Test func stopEndsTheServerEvenWhileAnotherClientHoldsIt() async throws {
            let folder = try TemporaryFolder()
            defer { folder.remove() }
            let server = try await LocalServer.start(dataDirectory: folder.path + "/stop.db")
            #expect(ProcFS.seekdbProcesses(servingFolder: server.dataDirectory) == [server.processID])

            // Another client (as pylibseekdb or a shell would) holds the server's client lock.
            let other = open(server.dataDirectory + "/run/seekdb.clients", O_RDWR | O_APPEND | O_CLOEXEC)
            #expect(other >= 0 && flock(other, LOCK_SH) == 0)
            defer { close(other) }

            await server.stop()
            #expect(!server.isRunning)
            #expect(!(await server.isHeld))
            #expect(ProcFS.seekdbProcesses(servingFolder: server.dataDirectory).isEmpty)
        }

        @Test func failedStartCarriesTheServerLog() async throws {
            let folder = try TemporaryFolder()
            defer { folder.remove() }
            var configuration = LocalServer.Configuration()
            configuration.logDiskSize = "1G"  // below seekdb's 2G minimum: it exits during start-up
            let error = try await #require(throws: SeekDBError.self) {
                _ = try await LocalServer.start(dataDirectory: folder.path + "/failing.db", configuration: configuration)
            }
            #expect(error.code == .serverStartFailed)
            #expect(error.message.contains("exited with status 1"))
            // The tail of the server's log and output (seekdb does not always flush its ERROR
            // lines before it exits, so only the start-up lines are certain).
            #expect(error.message.contains("log/seekdb.log"))
            #expect(error.message.contains("server_start"))
            #expect(error.message.contains("Starting seekdb"))
            #expect(ProcFS.seekdbProcesses(servingFolder: folder.path + "/failing.db").isEmpty)
        }

        @Test func missingBinaryIsATypedError() async throws {
            let folder = try TemporaryFolder()
            defer { folder.remove() }
            let error = try await #require(throws: SeekDBError.self) {
                _ = try await SeekDBClient(path: folder.path + "/db", server: .init(binaryPath: "/nonexistent/seekdb"))
            }
            #expect(error.code == .serverBinaryNotFound)
            #expect(error.message.contains("/nonexistent/seekdb"))
            #expect(error.message.contains("pip install pylibseekdb"))
        }

        @Test func binarySearchOrder() async throws {
            // SEEKDB_BINARY wins over everything after it, and must exist.
            let fromVariable = try await #require(throws: SeekDBError.self) {
                _ = try await LocalServer.findBinary(environment: ["SEEKDB_BINARY": "/nonexistent/seekdb"])
            }
            #expect(fromVariable.code == .serverBinaryNotFound)
            #expect(fromVariable.message.contains("SEEKDB_BINARY"))

            // The project's .venv is found from a subfolder of the project.
            let found = try await LocalServer.findBinary(
                environment: ["PATH": "/nonexistent"],
                workingDirectory: TestEnvironment.projectRoot.appendingPathComponent("Tests").path)
            #expect(found.hasSuffix("/site-packages/pylibseekdb/seekdb"))

            // Nothing anywhere: the error says where it looked.
            let folder = try TemporaryFolder()
            defer { folder.remove() }
            let nowhere = try await #require(throws: SeekDBError.self) {
                _ = try await LocalServer.findBinary(environment: ["PATH": "/nonexistent"], workingDirectory: folder.path)
            }
            #expect(nowhere.code == .serverBinaryNotFound)
            #expect(nowhere.message.contains("PATH"))
        }
    }
}
