import Foundation
import SeekDB
import SeekDBTesting
@testable import SeekDBDriver
import Testing

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
            try await collection.update(where: .field("kind") == "fruit",
                                        metadata: ["checked": true, "draft": nil, "info": ["y": nil, "z": 3]])
        }
        #expect(updated == 2)
        #expect(counter.value <= 2)    // prepare + execute: one statement
        let result = try await collection.get(ids: ["a", "b", "c", "d"], include: [.metadatas])
        #expect(result.metadatas == [
            ["kind": "fruit", "checked": true, "info": ["x": 1, "z": 3]],
            ["kind": "fruit", "checked": true, "info": ["z": 3]],
            ["kind": "berry"],
            nil,
        ])

        #expect(try await collection.update(whereDocument: .contains("red"), metadata: ["red": true]) == 2)
        #expect(try await collection.get(where: .field("red") == true, include: []).ids.sorted() == ["a", "c"])
        #expect(try await collection.update(where: .field("kind") == "none", metadata: ["x": 1]) == 0)
    }

    @Test(.seekdbDatabase) func replaceAndExplicitMatchAll() async throws {
        let collection = try await newCollection(dimension: 2)
        try await collection.add(ids: ["a", "b", "c"], embeddings: [[1, 1], [2, 2], [3, 3]],
                                 metadatas: [["n": 1, "keep": "x"], ["n": 2], nil])
        #expect(try await collection.update(where: .field("n") >= 2, metadata: ["n": 20], mode: .replace) == 1)
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
