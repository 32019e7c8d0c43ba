import Foundation
import SeekDB
import SeekDBTesting
import Testing

@testable import SeekDBDriver

/// `returning:` on `update(ids:)` and `upsert`: the records as they are after the write, read in
/// the same transaction, in the order given, without the skipped and conflicting ids.
@Suite(.enabled(if: TestEnvironment.isEnabled), .seekdbDatabase)
struct ReturningTests {
    @Test func updateReturnsTheRecordsAfterTheWrite() async throws {
        try await withTestCollection(dimension: 2) { _, collection in
            try await collection.add(
                ids: ["a", "b", "c"], embeddings: [[1, 1], [2, 2], [3, 3]], documents: ["A", "B", "C"],
                metadatas: [["k": 1, "rev": 1], ["k": 2, "rev": 1], ["k": 3, "rev": 2]])
            let result = try await collection.update(
                ids: ["c", "zz", "a", "b"], metadatas: [["rev": 3], ["rev": 0], ["rev": 2], ["rev": 2]],
                metadataMode: .merge, where: .field("rev") == 1, missing: .skip, conflicts: .skip,
                returning: [.documents, .metadatas, .embeddings])
            #expect(result.updatedCount == 2 && result.skippedIDs == ["zz"] && result.conflictIDs == ["c"])
            let records = try #require(result.records)
            #expect(records.ids == ["a", "b"], "the updated records, in the order given")
            #expect(records.documents == ["A", "B"])
            #expect(records.metadatas == [["k": 1, "rev": 2], ["k": 2, "rev": 2]], "merged on the server")
            #expect(records.embeddings == [[1, 1], [2, 2]])

            // One record: read back in the same transaction (a transaction instead of one statement).
            let counter = StatementCounter()
            let one = try await StatementTracing.$counter.withValue(counter) {
                try await collection.update(ids: "a", embeddings: [[5, 5]], documents: "A2", returning: .documents)
            }
            #expect(one.records?.ids == ["a"] && one.records?.documents == ["A2"] && one.records?.metadatas == nil)
            #expect(counter.executedSQL.first == "START TRANSACTION" && counter.executedSQL.last == "COMMIT", "\(counter.executedSQL)")
            // Without returning: no records and still one statement.
            #expect(try await collection.update(ids: "a", metadatas: ["k": 9]).records == nil)
            // The plain-value and record overloads pass returning: on.
            let id = "b"
            let ids = ["a", "b"]
            #expect(try await collection.update(ids: id, metadatas: ["k": 8], returning: .metadatas).records?.metadatas == [["k": 8]])
            #expect(try await collection.update(ids: ids, metadatas: [["k": 9], ["k": 7]], returning: .metadatas).records?.ids == ids)
            let record = try await collection.upsert(RecordInput(id: "b", metadata: ["k": 6]), returning: .metadatas)
            #expect(record.records?.metadatas == [["k": 6]])
        }
    }

    @Test func serverSideValuesComeBack() async throws {
        try await withTestCollection(dimension: 2) { _, collection in
            let stamped = try collection.with(timestampKey: "updated_at")
            try await stamped.add(ids: ["a", "b"], embeddings: [[1, 1], [2, 2]], metadatas: [["n": 1], ["n": 2]])
            let result = try await stamped.update(
                ids: ["a", "b"], metadatas: [["n": 10], ["n": 20]], metadataMode: .merge,
                returning: .metadatas)
            let metadatas = try #require(result.records?.metadatas)
            #expect(metadatas.map { $0?["n"] } == [.int(10), .int(20)])
            let stored = try await collection.get(ids: ["a", "b"], include: .metadatas).metadatas
            #expect(metadatas == stored, "the server's timestamp, as stored")
            #expect(metadatas.allSatisfy { $0?["updated_at"] != nil })
        }
    }

    @Test func upsertReturnsInsertedAndUpdatedRecords() async throws {
        try await withTestCollection(dimension: 2) { _, collection in
            try await collection.add(ids: ["a", "b"], embeddings: [[1, 1], [2, 2]], metadatas: [["v": 1], ["v": 2]])
            let result = try await collection.upsert(
                ids: ["new", "b", "a"], embeddings: [[9, 9], nil, nil],
                metadatas: [["v": 0], ["w": 1], ["w": 1]], metadataMode: .merge,
                where: .field("v") == 2, conflicts: .skip, returning: [.metadatas, .embeddings])
            #expect(result.insertedIDs == ["new"] && result.updatedIDs == ["b"] && result.conflictIDs == ["a"])
            let records = try #require(result.records)
            #expect(records.ids == ["new", "b"])
            #expect(records.metadatas == [["v": 0], ["v": 2, "w": 1]])
            #expect(records.embeddings == [[9, 9], [2, 2]])
            #expect(records.documents == nil)

            let one = try await collection.upsert(ids: "one", embeddings: [[4, 4]], documents: "doc", returning: .default)
            #expect(one.insertedIDs == ["one"] && one.records?.ids == ["one"] && one.records?.documents == ["doc"])
        }
    }

    @Test func badReturningFieldsAndFailedCallsWriteNothing() async throws {
        try await withTestCollection(dimension: 2) { _, collection in
            try await collection.add(ids: ["a"], embeddings: [[1, 1]], metadatas: [["v": 1]])
            let counter = StatementCounter()
            let error = await #expect(throws: SeekDBError.self) {
                try await StatementTracing.$counter.withValue(counter) {
                    try await collection.update(ids: "a", metadatas: ["v": 2], returning: .sparseEmbeddings)
                }
            }
            #expect(error?.code == .invalidArgument && counter.value == 0, "refused before any SQL: \(String(describing: error))")
            let missing = await #expect(throws: SeekDBError.self) {
                try await collection.update(ids: ["a", "zz"], metadatas: [["v": 2], ["v": 3]], returning: .metadatas)
            }
            #expect(missing?.code == .recordsNotFound)
            #expect(try await collection.get(ids: "a").metadatas == [["v": 1]], "nothing changed")
        }
    }
}
