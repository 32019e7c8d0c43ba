import Foundation
import SeekDB
import SeekDBTesting
import Testing

@testable import SeekDBDriver

/// `update(ids:…, where:, whereDocument:)` and the same on `upsert`: a record is written only if
/// it still matches the condition when the statement runs.
@Suite(.enabled(if: TestEnvironment.isEnabled), .seekdbDatabase)
struct ConditionalUpdateTests {
    static func withRecords<R>(_ body: (SeekDBCollection) async throws -> R) async throws -> R {
        try await withTestCollection(dimension: 2) { _, collection in
            try await collection.add(
                ids: ["a", "b", "c"], embeddings: [[1, 1], [2, 2], [3, 3]],
                documents: ["red apples", "green pears", "red cherries"],
                metadatas: [["rev": 1, "k": "a"], ["rev": 2, "k": "b"], ["rev": 1, "k": "c"]])
            return try await body(collection)
        }
    }

    @Test func recordsThatNoLongerMatchFailTheCallAndNothingChanges() async throws {
        try await Self.withRecords { (collection: SeekDBCollection) async throws in
            for ids: IDs in [["a", "b"], ["b"]] {
                let metadatas = Metadatas(ids.values.map { _ in ["rev": 9] as Metadata })
                let error = await #expect(throws: SeekDBError.self) {
                    try await collection.update(ids: ids, metadatas: metadatas, metadataMode: .merge, where: .field("rev") == 1)
                }
                #expect(error?.code == .conditionFailed)
                #expect(error?.conflictIDs == ["b"])
                #expect(error?.message.contains("'b'") == true, "\(String(describing: error))")
            }
            let stored = try await collection.get(ids: ["a", "b"]).metadatas
            #expect(stored == [["rev": 1, "k": "a"], ["rev": 2, "k": "b"]])
        }
    }

    @Test func skipWritesTheMatchingRecordsAndReportsTheOthers() async throws {
        try await Self.withRecords { (collection: SeekDBCollection) async throws in
            let result = try await collection.update(
                ids: ["a", "b", "c", "zz"], metadatas: [["rev": 5], ["rev": 5], ["rev": 5], ["rev": 5]],
                metadataMode: .merge, where: .field("rev") == 1, missing: .skip, conflicts: .skip)
            #expect(result == UpdateResult(updatedCount: 2, skippedIDs: ["zz"], conflictIDs: ["b"]))
            let byDocument = try await collection.update(
                ids: ["a", "b"], metadatas: [["red": true], ["red": true]], metadataMode: .merge,
                whereDocument: .contains("red"), conflicts: .skip)
            #expect(byDocument == UpdateResult(updatedCount: 1, conflictIDs: ["b"]))
            #expect(
                try await collection.get(ids: ["a", "b", "c"]).metadatas
                    == [["rev": 5, "k": "a", "red": true], ["rev": 2, "k": "b"], ["rev": 5, "k": "c"]])
        }
    }

    @Test func oneRecordTellsAConflictFromAMissingID() async throws {
        try await Self.withRecords { (collection: SeekDBCollection) async throws in
            let conflict = await #expect(throws: SeekDBError.self) {
                try await collection.update(ids: "b", metadatas: ["rev": 3], where: .field("rev") == 1)
            }
            #expect(conflict?.code == .conditionFailed)
            #expect(conflict?.conflictIDs == ["b"])
            let missing = await #expect(throws: SeekDBError.self) {
                try await collection.update(ids: "zz", metadatas: ["rev": 3], where: .field("rev") == 1)
            }
            #expect(missing?.code == .recordsNotFound)
            #expect(
                try await collection.update(ids: "b", metadatas: ["rev": 3], where: .field("rev") == 1, conflicts: .skip)
                    == UpdateResult(updatedCount: 0, conflictIDs: ["b"]))
            #expect(
                try await collection.update(ids: "b", metadatas: ["rev": 3, "k": "b"], where: .field("rev") == 2)
                    == UpdateResult(updatedCount: 1))
            #expect(try await collection.get(ids: "b").metadatas == [["rev": 3, "k": "b"]])
        }
    }

    @Test func upsertChecksTheConditionOnExistingRecordsOnly() async throws {
        try await Self.withRecords { (collection: SeekDBCollection) async throws in
            let refused = await #expect(throws: SeekDBError.self) {
                try await collection.upsert(ids: ["a", "b", "new"], embeddings: [[5, 5], [5, 5], [5, 5]], where: .field("rev") == 1)
            }
            #expect(refused?.code == .conditionFailed)
            #expect(refused?.conflictIDs == ["b"])
            #expect(try await collection.count() == 3)
            let result = try await collection.upsert(
                ids: ["a", "b", "new"], embeddings: [[5, 5], [5, 5], [5, 5]],
                where: .field("rev") == 1, conflicts: .skip)
            #expect(result == UpsertResult(insertedIDs: ["new"], updatedIDs: ["a"], conflictIDs: ["b"]))
            let one = await #expect(throws: SeekDBError.self) {
                try await collection.upsert(ids: "b", embeddings: [[6, 6]], where: .field("rev") == 1)
            }
            #expect(one?.conflictIDs == ["b"])
            #expect(
                try await collection.upsert(ids: "other", embeddings: [[6, 6]], where: .field("rev") == 1)
                    == UpsertResult(insertedIDs: ["other"]))
            let read = try await collection.get(ids: ["a", "b"], include: [.embeddings])
            #expect(read.embeddings == [[5, 5], [2, 2]])
        }
    }

    /// The optimistic-concurrency recipe: read the version, write with `where: rev == read`
    /// and the next version. 16 tasks each make 5 increments on one record; none is lost.
    @Test func compareAndSetLosesNoUpdate() async throws {
        try await withTestCollection(dimension: 2) { _, collection in
            try await collection.add(ids: ["doc"], embeddings: [[1, 1]], metadatas: [["rev": 0, "count": 0]])
            let conflicts = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<16 {
                    group.addTask {
                        var lost = 0
                        var done = 0
                        while done < 5 {
                            let stored = try await collection.get(ids: "doc").metadatas?.first??["count"]
                            guard case .int(let count)? = stored else { throw SeekDBError(.decodingFailed, "no count") }
                            do {
                                try await collection.update(
                                    ids: "doc", metadatas: ["rev": .int(count + 1), "count": .int(count + 1)],
                                    metadataMode: .merge, where: .field("rev") == .int(count))
                                done += 1
                            } catch let error as SeekDBError where error.code == .conditionFailed {
                                lost += 1
                            }
                        }
                        return lost
                    }
                }
                return try await group.reduce(0, +)
            }
            #expect(try await collection.get(ids: "doc").metadatas == [["rev": 80, "count": 80]])
            #expect(conflicts > 0)
        }
    }
}
