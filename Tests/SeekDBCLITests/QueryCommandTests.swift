import Foundation
import Testing

extension CLIServerTests {
    @Suite("seekdb query and filters")
    struct QueryCommandTests {
        static let records = """
            {"id": "a", "document": "alpha word", "embedding": [1, 0, 0], "metadata": {"year": 1965, "tag": "x"}}
            {"id": "b", "document": "beta", "embedding": [0, 1, 0], "metadata": {"year": 1815}}
            {"id": "c", "document": "gamma word", "embedding": [0, 0, 1], "metadata": {"year": 2001, "tag": "y"}}
            """

        @Test("query --embedding returns pyseekdb's nested shape, nearest first, one list per query")
        func byEmbedding() async throws {
            try await CLI.withCollection { name in
                #expect(try await CLI.run(["add", name, "--file", "-"], stdin: Self.records).status == 0)
                let run = try await CLI.run([
                    "query", name, "--embedding", "[0.9, 0.1, 0]", "--embedding", "[0.1, 0, 2]", "--n", "2",
                    "--consistency", "exact", "-o", "json"
                ])
                #expect(run.status == 0, "\(run)")
                let result = try run.object()
                #expect(Set(result.keys) == ["ids", "documents", "metadatas", "distances"])
                #expect(result["ids"] as? [[String]] == [["a", "b"], ["c", "a"]])
                #expect((result["documents"] as? [[String]])?.first == ["alpha word", "beta"])
                let distances = try #require(result["distances"] as? [[Double]])
                #expect(abs(distances[1][0] - 1.01.squareRoot()) < 1e-5, "l2 distance of [0.1,0,2] to [0,0,1]")
                #expect(distances[0][0] <= distances[0][1])

                let withEmbeddings = try await CLI.run([
                    "query", name, "--embedding", "[1, 0, 0]", "--n", "1", "--include", "embeddings",
                    "--consistency", "exact", "-o", "json"
                ])
                #expect(try withEmbeddings.object() as NSDictionary == ["ids": [["a"]], "embeddings": [[[1, 0, 0]]]])

                let table = try await CLI.run(["query", name, "--embedding", "[1, 0, 0]", "--n", "3", "--consistency", "exact"])
                let lines = table.stdout.split(separator: "\n")
                #expect(lines.first?.split(separator: " ", omittingEmptySubsequences: true).first == "id")
                #expect(lines.count == 5, "\(table)")
            }
        }

        @Test("query, get and delete take --where and --where-document in pyseekdb's JSON syntax")
        func filters() async throws {
            try await CLI.withCollection { name in
                #expect(try await CLI.run(["add", name, "--file", "-"], stdin: Self.records).status == 0)
                let query = try await CLI.run([
                    "query", name, "--embedding", "[1, 0, 0]", "--where", #"{"year": {"$gte": 1900}}"#,
                    "--consistency", "exact", "-o", "json"
                ])
                #expect(try query.object()["ids"] as? [[String]] == [["a", "c"]], "\(query)")

                let get = try await CLI.run(["get", name, "--where", #"{"$and": [{"year": {"$gte": 1900}}, {"tag": "y"}]}"#, "-o", "json"])
                #expect(try get.object()["ids"] as? [String] == ["c"], "\(get)")
                let byDocument = try await CLI.run([
                    "get", name, "--where-document", #"{"$contains": "word"}"#, "--include", "", "-o", "json"
                ])
                #expect(Set(try byDocument.object()["ids"] as? [String] ?? []) == ["a", "c"], "\(byDocument)")

                let deleted = try await CLI.run(["delete", name, "--where", #"{"year": {"$lt": 1900}}"#, "-o", "json"])
                #expect(try deleted.object() as NSDictionary == ["deleted": 1], "\(deleted)")
                let left = try await CLI.run(["get", name, "--include", "", "-o", "json"])
                #expect(Set(try left.object()["ids"] as? [String] ?? []) == ["a", "c"])
            }
        }

        @Test("query --text embeds the text with the collection's embedding function")
        func byText() async throws {
            try await CLI.withCollection(embeddingFunction: true) { name in
                let records =
                    #"{"id": "s", "document": "Swift is a programming language"}"# + "\n"
                    + #"{"id": "f", "document": "Bananas are a yellow fruit"}"#
                #expect(try await CLI.run(["add", name, "--file", "-"], stdin: records).status == 0)
                let run = try await CLI.run([
                    "query", name, "--text", "fruit", "--text", "coding in swift", "--n", "1",
                    "--consistency", "read-your-writes", "-o", "json"
                ])
                #expect(run.status == 0, "\(run)")
                #expect(try run.object()["ids"] as? [[String]] == [["f"], ["s"]])
            }
        }

        @Test(
            "a bad filter is an invalidArgument error naming the filter, sent to no server",
            arguments: [
                (["get", "c", "--where", #"{"year": {"$bogus": 1}}"#], "$bogus"),
                (["delete", "c", "--where", "{not json"], "where"),
                (["query", "c", "--embedding", "[1, 2, 3]", "--where", "[1]"], "where"),
                (["get", "c", "--where-document", #"{"$nope": "x"}"#], "$nope"),
                (["query", "c", "--embedding", "[1, 2, 3]", "--text", "x"], "not both"),
                (["query", "c"], "--text"),
                (["query", "c", "--embedding", "[1, \"x\"]"], "--embedding"),
                (["delete", "c"], "--id")
            ])
        func badFilters(_ arguments: [String], _ expected: String) async throws {
            let run = try await CLI.runRaw(arguments + ["--port", "1", "-o", "json"])
            #expect(run.status == 1, "\(run)")
            #expect(try run.error()["code"] as? String == "invalidArgument", "\(run)")
            #expect((try run.error()["message"] as? String)?.contains(expected) == true, "\(run)")
        }
    }
}
