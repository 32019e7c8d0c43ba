import Foundation
import Testing

extension CLIServerTests {
    @Suite("seekdb sparse collections")
    struct SparseCommandTests {
        @Test("coll create --sparse bm25, records with sparse_embedding, query --sparse-text, coll fork")
        func sparseLifecycle() async throws {
            let name = CLI.uniqueName()
            let forkName = CLI.uniqueName()
            do {
                try await Self.sparseLifecycle(name: name, forkName: forkName)
                _ = try await CLI.run(["coll", "delete", forkName])
                _ = try await CLI.run(["coll", "delete", name])
            } catch {
                _ = try? await CLI.run(["coll", "delete", forkName])
                _ = try? await CLI.run(["coll", "delete", name])
                throw error
            }
        }

        static func sparseLifecycle(name: String, forkName: String) async throws {
            let created = try await CLI.run([
                "coll", "create", name, "--dimension", "3", "--distance", "l2", "--no-embedding-function",
                "--sparse", "bm25", "-o", "json"
            ])
            #expect(created.status == 0, "\(created)")
            let sparse = try created.object()["sparse_vector_index"] as? [String: Any]
            #expect(sparse?["source_key"] as? String == "#document")
            #expect(sparse?["embedding_function"] as? String == "bm25")

            let lines = """
                {"id": "a", "document": "apples are red fruit", "embedding": [1, 0, 0]}
                {"id": "b", "document": "pears are green", "embedding": [0, 1, 0], \
                "sparse_embedding": {"indices": [3, 7], "values": [1.25, 0.5]}}
                """
            let added = try await CLI.run(["add", name, "--file", "-", "-o", "json"], stdin: lines)
            #expect(added.status == 0, "\(added)")
            let got = try await CLI.run(["get", name, "--id", "a", "--id", "b", "--include", "documents,sparse_embeddings", "-o", "json"])
            let vectors = try got.object()["sparse_embeddings"] as? [[String: Any]]
            #expect(vectors?.count == 2, "\(got)")
            #expect((vectors?[0]["indices"] as? [Int])?.isEmpty == false)
            #expect(vectors?[1]["indices"] as? [Int] == [3, 7])
            #expect(vectors?[1]["values"] as? [Double] == [1.25, 0.5])

            let found = try await CLI.run(["query", name, "--sparse-text", "red apples", "--consistency", "exact", "--n", "1", "-o", "json"]
            )
            #expect(found.status == 0, "\(found)")
            #expect(try found.object()["ids"] as? [[String]] == [["a"]])

            let forked = try await CLI.run(["coll", "fork", name, forkName, "-o", "json"])
            #expect(forked.status == 0, "\(forked)")
            let fork = try forked.object()
            #expect(fork["collection"] as? String == forkName)
            #expect(fork["forked_from"] as? String == name)
            #expect((fork["sparse_vector_index"] as? [String: Any])?["embedding_function"] as? String == "bm25")
            let info = try await CLI.run(["coll", "info", forkName, "-o", "json"])
            #expect((try info.object()["info"] as? [String: Any])?["count"] as? Int == 2, "\(info)")
        }

        @Test("bad sparse input is refused with a message naming it")
        func badSparseInput() async throws {
            try await CLI.withCollection { name in
                let unsorted = try await CLI.run(
                    ["add", name, "--file", "-", "-o", "json"],
                    stdin: """
                        {"id": "a", "embedding": [1, 0, 0], "sparse_embedding": {"indices": [7, 3], "values": [1, 1]}}
                        """)
                #expect(unsorted.status == 1)
                #expect((try unsorted.error()["message"] as? String)?.contains("ascending") == true, "\(unsorted)")
                let noIndex = try await CLI.run(
                    ["add", name, "--file", "-", "-o", "json"],
                    stdin: """
                        {"id": "a", "embedding": [1, 0, 0], "sparse_embedding": {"indices": [3], "values": [1]}}
                        """)
                #expect(noIndex.status == 1)
                #expect((try noIndex.error()["message"] as? String)?.contains("no sparse vector index") == true, "\(noIndex)")
                let noSparse = try await CLI.run(["query", name, "--sparse-text", "x", "-o", "json"])
                #expect(noSparse.status == 1)
                let sourceWithoutSparse = try await CLI.run(["coll", "create", CLI.uniqueName(), "--sparse-source", "title"])
                #expect(sourceWithoutSparse.status != 0)
            }
        }
    }
}
