import Foundation
import SeekDB
import SeekDBTesting
import Testing

@testable import SeekDBDriver

@Suite(.enabled(if: TestEnvironment.isEnabled), .seekdbDatabase)
struct CollectionTests {
    @Test(.seekdbDatabase) func createGetListHasDelete() async throws {
        let client = try SeekDBTestDatabase.current.client
        let name = TestEnvironment.uniqueName("Coll")
        let created = try await client.createCollection(
            name: name, configuration: .init(dimension: 5, distance: .innerProduct, m: 32, efConstruction: 300, efSearch: 100),
            embeddingFunction: nil)
        #expect(created.dimension == 5)
        #expect(created.id?.count == 32)

        let fetched = try await client.getCollection(name: name.uppercased(), embeddingFunction: nil)
        #expect(fetched.id == created.id)
        #expect(fetched.name == name)
        #expect(fetched.dimension == 5)
        #expect(fetched.distance == .innerProduct)
        #expect(try await client.hasCollection(name: name.lowercased()))

        let listed = try await client.listCollections()
        let entry = try #require(listed.first { $0.name == name })
        #expect(entry.dimension == 5)
        #expect(entry.distance == .innerProduct)
        #expect(try await client.countCollections() == listed.count)

        let ddl = try await client.executeText("SHOW CREATE TABLE `c$v2$\(created.id!)`").rows.first?[1].stringValue ?? ""
        #expect(ddl.contains("M=32") && ddl.contains("EF_CONSTRUCTION=300") && ddl.contains("EF_SEARCH=100"))

        await #expect(throws: SeekDBError.self) {
            _ = try await client.createCollection(name: name, configuration: .init(dimension: 5), embeddingFunction: nil)
        }
        try await client.deleteCollection(name: name)
        #expect(try await !client.hasCollection(name: name))
        let notFound = await #expect(throws: SeekDBError.self) {
            _ = try await client.getCollection(name: name, embeddingFunction: nil)
        }
        #expect(notFound?.code == .collectionNotFound)
    }

    @Test(.seekdbDatabase) func listingTakesAConstantNumberOfStatements() async throws {
        let client = try SeekDBTestDatabase.current.client
        let names = (0..<3).map { _ in TestEnvironment.uniqueName("list") }
        for name in names {
            _ = try await client.createCollection(name: name, configuration: .init(dimension: 2), embeddingFunction: nil)
        }
        let small = StatementCounter()
        let listed = try await StatementTracing.$counter.withValue(small) { try await client.listCollections() }
        let more = TestEnvironment.uniqueName("list")
        _ = try await client.createCollection(name: more, configuration: .init(dimension: 2), embeddingFunction: nil)
        let large = StatementCounter()
        let relisted = try await StatementTracing.$counter.withValue(large) { try await client.listCollections() }
        #expect(relisted.count == listed.count + 1)
        #expect(small.value == large.value, "listing sent \(small.value) then \(large.value) statements")
        #expect(large.value <= 3)
        for name in names + [more] { try await client.deleteCollection(name: name) }
    }

    @Test func invalidNamesAreRejectedBeforeAnySQL() async throws {
        try await withTestClient { client in
            let counter = StatementCounter()
            for bad in ["", "bad-name", "a b", "x'; DROP TABLE t; --", String(repeating: "a", count: 513), "ümlaut"] {
                let error = await StatementTracing.$counter.withValue(counter) {
                    await #expect(throws: SeekDBError.self) {
                        _ = try await client.createCollection(name: bad, configuration: .init(dimension: 3), embeddingFunction: nil)
                    }
                }
                #expect(error?.code == .invalidArgument)
            }
            let error = await StatementTracing.$counter.withValue(counter) {
                await #expect(throws: SeekDBError.self) {
                    _ = try await client.createCollection(name: "ok", configuration: .init(dimension: 0), embeddingFunction: nil)
                }
            }
            #expect(error?.code == .invalidArgument)
            #expect(counter.value == 0)
        }
    }

    @Test func getOrCreateIsSafeWhenClientsRace() async throws {
        let name = TestEnvironment.uniqueName("race")
        let ids = try await withThrowingTaskGroup(of: String?.self) { group in
            for _ in 0..<4 {
                group.addTask {
                    try await withTestClient { client in
                        try await client.getOrCreateCollection(name: name, configuration: .init(dimension: 3), embeddingFunction: nil).id
                    }
                }
            }
            var ids: [String?] = []
            for try await id in group { ids.append(id) }
            return ids
        }
        #expect(Set(ids).count == 1)
        try await withTestClient { client in
            #expect(try await client.listCollections().filter { $0.name == name }.count == 1)
            try await client.deleteCollection(name: name)
        }
    }

    /// Every client finds the catalog missing and creates it at the same moment; each create
    /// must still see the catalog afterwards (seekdb can answer `CREATE TABLE IF NOT EXISTS`
    /// before another session's table is visible). A few new databases, for more chances.
    @Test func clientsCreatingTheFirstCollectionsOfANewDatabaseAtOnceAllSucceed() async throws {
        for _ in 0..<3 {
            try await withSeekDBDatabase { database in
                let names = (0..<3).map { _ in TestEnvironment.uniqueName("first") }
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for name in names {
                        group.addTask {
                            try await SeekDBClient.withClient(configuration: database.configuration) { client in
                                _ = try await client.createCollection(
                                    name: name, configuration: .init(dimension: 3), embeddingFunction: nil)
                            }
                        }
                    }
                    try await group.waitForAll()
                }
                #expect(Set(try await database.client.listCollections().map(\.name)) == Set(names))
            }
        }
    }

    @Test func legacyV1CollectionsAreRead() async throws {
        try await withTestClient { client in
            let name = TestEnvironment.uniqueName("legacy")
            _ = try await client.executeText(
                """
                CREATE TABLE `c$v1$\(name)` (_id varbinary(512) PRIMARY KEY NOT NULL, document string, embedding vector(2),
                metadata json, VECTOR INDEX idx_vec (embedding) WITH (DISTANCE=l2, TYPE=hnsw, LIB=vsag)) ORGANIZATION = HEAP
                """)
            let collection = try await client.getCollection(name: name, embeddingFunction: nil)
            #expect(collection.id == nil)
            #expect(collection.dimension == 2)
            #expect(collection.distance == .l2)
            try await collection.add(ids: ["x"], embeddings: [[1, 2]])
            #expect(try await collection.count() == 1)
            #expect(try await client.listCollections().contains { $0.name == name && $0.id == nil })
            try await client.deleteCollection(name: name)
            #expect(try await !client.hasCollection(name: name))
        }
    }
}
