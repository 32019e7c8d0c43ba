import Foundation
import Testing

extension CLIServerTests {
    @Suite("seekdb add, get, delete")
    struct RecordCommandTests {
        static let records = """
            {"id": "a", "document": "Dune", "embedding": [0.1, 0.2, 0.3], "metadata": {"year": 1965, "score": 9.5}}
            {"id": "b", "embedding": [0.3, 0.2, 0.1], "metadata": {"author": "Austen", "tags": ["x", "y"]}}

            {"id": "c", "document": "Emma\\nsecond line", "embedding": [1, 2, 3], "metadata": null}
            """

        /// Writes `text` to a temporary file and returns its path.
        static func file(_ text: String) throws -> String {
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("\(CLI.uniqueName("records")).jsonl").path
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
            return path
        }

        @Test("add --file, then get returns pyseekdb's keys and shapes")
        func addAndGet() async throws {
            try await CLI.withCollection { name in
                let path = try Self.file(Self.records)
                defer { try? FileManager.default.removeItem(atPath: path) }
                let added = try await CLI.run(["add", name, "--file", path, "-o", "json"])
                #expect(added.status == 0, "\(added)")
                #expect(try added.object() as NSDictionary == ["inserted": 3])
                #expect(added.stderr.isEmpty, "no progress bar when output is not a terminal")

                let all = try await CLI.run([
                    "get", name, "--id", "c", "--id", "a", "--id", "missing",
                    "--include", "documents,metadatas,embeddings", "-o", "json"
                ])
                let result = try all.object()
                #expect(Set(result.keys) == ["ids", "documents", "metadatas", "embeddings"])
                #expect(result["ids"] as? [String] == ["c", "a"])
                #expect(result["documents"] as? [String] == ["Emma\nsecond line", "Dune"])
                let metadatas = try #require(result["metadatas"] as? [[String: Any]])
                #expect(metadatas[0].isEmpty, "a record without metadata shows {} as in pyseekdb")
                #expect(metadatas[1] as NSDictionary == ["year": 1965, "score": 9.5])
                #expect(result["embeddings"] as? [[Double]] == [[1, 2, 3], [0.1, 0.2, 0.3]])
                #expect(
                    all.stdout.contains(#""embeddings":[[1,2,3],[0.1,0.2,0.3]]"#),
                    "floats print in their shortest form, whole ones as integers")

                let plain = try await CLI.run(["get", name, "--id", "b", "-o", "json"])
                let defaults = try plain.object()
                #expect(Set(defaults.keys) == ["ids", "documents", "metadatas"], "embeddings only when included")
                #expect((defaults["documents"] as? [Any])?.first is NSNull)
                #expect((defaults["metadatas"] as? [[String: Any]])?.first?["tags"] as? [String] == ["x", "y"])

                let idsOnly = try await CLI.run(["get", name, "--include", "", "-o", "json"])
                #expect(Set(try idsOnly.object().keys) == ["ids"])
                #expect(Set(try idsOnly.object()["ids"] as? [String] ?? []) == ["a", "b", "c"])
            }
        }

        @Test("get --limit and --offset page through the records; the table shows one row per record")
        func paging() async throws {
            try await CLI.withCollection { name in
                #expect(try await CLI.run(["add", name, "--file", "-"], stdin: Self.records).status == 0)
                let first = try await CLI.run(["get", name, "--limit", "2", "-o", "json"])
                let rest = try await CLI.run(["get", name, "--limit", "2", "--offset", "2", "-o", "json"])
                let firstIDs = try first.object()["ids"] as? [String] ?? []
                let restIDs = try rest.object()["ids"] as? [String] ?? []
                #expect(firstIDs.count == 2)
                #expect(restIDs.count == 1)
                #expect(Set(firstIDs + restIDs) == ["a", "b", "c"])

                let table = try await CLI.run(["get", name, "--id", "a", "--id", "c"])
                let lines = table.stdout.split(separator: "\n")
                #expect(lines.first?.split(separator: " ", omittingEmptySubsequences: true) == ["id", "document", "metadata"])
                #expect(lines.count == 4, "\(table)")
                #expect(lines[2].hasPrefix("a ") && lines[2].contains("Dune") && lines[2].contains(#""year":1965"#))
                #expect(lines[3].contains("Emma second line"))
            }
        }

        @Test("add reads stdin with --file -; the table output says how many were added")
        func addFromStdin() async throws {
            try await CLI.withCollection { name in
                let added = try await CLI.run(["add", name, "--file", "-"], stdin: #"{"id": "x", "embedding": [1, 1, 1]}"#)
                #expect(added.status == 0, "\(added)")
                #expect(added.stdout == "Added 1 record to \(name)\n")
                let count = try await CLI.run(["collections", "info", name, "-o", "json"])
                #expect((try count.object()["info"] as? [String: Any])?["count"] as? Int == 1)
            }
        }

        @Test("delete --id removes those records and reports how many")
        func delete() async throws {
            try await CLI.withCollection { name in
                #expect(try await CLI.run(["add", name, "--file", "-"], stdin: Self.records).status == 0)
                let deleted = try await CLI.run(["delete", name, "--id", "a", "--id", "c", "--id", "nope", "-o", "json"])
                #expect(deleted.status == 0, "\(deleted)")
                #expect(try deleted.object() as NSDictionary == ["deleted": 2])
                let left = try await CLI.run(["get", name, "-o", "json"])
                #expect(try left.object()["ids"] as? [String] == ["b"])
                let table = try await CLI.run(["delete", name, "--id", "b"])
                #expect(table.stdout == "Deleted 1 record from \(name)\n")
            }
        }

        @Test("add embeds documents with the collection's embedding function, as seekdb embed does")
        func addComputesEmbeddings() async throws {
            try await CLI.withCollection(embeddingFunction: true) { name in
                let added = try await CLI.run(
                    ["add", name, "--file", "-", "-o", "json"],
                    stdin: #"{"id": "d1", "document": "Vector search in Swift"}"#)
                #expect(added.status == 0, "\(added)")
                let stored = try await CLI.run(["get", name, "--id", "d1", "--include", "embeddings", "-o", "json"])
                let vector = try #require((try stored.object()["embeddings"] as? [[Double]])?.first)
                let embedded = try await CLI.runRaw(["embed"], stdin: #""Vector search in Swift""#)
                let expected = try #require(try embedded.json() as? [Double], "\(embedded)")
                #expect(vector.count == 384)
                #expect(cosine(vector, expected) > 0.9999)
            }
        }
    }
}

/// Cosine similarity of two vectors.
func cosine(_ a: [Double], _ b: [Double]) -> Double {
    let dot = zip(a, b).reduce(0) { $0 + $1.0 * $1.1 }
    let norms = (a.reduce(0) { $0 + $1 * $1 } * b.reduce(0) { $0 + $1 * $1 }).squareRoot()
    return norms > 0 ? dot / norms : 0
}
