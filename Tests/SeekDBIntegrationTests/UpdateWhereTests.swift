import Foundation
import SeekDB
import SeekDBTesting
import Testing

@testable import SeekDBDriver

/// `update(where:…)`: one statement changing the metadata of every matching record.
@Suite(.enabled(if: TestEnvironment.isEnabled))
struct UpdateWhereTests {
    @Test(.seekdbDatabase) func mergePatchesEveryMatchingRecordAndReturnsTheCount() async throws {
        let collection = try await newCollection(dimension: 2)
        try await collection.add(
            ids: ["a", "b", "c", "d"], embeddings: [[1, 1], [2, 2], [3, 3], [4, 4]],
            documents: ["red apple", "green pear", "red cherry", nil],
            metadatas: [["kind": "fruit", "draft": true, "info": ["x": 1, "y": 2]], ["kind": "fruit"], ["kind": "berry"], nil])
        let counter = StatementCounter()
        let updated = try await StatementTracing.$counter.withValue(counter) {
            try await collection.update(
                where: .field("kind") == "fruit",
                metadata: ["checked": true, "draft": nil, "info": ["y": nil, "z": 3]])
        }
        #expect(updated == 2)
        #expect(counter.value <= 2)  // prepare + execute: one statement
        let result = try await collection.get(ids: ["a", "b", "c", "d"], include: [.metadatas])
        #expect(
            result.metadatas == [
                ["kind": "fruit", "checked": true, "info": ["x": 1, "z": 3]],
                ["kind": "fruit", "checked": true, "info": ["z": 3]],
                ["kind": "berry"],
                nil
            ])

        #expect(try await collection.update(whereDocument: .contains("red"), metadata: ["red": true]) == 2)
        #expect(try await collection.get(where: .field("red") == true, include: []).ids.sorted() == ["a", "c"])
        #expect(try await collection.update(where: .field("kind") == "none", metadata: ["x": 1]) == 0)
    }

    @Test(.seekdbDatabase) func replaceAndExplicitMatchAll() async throws {
        let collection = try await newCollection(dimension: 2)
        try await collection.add(
            ids: ["a", "b", "c"], embeddings: [[1, 1], [2, 2], [3, 3]],
            metadatas: [["n": 1, "keep": "x"], ["n": 2], nil])
        #expect(try await collection.update(where: .field("n") >= 2, metadata: ["n": 20], metadataMode: .replace) == 1)
        #expect(try await collection.get(ids: "b", include: [.metadatas]).metadatas == [["n": 20]])
        #expect(try await collection.update(where: .all, metadata: ["batch": 7]) == 3)
        let all = try await collection.get(ids: ["a", "b", "c"], include: [.metadatas])
        #expect(all.metadatas == [["n": 1, "keep": "x", "batch": 7], ["n": 20, "batch": 7], ["batch": 7]])
    }

    @Test(.seekdbDatabase) func aCallWithoutFilterOrWithBadInputSendsNothing() async throws {
        let collection = try await newCollection(dimension: 2)
        try await collection.add(ids: ["a"], embeddings: [[1, 1]], metadatas: [["n": 1]])
        let counter = StatementCounter()
        await StatementTracing.$counter.withValue(counter) {
            await expectInvalid { try await collection.update(metadata: ["n": 2]) }
            await expectInvalid { try await collection.update(where: .field("n") == 1, metadata: ["n": .double(.nan)]) }
            await expectInvalid { try await collection.update(where: .equal("", 1), metadata: ["n": 2]) }
        }
        #expect(counter.value == 0)
        #expect(try await collection.get(ids: "a", include: [.metadatas]).metadatas == [["n": 1]])
    }

    /// A collection without an embedding function in the test's own database (`.seekdbDatabase`).
    private func newCollection(dimension: Int) async throws -> SeekDBCollection {
        try await SeekDBTestDatabase.current.client.createCollection(
            name: "records", configuration: .init(dimension: dimension, distance: .l2), embeddingFunction: nil)
    }
}

/// `update(where:…, dryRun:, returning:)`: which records a bulk update changes.
@Suite(.enabled(if: TestEnvironment.isEnabled))
struct UpdateWhereResultTests {
    @Test(.seekdbDatabase) func aDryRunListsTheRecordsAndWritesNothing() async throws {
        let collection = try await newCollection(dimension: 2)
        try await collection.add(
            ids: ["c", "a", "b"], embeddings: [[1, 1], [2, 2], [3, 3]],
            metadatas: [["year": 1850], ["year": 1990], ["year": 1800]])
        let counter = StatementCounter()
        let preview = try await StatementTracing.$counter.withValue(counter) {
            try await collection.update(where: .field("year") < 1900, metadata: ["archived": true], dryRun: true, returning: [.metadatas])
        }
        #expect(preview.isDryRun)
        #expect(preview.ids == ["b", "c"])
        #expect(preview.matchedCount == 2)
        #expect(preview.records?.ids == ["b", "c"])
        #expect(preview.records?.metadatas == [["year": 1800], ["year": 1850]])
        #expect(!counter.executedSQL.contains { $0.hasPrefix("UPDATE") })
        #expect(try await collection.get(where: .field("archived") == true, include: []).ids.isEmpty)
    }

    @Test(.seekdbDatabase) func returningReadsTheRecordsAfterTheWrite() async throws {
        let collection = try await newCollection(dimension: 2)
        try await collection.add(
            ids: ["a", "b", "c"], embeddings: [[1, 1], [2, 2], [3, 3]],
            documents: ["x", "y", "z"], metadatas: [["n": 1], ["n": 2], ["n": 3]])
        // The patch changes the field the filter reads: the result still names the records it changed.
        let done = try await collection.update(where: .field("n") >= 2, metadata: ["n": 0], returning: [.metadatas, .documents])
        #expect(!done.isDryRun)
        #expect(done.ids == ["b", "c"])
        #expect(done.records?.metadatas == [["n": 0], ["n": 0]])
        #expect(done.records?.documents == ["y", "z"])
        #expect(try await collection.get(where: .field("n") == 0, include: []).ids.sorted() == ["b", "c"])
        let none = try await collection.update(where: .field("n") == 99, metadata: ["n": 1], returning: [])
        #expect(none.ids.isEmpty && none.records?.ids == [])
    }

    @Test(.seekdbDatabase) func moreMatchesThanOneStatementCarriesAreUpdatedInOneTransaction() async throws {
        let collection = try await newCollection(dimension: 2)
        let ids = (0..<6_000).map { String(format: "r%05d", $0) }
        try await collection.add(
            ids: IDs(ids), embeddings: Embeddings(ids.map { _ in [1, 1] }), metadatas: Metadatas(ids.map { _ in ["v": 1] }))
        let counter = StatementCounter()
        let result = try await StatementTracing.$counter.withValue(counter) {
            try await collection.update(where: .field("v") == 1, metadata: ["v": 2], returning: [.metadatas])
        }
        #expect(result.ids == ids)
        #expect(result.records?.metadatas?.allSatisfy { $0 == ["v": 2] } == true)
        #expect(counter.executedSQL.filter { $0.hasPrefix("UPDATE") }.count == 2)
        #expect(counter.executedSQL.first == "START TRANSACTION" && counter.executedSQL.last == "COMMIT")
        #expect(try await collection.count() == 6_000)
        #expect(try await collection.get(where: .field("v") == 2, limit: 10_000, include: []).ids.count == 6_000)
    }

    @Test(.seekdbDatabase) func badInputIsRefusedBeforeAnySQL() async throws {
        let collection = try await newCollection(dimension: 2)
        let counter = StatementCounter()
        await StatementTracing.$counter.withValue(counter) {
            await #expect(throws: SeekDBError.self) { try await collection.update(metadata: ["x": 1], dryRun: true) }
            await #expect(throws: SeekDBError.self) {
                try await collection.update(where: .all, metadata: ["x": .double(.nan)], returning: [.metadatas])
            }
        }
        #expect(counter.value == 0)
    }

    private func newCollection(dimension: Int) async throws -> SeekDBCollection {
        try await SeekDBTestDatabase.current.client.createCollection(
            name: "records", configuration: .init(dimension: dimension, distance: .l2), embeddingFunction: nil)
    }
}
