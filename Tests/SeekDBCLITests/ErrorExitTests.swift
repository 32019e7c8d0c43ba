import Foundation
import SeekDBTesting
import Testing

extension CLIServerTests {
    @Suite("seekdb error exits")
    struct ErrorExitTests {
        @Test(
            "a collection that does not exist: exit 1, collectionNotFound on stderr, nothing on stdout",
            arguments: [
                ["get", "%"], ["delete", "%", "--id", "a"], ["add", "%", "--file", "-"], ["collections", "info", "%"],
                ["collections", "delete", "%"]
            ])
        func missingCollection(_ template: [String]) async throws {
            let name = CLI.uniqueName("missing")
            let arguments = template.map { $0 == "%" ? name : $0 }
            let json = try await CLI.run(arguments + ["-o", "json"], stdin: #"{"id": "a", "embedding": [1, 2, 3]}"#)
            #expect(json.status == 1, "\(json)")
            #expect(json.stdout.isEmpty)
            let error = try json.error()
            #expect(error["code"] as? String == "collectionNotFound")
            #expect((error["message"] as? String)?.contains(name) == true)
            #expect(error["serverErrorNumber"] is NSNull)

            let text = try await CLI.run(arguments, stdin: #"{"id": "a", "embedding": [1, 2, 3]}"#)
            #expect(text.status == 1)
            #expect(text.stderr == "seekdb: collectionNotFound: collection '\(name)' does not exist\n")
        }

        @Test(
            "bad JSON lines fail before connecting, naming the line",
            arguments: [
                ("{\"id\": \"a\", \"embedding\": [1, 2, 3]}\n{\"id\": \"b\", \"embedding\": [1, 2", "line 2: invalid JSON"),
                ("\n\n[1, 2, 3]", "line 3: expected a JSON object"),
                (#"{"id": "a", "documnet": "typo"}"#, #"line 1: unknown field "documnet""#),
                (#"{"id": 7, "document": "x"}"#, #"line 1: "id" must be given as a string"#),
                (#"{"document": "x"}"#, #"line 1: "id" must be given as a string"#),
                (#"{"id": "a", "embedding": [1, "2", 3]}"#, #"line 1: "embedding" must be an array of numbers or null"#),
                (#"{"id": "a", "metadata": [1]}"#, #"line 1: "metadata" must be an object or null"#),
                (#"{"id": "a", "document": 5}"#, #"line 1: "document" must be a string or null"#),
                ("\n  \n", "has no records")
            ])
        func badJSONLines(_ input: String, _ expected: String) async throws {
            // Port 1 has no server: a connection attempt would fail with connectionFailed instead.
            let run = try await CLI.runRaw(["add", "anything", "--file", "-", "--port", "1", "-o", "json"], stdin: input)
            #expect(run.status == 1, "\(run)")
            let error = try run.error()
            #expect(error["code"] as? String == "invalidArgument")
            #expect((error["message"] as? String)?.contains(expected) == true, "\(run)")
            #expect(error["serverErrorNumber"] is NSNull)
        }

        @Test("bad records are rejected as a whole: nothing of the file is added")
        func atomicAdd() async throws {
            try await CLI.withCollection { name in
                #expect(try await CLI.run(["add", name, "--file", "-"], stdin: #"{"id": "a", "embedding": [1, 2, 3]}"#).status == 0)

                let duplicate = try await CLI.run(
                    ["add", name, "--file", "-", "-o", "json"],
                    stdin: #"{"id": "new", "embedding": [1, 1, 1]}"# + "\n" + #"{"id": "a", "embedding": [2, 2, 2]}"#)
                #expect(duplicate.status == 1)
                #expect(try duplicate.error()["code"] as? String == "duplicateKey")
                #expect(try duplicate.error()["serverErrorNumber"] as? Int == 1062)

                let dimension = try await CLI.run(
                    ["add", name, "--file", "-", "-o", "json"],
                    stdin: #"{"id": "new", "embedding": [1, 1, 1]}"# + "\n" + #"{"id": "short", "embedding": [2, 2]}"#)
                #expect(dimension.status == 1)
                #expect(try dimension.error()["code"] as? String == "dimensionMismatch")
                #expect((try dimension.error()["message"] as? String)?.contains("short") == true)

                let noEmbedding = try await CLI.run(
                    ["add", name, "--file", "-", "-o", "json"], stdin: #"{"id": "doc", "document": "text"}"#)
                #expect(noEmbedding.status == 1)
                #expect(try noEmbedding.error()["code"] as? String == "invalidArgument")
                #expect((try noEmbedding.error()["message"] as? String)?.contains("no embedding function") == true)

                let ids = try await CLI.run(["get", name, "--include", "", "-o", "json"])
                #expect(try ids.object()["ids"] as? [String] == ["a"])
            }
        }

        @Test("a user with only SELECT reads, but add, update, upsert, delete and collection changes fail with permissionDenied (1142)")
        func permissionDenied() async throws {
            try await CLI.withCollection { name in
                #expect(try await CLI.run(["add", name, "--file", "-"], stdin: #"{"id": "a", "embedding": [1, 2, 3]}"#).status == 0)
                let user = CLI.uniqueName("ro")
                let database = try SeekDBTestDatabase.current.name
                let created = try await CLI.runUserDDL("CREATE USER '\(user)' IDENTIFIED BY 'secret_1'")
                try #require(created.status == 0, "\(created)")
                do {
                    let granted = try await CLI.run(["sql", "GRANT SELECT ON `\(database)`.* TO '\(user)'"])
                    try #require(granted.status == 0, "\(granted)")
                    let asReader = ["--user", user, "--password", "secret_1"]

                    let read = try await CLI.run(["get", name, "-o", "json"] + asReader)
                    #expect(read.status == 0, "\(read)")
                    #expect(try read.object()["ids"] as? [String] == ["a"])

                    for command in [
                        ["add", name, "--file", "-"], ["delete", name, "--id", "a"], ["collections", "delete", name],
                        ["update", name, "--id", "a", "--metadata", "{}"], ["upsert", name, "--file", "-"],
                        ["collections", "create", CLI.uniqueName(), "--dimension", "3", "--no-embedding-function"]
                    ] {
                        let denied = try await CLI.run(command + ["-o", "json"] + asReader, stdin: #"{"id": "b", "embedding": [1, 2, 3]}"#)
                        #expect(denied.status == 1, "\(command): \(denied)")
                        let error = try denied.error()
                        #expect(error["code"] as? String == "permissionDenied", "\(command)")
                        #expect(error["serverErrorNumber"] as? Int == 1142, "\(command)")
                        #expect((error["message"] as? String)?.contains(user) == true, "\(command)")
                    }
                    let text = try await CLI.run(["delete", name, "--id", "a"] + asReader)
                    #expect(text.stderr.hasPrefix("seekdb: permissionDenied (server error 1142): DELETE privilege denied"), "\(text)")

                    // SEEKDB_PASSWORD is the password when --password is not given.
                    let fromEnvironment = try await CLI.run(
                        ["get", name, "-o", "json", "--user", user],
                        environment: ["SEEKDB_PASSWORD": "secret_1"])
                    #expect(fromEnvironment.status == 0, "\(fromEnvironment)")
                    let wrong = try await CLI.run(["get", name, "-o", "json", "--user", user, "--password", "wrong"])
                    #expect(try wrong.error()["code"] as? String == "authenticationFailed")
                    #expect(try wrong.error()["serverErrorNumber"] as? Int == 1045)
                } catch {
                    _ = try? await CLI.runUserDDL("DROP USER '\(user)'")
                    throw error
                }
                let dropped = try await CLI.runUserDDL("DROP USER '\(user)'")
                #expect(dropped.status == 0, "\(dropped)")
                let ids = try await CLI.run(["get", name, "--include", "", "-o", "json"])
                #expect(try ids.object()["ids"] as? [String] == ["a"])
            }
        }

        @Test("sql reports the server's error number for a bad statement")
        func sqlError() async throws {
            let run = try await CLI.run(["sql", "SELEC 1", "-o", "json"])
            #expect(run.status == 1)
            #expect(try run.error()["code"] as? String == "server")
            #expect(try run.error()["serverErrorNumber"] as? Int == 1064)
            let text = try await CLI.run(["sql", "SELECT * FROM no_such_table_here"])
            #expect(text.status == 1)
            #expect(text.stderr.hasPrefix("seekdb: unknownTable (server error 1146): "), "\(text)")
        }

        @Test("option errors: an unknown --include field, delete without ids, a missing argument")
        func optionErrors() async throws {
            try await CLI.withCollection { name in
                let include = try await CLI.run(["get", name, "--include", "documents,distance", "-o", "json"])
                #expect(include.status == 1)
                #expect(try include.error()["code"] as? String == "invalidArgument")
                #expect((try include.error()["message"] as? String)?.contains("'distance'") == true)

                let noIDs = try await CLI.run(["delete", name, "-o", "json"])
                #expect(noIDs.status == 1)
                #expect((try noIDs.error()["message"] as? String)?.contains("--id") == true)
            }
            let usage = try await CLI.runRaw(["get"])
            #expect(usage.status == 64, "\(usage)")
            #expect(usage.stderr.contains("Missing expected argument '<collection>'"))
        }
    }
}
