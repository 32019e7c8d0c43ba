import SeekDB
import SeekDBTesting
import Testing

@Suite(.enabled(if: TestEnvironment.isEnabled), .seekdbDatabase)
struct AdminTests {
    @Test func createGetListDeleteDatabase() async throws {
        let admin = try await SeekDBAdminClient(configuration: TestEnvironment.configuration)
        let name = TestEnvironment.uniqueName("db")
        try await admin.createDatabase(name: name)
        #expect(try await admin.getDatabase(name: name).name == name)
        #expect(try await admin.listDatabases().contains { $0.name == name })
        #expect(try await admin.listDatabases(limit: 1).count == 1)
        try await admin.deleteDatabase(name: name)
        let error = await #expect(throws: SeekDBError.self) { _ = try await admin.getDatabase(name: name) }
        #expect(error?.code == .databaseNotFound)
        let invalid = await #expect(throws: SeekDBError.self) { try await admin.createDatabase(name: "x`; DROP") }
        #expect(invalid?.code == .invalidArgument)
        await admin.close()
    }
}
