import Foundation
import Testing

extension CLIServerTests {
    @Suite("seekdb db")
    struct DatabaseCommandTests {
        @Test("db create, list, use and delete")
        func lifecycle() async throws {
            let name = CLI.uniqueName("clidb")
            let created = try await CLI.run(["db", "create", name, "-o", "json"])
            #expect(created.status == 0, "\(created)")
            #expect(try created.object()["database"] as? String == name)
            #expect(try created.object()["created"] as? Bool == true)

            let listed = try await CLI.run(["db", "list", "-o", "json"])
            let rows = try #require(try listed.json() as? [[String: Any]], "\(listed)")
            let row = try #require(rows.first { $0["name"] as? String == name })
            #expect(row["tenant"] as? String == "sys")
            #expect(rows.contains { $0["name"] as? String == "information_schema" })

            // The new database is usable with -d: it has no collections yet.
            let collections = try await CLI.run(["collections", "list", "-o", "json"], database: name)
            #expect(collections.status == 0, "\(collections)")
            #expect(try collections.json() as? [Any] != nil && (try collections.json() as? [Any])?.isEmpty == true)

            let table = try await CLI.run(["db", "list"])
            #expect(table.stdout.hasPrefix("name"))
            #expect(table.stdout.contains(name))

            let deleted = try await CLI.run(["db", "delete", name, "-o", "json"])
            #expect(deleted.status == 0, "\(deleted)")
            #expect(try deleted.object()["deleted"] as? Bool == true)
            let after = try await CLI.run(["db", "list", "-o", "json"])
            #expect(!after.stdout.contains("\"\(name)\""))

            let missing = try await CLI.run(["collections", "list", "-o", "json"], database: name)
            #expect(missing.status == 1)
            #expect(try missing.error()["code"] as? String == "databaseNotFound")
            #expect(try missing.error()["serverErrorNumber"] as? Int == 1049)
        }

        @Test("db create rejects a name that is not an identifier, before connecting to a database")
        func invalidName() async throws {
            let run = try await CLI.run(["db", "create", "bad-name", "-o", "json"])
            #expect(run.status == 1)
            #expect(try run.error()["code"] as? String == "invalidArgument")
            #expect(try run.error()["serverErrorNumber"] is NSNull)
            #expect(run.stdout.isEmpty)
        }
    }
}
