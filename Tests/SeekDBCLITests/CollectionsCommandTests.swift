import Foundation
import Testing

extension CLIServerTests {
    @Suite("seekdb collections")
    struct CollectionsCommandTests {
        @Test("collections create, list, info and delete, also through the coll alias")
        func lifecycle() async throws {
            let name = CLI.uniqueName()
            let created = try await CLI.run([
                "collections", "create", name, "--dimension", "3", "--distance", "inner_product",
                "--no-embedding-function", "-o", "json"
            ])
            #expect(created.status == 0, "\(created)")
            let summary = try created.object()
            #expect(summary["collection"] as? String == name)
            #expect(summary["created"] as? Bool == true)
            #expect(summary["dimension"] as? Int == 3)
            #expect(summary["distance"] as? String == "inner_product")
            #expect(summary["embedding_function"] is NSNull)

            let listed = try await CLI.run(["coll", "list", "-o", "json"])
            let rows = try #require(try listed.json() as? [[String: Any]], "\(listed)")
            let row = try #require(rows.first { $0["name"] as? String == name })
            #expect(row["dimension"] as? Int == 3)
            #expect(row["distance"] as? String == "inner_product")

            let table = try await CLI.run(["coll", "list"])
            #expect(table.stdout.hasPrefix("name"))
            #expect(table.stdout.split(separator: "\n").contains { $0.hasPrefix(Substring(name)) && $0.contains("inner_product") })

            let info = try await CLI.run(["collections", "info", name, "-o", "json"])
            let payload = try info.object()
            let details = try #require(payload["info"] as? [String: Any], "\(info)")
            #expect(details["name"] as? String == name)
            #expect(details["count"] as? Int == 0)
            #expect(details["dimension"] as? Int == 3)
            #expect((details["id"] as? String)?.count == 32)
            #expect((payload["sample"] as? [String: Any])?.isEmpty == true)

            let deleted = try await CLI.run(["coll", "delete", name, "-o", "json"])
            #expect(deleted.status == 0, "\(deleted)")
            #expect(try deleted.object()["deleted"] as? Bool == true)
            let gone = try await CLI.run(["collections", "info", name, "-o", "json"])
            #expect(gone.status == 1)
            #expect(try gone.error()["code"] as? String == "collectionNotFound")
        }

        @Test("collections create without options uses the default embedding function: 384 dimensions, cosine")
        func defaultEmbeddingFunction() async throws {
            let name = CLI.uniqueName()
            let created = try await CLI.run(["collections", "create", name, "-o", "json"])
            let deleted = try await CLI.run(["collections", "delete", name])
            #expect(created.status == 0, "\(created)")
            #expect(deleted.status == 0, "\(deleted)")
            let summary = try created.object()
            #expect(summary["dimension"] as? Int == 384)
            #expect(summary["distance"] as? String == "cosine")
            #expect(summary["embedding_function"] as? String == "default")
        }

        @Test("collections info --sample shows the first records in get's shape, with embeddings")
        func infoSample() async throws {
            try await CLI.withCollection { name in
                let records = #"{"id": "a", "embedding": [1, 2, 3], "document": "A"}"# + "\n" + #"{"id": "b", "embedding": [4, 5, 6]}"#
                #expect(try await CLI.run(["add", name, "--file", "-"], stdin: records).status == 0)
                let info = try await CLI.run(["collections", "info", name, "--sample", "1", "-o", "json"])
                let payload = try info.object()
                #expect((payload["info"] as? [String: Any])?["count"] as? Int == 2)
                let sample = try #require(payload["sample"] as? [String: Any], "\(info)")
                #expect(sample["ids"] as? [String] == ["a"])
                #expect(sample["documents"] as? [String] == ["A"])
                #expect(sample["embeddings"] as? [[Double]] == [[1, 2, 3]])
                let table = try await CLI.run(["coll", "info", name, "--sample", "2"])
                #expect(table.stdout.contains("count:"))
                #expect(table.stdout.contains("[4,5,6]"))
            }
        }

        @Test("collections create with a dimension that differs from the embedding function's fails with invalidArgument")
        func dimensionConflict() async throws {
            let run = try await CLI.run(["collections", "create", CLI.uniqueName(), "--dimension", "3"])
            #expect(run.status == 1)
            #expect(run.stderr.hasPrefix("seekdb: invalidArgument: "), "\(run)")
            #expect(run.stderr.contains("384"))
        }
    }
}
