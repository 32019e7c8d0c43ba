import ArgumentParser
import Foundation
import Testing

@testable import SeekDBCLI

extension CLIServerTests {
    @Suite("seekdb ids that start with -, and --ids-file")
    struct DashIDTests {
        /// Records `-abc`, `-5`, `plain` and `x y` (with a space), 3-d.
        static let records = """
            {"id": "-abc", "document": "dash", "embedding": [1, 0, 0]}
            {"id": "-5", "document": "negative", "embedding": [0, 1, 0]}
            {"id": "plain", "document": "plain", "embedding": [0, 0, 1]}
            {"id": " padded ", "document": "padded", "embedding": [1, 1, 1]}
            """

        /// Writes `text` to a temporary file and returns its path.
        static func file(_ text: String) throws -> String {
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("\(CLI.uniqueName("ids")).txt").path
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
            return path
        }

        @Test("get --id -abc, --id=-abc, --id -5 and --id=-5 find the records; the next option still parses")
        func getDashIDs() async throws {
            try await CLI.withCollection { name in
                #expect(try await CLI.run(["add", name, "--file", "-"], stdin: Self.records).status == 0)
                let spaced = try await CLI.run(["get", name, "--id", "-abc", "--id", "-5", "-o", "json"])
                #expect(spaced.status == 0, "\(spaced)")
                #expect(try spaced.object()["ids"] as? [String] == ["-abc", "-5"])
                #expect(try spaced.object()["documents"] as? [String] == ["dash", "negative"])

                let joined = try await CLI.run(["get", name, "--id=-5", "--id=-abc", "-o", "json"])
                #expect(try joined.object()["ids"] as? [String] == ["-5", "-abc"], "\(joined)")

                let negative = try await CLI.run(["get", name, "--id", "-5", "--include", "", "-o", "json"])
                #expect(try negative.object() as NSDictionary == ["ids": ["-5"]], "\(negative)")
            }
        }

        @Test("delete --id -abc and update --id -5 --document -text act on those records")
        func deleteAndUpdateDashIDs() async throws {
            try await CLI.withCollection { name in
                #expect(try await CLI.run(["add", name, "--file", "-"], stdin: Self.records).status == 0)
                let updated = try await CLI.run([
                    "update", name, "--id", "-5", "--document", "-minus five", "--embedding", "[0, 2, 0]", "-o", "json"
                ])
                #expect(updated.status == 0, "\(updated)")
                #expect(try updated.object() as NSDictionary == ["updated": 1, "skipped": []])
                let deleted = try await CLI.run(["delete", name, "--id", "-abc", "-o", "json"])
                #expect(try deleted.object() as NSDictionary == ["deleted": 1], "\(deleted)")

                let rest = try await CLI.run(["get", name, "--id", "-abc", "--id", "-5", "-o", "json"])
                #expect(try rest.object()["ids"] as? [String] == ["-5"], "\(rest)")
                #expect(try rest.object()["documents"] as? [String] == ["-minus five"])
            }
        }

        @Test("--ids-file reads plain and JSON-string lines, from a file or stdin, for get, update and delete")
        func idsFile() async throws {
            try await CLI.withCollection { name in
                #expect(try await CLI.run(["add", name, "--file", "-"], stdin: Self.records).status == 0)
                let path = try Self.file("-abc\r\n\n\" padded \"\n-5\n")
                defer { try? FileManager.default.removeItem(atPath: path) }

                let got = try await CLI.run(["get", name, "--id", "plain", "--ids-file", path, "-o", "json"])
                #expect(got.status == 0, "\(got)")
                #expect(
                    try got.object()["ids"] as? [String] == ["plain", "-abc", " padded ", "-5"], "--id first, then the file's ids in order")

                let updated = try await CLI.run(
                    ["update", name, "--ids-file", "-", "--metadata", #"{"tag": 1}"#, "-o", "json"],
                    stdin: "-5\n\"plain\"\n")
                #expect(try updated.object() as NSDictionary == ["updated": 2, "skipped": []], "\(updated)")
                let tagged = try await CLI.run(["get", name, "--where", #"{"tag": 1}"#, "--include", "", "-o", "json"])
                #expect(Set(try tagged.object()["ids"] as? [String] ?? []) == ["-5", "plain"], "\(tagged)")

                let deleted = try await CLI.run(["delete", name, "--ids-file", path, "-o", "json"])
                #expect(try deleted.object() as NSDictionary == ["deleted": 3], "\(deleted)")
                let left = try await CLI.run(["get", name, "--include", "", "-o", "json"])
                #expect(try left.object()["ids"] as? [String] == ["plain"])
            }
        }

        @Test(
            "a bad --ids-file is an invalidArgument naming the line, before connecting",
            arguments: [
                (["get", "c", "--ids-file", "-"], "a\n b\n", "line 2 of stdin has leading or trailing blanks"),
                (["delete", "c", "--ids-file", "-"], "\"unterminated\n", "line 1 of stdin starts with \" but is not a JSON string"),
                (["get", "c", "--ids-file", "-"], "\n\n", "stdin has no ids"),
                (["update", "c", "--ids-file", "-", "--id", "a"], "a\n", "give either --file or --id"),
                (["get", "c", "--ids-file", "/nonexistent/ids.txt"], "", "cannot read '/nonexistent/ids.txt'")
            ])
        func badIDsFile(_ arguments: [String], _ stdin: String, _ expected: String) async throws {
            let run = try await CLI.runRaw(arguments + ["--port", "1", "-o", "json"], stdin: stdin)
            #expect(run.status == 1, "\(run)")
            #expect(try run.error()["code"] as? String == "invalidArgument")
            #expect((try run.error()["message"] as? String)?.contains(expected) == true, "\(run)")
        }
    }
}

@Suite("--ids-file lines")
struct IDsFileTests {
    @Test("plain lines are ids as written; a line starting with \" is a JSON string")
    func lines() throws {
        let lines = try JSONLinesInput.lines(of: Array("-abc\r\n\n\"a\\nb\"\n\"\\\"q\"\n-5\n".utf8), source: "test")
        #expect(try lines.map { try IDsFile.id($0, source: "test") } == ["-abc", "a\nb", "\"q", "-5"])
    }

    @Test("every option whose value may start with - takes it as the value")
    func dashValues() throws {
        let get = try GetCommand.parse(["c", "--id", "-abc", "--id", "-5", "--limit", "-1", "--offset", "-2"])
        #expect(get.ids.ids == ["-abc", "-5"])
        #expect(get.limit == -1 && get.offset == -2)
        let update = try UpdateCommand.parse(["c", "--id", "-x", "--document", "-text", "-p", "-secret", "--user", "-u", "-d", "-db"])
        #expect(update.id == "-x" && update.document == "-text")
        #expect(update.connection.password == "-secret" && update.connection.user == "-u" && update.connection.database == "-db")
        let query = try QueryCommand.parse(["c", "--text", "-10 degrees", "--n", "-3"])
        #expect(query.texts == ["-10 degrees"] && query.nResults == -3)
        let delete = try DeleteCommand.parse(["c", "--ids-file", "-ids.txt"])
        #expect(delete.ids.idsFile == "-ids.txt")
    }
}
