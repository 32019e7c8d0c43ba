import Foundation
import Testing

extension CLIServerTests {
    @Suite("seekdb update, upsert")
    struct UpdateCommandTests {
        static let records = """
            {"id": "a", "document": "A", "embedding": [1, 2, 3], "metadata": {"k": 1, "j": 2}}
            {"id": "b", "document": "B", "embedding": [1, 1, 1], "metadata": {"m": "x"}}
            """

        /// Records a, b and c (those that exist, in that order) with every field, as a JSON object.
        static func all(_ name: String) async throws -> [String: Any] {
            try await CLI.run([
                "get", name, "--id", "a", "--id", "b", "--id", "c", "--include", "documents,metadatas,embeddings",
                "-o", "json"
            ]).object()
        }

        @Test("update --file changes only the fields a line gives; metadata is replaced")
        func updateReplace() async throws {
            try await CLI.withCollection { name in
                #expect(try await CLI.run(["add", name, "--file", "-"], stdin: Self.records).status == 0)
                let changes = #"{"id": "a", "metadata": {"z": 3}}"# + "\n" + #"{"id": "b", "embedding": [4, 5, 6]}"#
                let run = try await CLI.run(["update", name, "--file", "-", "-o", "json"], stdin: changes)
                #expect(run.status == 0, "\(run)")
                #expect(try run.object() as NSDictionary == ["updated": 2, "skipped": [String]()])
                let records = try await Self.all(name)
                #expect(records["ids"] as? [String] == ["a", "b"])
                #expect(records["documents"] as? [String] == ["A", "B"])
                #expect(records["metadatas"] as? [NSDictionary] == [["z": 3], ["m": "x"]])
                #expect(records["embeddings"] as? [[Double]] == [[1, 2, 3], [4, 5, 6]])
            }
        }

        @Test("update and upsert --skip-equal-embeddings leave equal vectors unwritten and list them as unchanged")
        func skipEqualEmbeddings() async throws {
            try await CLI.withCollection { name in
                #expect(try await CLI.run(["add", name, "--file", "-"], stdin: Self.records).status == 0)
                let changes = #"{"id": "a", "embedding": [1, 2, 3]}"# + "\n" + #"{"id": "b", "embedding": [4, 5, 6]}"#
                let run = try await CLI.run(["update", name, "--file", "-", "--skip-equal-embeddings", "-o", "json"], stdin: changes)
                #expect(run.status == 0, "\(run)")
                #expect(try run.object() as NSDictionary == ["updated": 2, "skipped": [String](), "unchanged": ["a"]])
                let upsert = #"{"id": "b", "embedding": [4, 5, 6]}"# + "\n" + #"{"id": "c", "embedding": [7, 8, 9]}"#
                let upserted = try await CLI.run(["upsert", name, "--file", "-", "--skip-equal-embeddings", "-o", "json"], stdin: upsert)
                #expect(upserted.status == 0, "\(upserted)")
                #expect(try upserted.object() as NSDictionary == ["inserted": ["c"], "updated": ["b"], "unchanged": ["b"]])
                #expect(try await Self.all(name)["embeddings"] as? [[Double]] == [[1, 2, 3], [4, 5, 6], [7, 8, 9]])
            }
        }

        @Test("update --merge applies metadata as a merge patch: null removes a key, other keys stay")
        func updateMerge() async throws {
            try await CLI.withCollection { name in
                #expect(try await CLI.run(["add", name, "--file", "-"], stdin: Self.records).status == 0)
                let run = try await CLI.run(
                    ["update", name, "--file", "-", "--merge", "-o", "json"],
                    stdin: #"{"id": "a", "metadata": {"k": null, "z": 3}}"#)
                #expect(try run.object()["updated"] as? Int == 1, "\(run)")
                #expect((try await Self.all(name)["metadatas"] as? [NSDictionary])?.first == ["j": 2, "z": 3])
            }
        }

        @Test("update --if writes only records that still match; a conflict fails and changes nothing, --skip-conflicts reports it")
        func conditionalUpdate() async throws {
            try await CLI.withCollection { name in
                #expect(try await CLI.run(["add", name, "--file", "-"], stdin: Self.records).status == 0)
                let changes = #"{"id": "a", "metadata": {"k": 2}}"# + "\n" + #"{"id": "b", "metadata": {"k": 2}}"#
                let failed = try await CLI.run(
                    ["update", name, "--file", "-", "--merge", "--if", #"{"k": 1}"#, "-o", "json"], stdin: changes)
                #expect(failed.status == 1, "\(failed)")
                let error = try failed.error()
                #expect(error["code"] as? String == "conditionFailed")
                #expect((error["message"] as? String)?.contains("'b'") == true, "\(error)")
                #expect((try await Self.all(name)["metadatas"] as? [NSDictionary]) == [["k": 1, "j": 2], ["m": "x"]], "nothing changed")

                let skipped = try await CLI.run(
                    [
                        "update", name, "--file", "-", "--merge", "--if", #"{"k": 1}"#, "--skip-conflicts",
                        "-o", "json"
                    ], stdin: changes)
                #expect(skipped.status == 0, "\(skipped)")
                #expect(try skipped.object() as NSDictionary == ["updated": 1, "skipped": [String](), "conflicts": ["b"]])
                let one = try await CLI.run([
                    "update", name, "--id", "a", "--metadata", #"{"k": 3}"#, "--merge",
                    "--if-document", #"{"$contains": "A"}"#, "-o", "json"
                ])
                #expect(try one.object() as NSDictionary == ["updated": 1, "skipped": [String](), "conflicts": [String]()], "\(one)")
                #expect((try await Self.all(name)["metadatas"] as? [NSDictionary]) == [["k": 3, "j": 2], ["m": "x"]])
            }
        }

        @Test("update --where sets metadata on every match; --dry-run writes nothing; --returning prints the records")
        func updateByFilter() async throws {
            try await CLI.withCollection { name in
                #expect(try await CLI.run(["add", name, "--file", "-"], stdin: Self.records).status == 0)
                let preview = try await CLI.run([
                    "update", name, "--where", #"{"k": {"$gte": 1}}"#, "--metadata", #"{"seen": true}"#,
                    "--merge", "--dry-run", "-o", "json"
                ])
                #expect(preview.status == 0, "\(preview)")
                #expect(try preview.object() as NSDictionary == ["matched": 1, "ids": ["a"]])
                #expect((try await Self.all(name)["metadatas"] as? [NSDictionary]) == [["k": 1, "j": 2], ["m": "x"]], "nothing written")

                let done = try await CLI.run([
                    "update", name, "--where-document", #"{"$contains": "B"}"#, "--metadata", #"{"seen": true}"#,
                    "--merge", "--returning", "--include", "metadatas", "-o", "json"
                ])
                #expect(done.status == 0, "\(done)")
                let object = try done.object()
                #expect(object["updated"] as? Int == 1 && object["ids"] as? [String] == ["b"], "\(done)")
                #expect((object["records"] as? [String: Any])?["metadatas"] as? [NSDictionary] == [["m": "x", "seen": true]])
                // Without --merge the metadata is replaced, as with --id.
                let replaced = try await CLI.run(["update", name, "--where", #"{"seen": true}"#, "--metadata", #"{"r": 1}"#, "-o", "json"])
                #expect(try replaced.object() as NSDictionary == ["updated": 1, "ids": ["b"]], "\(replaced)")
                #expect((try await Self.all(name)["metadatas"] as? [NSDictionary]) == [["k": 1, "j": 2], ["r": 1]])
            }
        }

        @Test("update of a missing record fails with recordsNotFound and changes nothing; --skip-missing reports it")
        func missingRecord() async throws {
            try await CLI.withCollection { name in
                #expect(try await CLI.run(["add", name, "--file", "-"], stdin: Self.records).status == 0)
                let changes = #"{"id": "a", "metadata": {"new": 1}}"# + "\n" + #"{"id": "ghost", "metadata": {"new": 2}}"#
                let failed = try await CLI.run(["update", name, "--file", "-", "-o", "json"], stdin: changes)
                #expect(failed.status == 1)
                #expect(failed.stdout.isEmpty)
                let error = try failed.error()
                #expect(error["code"] as? String == "recordsNotFound")
                #expect((error["message"] as? String)?.contains("'ghost'") == true)
                #expect(error["serverErrorNumber"] is NSNull)
                #expect((try await Self.all(name)["metadatas"] as? [NSDictionary])?.first == ["k": 1, "j": 2], "nothing changed")

                let text = try await CLI.run(["update", name, "--id", "ghost", "--metadata", "{}"])
                #expect(text.status == 1)
                #expect(text.stderr.hasPrefix("seekdb: recordsNotFound: "), "\(text)")

                let skipped = try await CLI.run(["update", name, "--file", "-", "--skip-missing", "-o", "json"], stdin: changes)
                #expect(skipped.status == 0, "\(skipped)")
                #expect(try skipped.object() as NSDictionary == ["updated": 1, "skipped": ["ghost"]])
                #expect((try await Self.all(name)["metadatas"] as? [NSDictionary])?.first == ["new": 1])
            }
        }

        @Test("update --id changes one record from options; the table output says how many")
        func oneRecord() async throws {
            try await CLI.withCollection { name in
                #expect(try await CLI.run(["add", name, "--file", "-"], stdin: Self.records).status == 0)
                let run = try await CLI.run([
                    "update", name, "--id", "b", "--document", "B2", "--metadata", #"{"m": null, "n": 1.5}"#,
                    "--embedding", "[7, 8, 9]", "--merge"
                ])
                #expect(run.status == 0, "\(run)")
                #expect(run.stdout == "Updated 1 record in \(name)\n")
                let records = try await Self.all(name)
                #expect(records["documents"] as? [String] == ["A", "B2"])
                #expect((records["metadatas"] as? [NSDictionary])?.last == ["n": 1.5])
                #expect((records["embeddings"] as? [[Double]])?.last == [7, 8, 9])
            }
        }

        @Test(
            "update and upsert reject null fields, mixed --file and --id, and bad option JSON, before connecting",
            arguments: [
                (["update", "c", "--file", "-"], #"{"id": "a", "document": null}"#, #"line 1: "document" is null; leave the field out"#),
                (["upsert", "c", "--file", "-"], "\n" + #"{"id": "a", "metadata": null}"#, #"line 2: "metadata" is null"#),
                (["update", "c", "--file", "-", "--id", "a"], "", "give either --file or --id"),
                (["update", "c"], "", "give either --file or --id"),
                (["update", "c", "--file", "-", "--document", "x"], "{\"id\": \"a\"}", "go with --id"),
                (["update", "c", "--id", "a", "--metadata", "[1]"], "", "--metadata: expected a JSON object"),
                (["update", "c", "--id", "a", "--embedding", "[1, \"x\"]"], "", "--embedding: expected a JSON array of numbers"),
                (["update", "c", "--id", "a", "--embedding", "[1,"], "", "--embedding: invalid JSON"),
                (["update", "c", "--where", #"{"k": 1}"#], "", "need --metadata"),
                (["update", "c", "--where", #"{"k": 1}"#, "--id", "a", "--metadata", "{}"], "", "give only --metadata"),
                (["update", "c", "--where", #"{"k": 1}"#, "--metadata", "[1]"], "", "--metadata: expected a JSON object"),
                (["update", "c", "--id", "a", "--metadata", "{}", "--dry-run"], "", "--dry-run goes with --where")
            ])
        func badInput(_ arguments: [String], _ stdin: String, _ expected: String) async throws {
            let run = try await CLI.runRaw(arguments + ["--port", "1", "-o", "json"], stdin: stdin)
            #expect(run.status == 1, "\(run)")
            #expect(try run.error()["code"] as? String == "invalidArgument")
            #expect((try run.error()["message"] as? String)?.contains(expected) == true, "\(run)")
        }

        @Test("upsert inserts new ids and updates existing ones, keeping the fields a line leaves out")
        func upsert() async throws {
            try await CLI.withCollection { name in
                #expect(try await CLI.run(["add", name, "--file", "-"], stdin: Self.records).status == 0)
                let changes =
                    #"{"id": "c", "embedding": [0, 0, 1], "metadata": {"new": true}}"# + "\n" + #"{"id": "b", "metadata": {"q": 1}}"#
                let run = try await CLI.run(["upsert", name, "--file", "-", "-o", "json"], stdin: changes)
                #expect(run.status == 0, "\(run)")
                #expect(try run.object() as NSDictionary == ["inserted": ["c"], "updated": ["b"]])
                let records = try await Self.all(name)
                #expect(records["ids"] as? [String] == ["a", "b", "c"])
                #expect(records["documents"] as? [NSObject] == ["A" as NSString, "B" as NSString, NSNull()])
                #expect(records["metadatas"] as? [NSDictionary] == [["k": 1, "j": 2], ["q": 1], ["new": true]])
                #expect(records["embeddings"] as? [[Double]] == [[1, 2, 3], [1, 1, 1], [0, 0, 1]])

                let merged = try await CLI.run(["upsert", name, "--file", "-", "--merge"], stdin: #"{"id": "a", "metadata": {"j": null}}"#)
                #expect(merged.stdout == "Upserted into \(name): 0 inserted, 1 updated\n", "\(merged)")
                #expect((try await Self.all(name)["metadatas"] as? [NSDictionary])?.first == ["k": 1])

                let noVector = try await CLI.run(
                    ["upsert", name, "--file", "-", "-o", "json"], stdin: #"{"id": "d", "metadata": {"x": 1}}"#)
                #expect(noVector.status == 1)
                #expect(try noVector.error()["code"] as? String == "invalidArgument")
                #expect((try noVector.error()["message"] as? String)?.contains("'d'") == true, "\(noVector)")
            }
        }

        @Test("--returning on update and upsert prints the records after the write, in get's shape")
        func returningRecords() async throws {
            try await CLI.withCollection { name in
                #expect(try await CLI.run(["add", name, "--file", "-"], stdin: Self.records).status == 0)
                let updated = try await CLI.run([
                    "update", name, "--id", "a", "--metadata", #"{"j": null, "n": 5}"#, "--merge",
                    "--returning", "--include", "metadatas,embeddings", "-o", "json"
                ])
                #expect(updated.status == 0, "\(updated)")
                let records = try #require(try updated.object()["records"] as? [String: Any], "\(updated)")
                #expect(records["ids"] as? [String] == ["a"])
                #expect(records["metadatas"] as? [NSDictionary] == [["k": 1, "n": 5]])
                #expect(records["embeddings"] as? [[Double]] == [[1, 2, 3]])
                #expect(records["documents"] == nil, "only the --include fields")

                let lines = #"{"id": "c", "embedding": [0, 0, 1], "document": "C"}"# + "\n" + #"{"id": "b", "metadata": {"q": 1}}"#
                let upserted = try await CLI.run(["upsert", name, "--file", "-", "--returning", "-o", "json"], stdin: lines)
                #expect(upserted.status == 0, "\(upserted)")
                let object = try upserted.object()
                #expect(object["inserted"] as? [String] == ["c"] && object["updated"] as? [String] == ["b"], "\(upserted)")
                let after = try #require(object["records"] as? [String: Any])
                #expect(after["ids"] as? [String] == ["c", "b"], "in the order of the lines")
                #expect(after["documents"] as? [String] == ["C", "B"])
                #expect(after["metadatas"] as? [NSDictionary] == [[:], ["q": 1]], "as get prints a record without metadata")

                // Without -o json the records follow the summary line as get prints them.
                let table = try await CLI.run(["update", name, "--id", "b", "--metadata", #"{"t": "zz9"}"#, "--returning"])
                #expect(table.status == 0, "\(table)")
                #expect(table.stdout.hasPrefix("Updated 1 record in \(name)\n") && table.stdout.contains("zz9"), "\(table)")
            }
        }

        @Test("update and upsert re-embed new documents with the collection's embedding function")
        func reembed() async throws {
            try await CLI.withCollection(embeddingFunction: true) { name in
                #expect(try await CLI.run(["add", name, "--file", "-"], stdin: #"{"id": "a", "document": "old text"}"#).status == 0)
                #expect(try await CLI.run(["update", name, "--id", "a", "--document", "a new text about search"]).status == 0)
                #expect(
                    try await CLI.run(["upsert", name, "--file", "-"], stdin: #"{"id": "b", "document": "vector databases"}"#).status == 0)
                let stored = try await CLI.run(["get", name, "--id", "a", "--id", "b", "--include", "embeddings", "-o", "json"])
                let vectors = try #require(try stored.object()["embeddings"] as? [[Double]])
                let expected = try await CLI.runRaw(["embed"], stdin: #""a new text about search""# + "\n" + #""vector databases""#)
                let reference = expected.stdout.split(separator: "\n").compactMap {
                    try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [Double]
                }
                try #require(reference.count == 2, "\(expected)")
                #expect(cosine(vectors[0], reference[0]) > 0.9999)
                #expect(cosine(vectors[1], reference[1]) > 0.9999)
            }
        }
    }
}
