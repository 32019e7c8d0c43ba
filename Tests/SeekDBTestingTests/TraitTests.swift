import Foundation
import SeekDB
import SeekDBTesting
import Synchronization
import Testing

@Suite("The .seekdbDatabase trait")
struct TraitTests {
    @Test(.seekdbDatabase) func givesTheTestADatabaseOfItsOwn() async throws {
        let database = try SeekDBTestDatabase.current
        #expect(database.name.hasPrefix("seekdbtest_"))
        let result = try await database.client.executeText("SELECT DATABASE()")
        #expect(result.rows.first?.first?.stringValue == database.name)
    }

    /// 50 test cases at once, each writing the same ids into a table of the same name. A plain
    /// table, not a collection: 50 collections (each a table with a vector and a full-text index)
    /// created at once load the shared test server enough to time out other suites' statements.
    /// Collections in parallel databases: the example package's `parallelTestsAreIsolated`.
    @Test(.seekdbDatabase, arguments: 0..<50)
    func parallelTestsNeverSeeEachOthersRecords(index: Int) async throws {
        let client = try SeekDBTestDatabase.current.client
        _ = try await client.executeText("CREATE TABLE notes (id VARCHAR(16) PRIMARY KEY, writer INT NOT NULL)")
        for id in ["a", "b", "c"] {
            _ = try await client.execute("INSERT INTO notes (id, writer) VALUES (?, ?)", [.string(id), .int(Int64(index))])
        }
        let rows = try await client.executeText("SELECT id, writer FROM notes ORDER BY id").rows
        #expect(rows.map { $0[0].stringValue } == ["a", "b", "c"])
        #expect(rows.allSatisfy { $0[1].intValue == Int64(index) })
    }

    @Test(.seekdbDatabase(prefix: "custom_prefix")) func takesAPrefix() throws {
        #expect(try SeekDBTestDatabase.current.name.hasPrefix("custom_prefix_"))
    }

    /// The trait on a test that never touches the client costs one create and drop, nothing more.
    @Test(.seekdbDatabase) func isHarmlessOnATestThatNeverUsesIt() {}

    @Test func usingTheDatabaseOutsideTheTraitIsAClearError() {
        #expect(!SeekDBTestDatabase.isAvailable)
        let error = #expect(throws: SeekDBTestingError.self) { try SeekDBTestDatabase.current }
        #expect(error?.description.contains("add the .seekdbDatabase trait") == true)
    }

    @Test func aBadPrefixIsAClearError() async {
        let error = await #expect(throws: SeekDBTestingError.self) {
            try await withSeekDBDatabase(prefix: "no-dashes") { _ in }
        }
        #expect(error?.description.contains("invalid database-name prefix 'no-dashes'") == true)
    }
}

/// On a suite, the trait makes one database that every test of the suite shares.
@Suite(.seekdbDatabase)
struct SuiteDatabaseTests {
    static let seen = Mutex<Set<String>>([])

    @Test func first() throws { try record() }
    @Test func second() throws { try record() }

    private func record() throws {
        let name = try SeekDBTestDatabase.current.name
        let names = Self.seen.withLock {
            $0.insert(name)
            return $0
        }
        #expect(names == [name])
    }
}
