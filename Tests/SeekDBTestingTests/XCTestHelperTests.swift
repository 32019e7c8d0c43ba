import SeekDB
import SeekDBTesting
import XCTest

/// `withSeekDBDatabase` gives XCTest tests what the trait gives Swift Testing tests.
final class XCTestHelperTests: XCTestCase {
    func testGivesTheTestADatabaseOfItsOwn() async throws {
        let name = try await withSeekDBDatabase { database in
            XCTAssertEqual(try SeekDBTestDatabase.current.name, database.name)
            let collection = try await database.client.createCollection(
                name: "notes", records: [FixtureRecord(id: "a", document: "x", embedding: [1, 2, 3])])
            let snapshot = try await collection.snapshot()
            XCTAssertEqual(snapshot.ids, ["a"])
            return database.name
        }
        XCTAssertTrue(name.hasPrefix("seekdbtest_"))
        XCTAssertThrowsError(try SeekDBTestDatabase.current)
    }
}
