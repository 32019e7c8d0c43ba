import Foundation
import SeekDB
import SeekDBTesting
import Testing

@testable import SeekDBDriver

/// Every statement the SDK sends that finds records by id must use the primary key, whatever
/// the size of the collection. Checked by the server's plan, not by timing: each by-id call is
/// run with its statements recorded, then each statement is explained (`EXPLAIN` with the same
/// SQL and the same bound values, so the same parameter types) and its plan must get or range
/// over `_id`, never scan the table.
@Suite(.enabled(if: TestEnvironment.isEnabled), .seekdbDatabase)
struct PrimaryKeyPlanTests {
    @Test func everyByIDStatementIsAPrimaryKeyLookup() async throws {
        try await withTestCollection(dimension: 4, embeddingFunction: LetterCountEmbedding()) { client, collection in
            let ids = (0..<300).map { "id\($0)" }
            let vectors: [[Float]] = ids.map { _ in [1, 2, 3, 4] }
            let metadatas: [Metadata] = ids.indices.map { ["n": .int(Int64($0))] }
            try await collection.add(
                ids: IDs(ids), embeddings: Embeddings(vectors), documents: Documents(ids.map { "doc \($0)" }),
                metadatas: Metadatas(metadatas))
            let calls: [(String, @Sendable () async throws -> Void)] = [
                ("get one", { _ = try await collection.get(ids: "id1") }),
                ("get many", { _ = try await collection.get(ids: ["id1", "id2", "id3"]) }),
                ("get with where", { _ = try await collection.get(ids: ["id1", "id2"], where: .field("n") >= 1) }),
                ("get with whereDocument", { _ = try await collection.get(ids: "id1", whereDocument: .contains("doc")) }),
                ("update one, metadata", { try await collection.update(ids: "id4", metadatas: ["n": 4]) }),
                ("update one, merge", { try await collection.update(ids: "id4", metadatas: ["m": 1], metadataMode: .merge) }),
                ("update one, embedding", { try await collection.update(ids: "id4", embeddings: [[3, 4, 5, 6]]) }),
                ("update one, document", { try await collection.update(ids: "id4", documents: "new text") }),
                ("update one, conditional", { try await collection.update(ids: "id4", metadatas: ["n": 4], where: .field("n") == 4) }),
                (
                    "update many, conditional",
                    {
                        try await collection.update(ids: ["id5", "id6"], metadatas: [["n": 5], ["n": 6]], where: .field("n") >= 0)
                    }
                ),
                (
                    "upsert many, conditional",
                    {
                        try await collection.upsert(
                            ids: ["id16", "new3"], embeddings: [[1, 1, 1, 1], [2, 2, 2, 2]], where: .field("n") >= 0)
                    }
                ),
                ("update many", { try await collection.update(ids: ["id5", "id6"], metadatas: [["n": 5], ["n": 6]]) }),
                (
                    "update many, embeddings",
                    {
                        try await collection.update(ids: ["id5", "id6", "id7"], embeddings: [[1, 2, 3, 4], [6, 6, 6, 6], [1, 2, 3, 4]])
                    }
                ),
                (
                    "update many, equal embeddings skipped",
                    {
                        try await collection.update(
                            ids: ["id5", "id6", "id7"], embeddings: [[1, 2, 3, 4], [6, 6, 6, 6], [1, 2, 3, 4]],
                            equalEmbeddings: .skip)
                    }
                ),
                (
                    "upsert many, equal embeddings skipped",
                    {
                        try await collection.upsert(
                            ids: ["id17", "new5"], embeddings: [[1, 2, 3, 4], [2, 2, 2, 2]], equalEmbeddings: .skip)
                    }
                ),
                ("update with returning", { try await collection.update(ids: "id5", metadatas: ["n": 5], returning: .default) }),
                (
                    "upsert with returning",
                    {
                        try await collection.upsert(
                            ids: ["id6", "new4"], embeddings: [[1, 1, 1, 1], [2, 2, 2, 2]],
                            returning: .default)
                    }
                ),
                (
                    "update with a missing id",
                    {
                        try await collection.update(ids: ["id7", "nope"], metadatas: [["n": 7], ["n": 0]], missing: .skip)
                    }
                ),
                (
                    "update, mixed fields",
                    {
                        try await collection.update(
                            ids: ["id8", "id9"], documents: [nil, "nine"],
                            metadatas: [["n": 8], nil])
                    }
                ),
                ("upsert one, existing", { try await collection.upsert(ids: "id10", metadatas: ["n": 10]) }),
                ("upsert one, new", { try await collection.upsert(ids: "new1", embeddings: [[1, 1, 1, 1]]) }),
                ("upsert many", { try await collection.upsert(ids: ["id11", "new2"], embeddings: [[1, 1, 1, 1], [2, 2, 2, 2]]) }),
                ("delete one", { try await collection.delete(ids: "id12") }),
                ("delete many", { try await collection.delete(ids: ["id13", "id14"]) }),
                ("delete with where", { try await collection.delete(ids: ["id15"], where: .field("n") == 15) })
            ]
            var checked = 0
            for (call, body) in calls {
                let counter = StatementCounter()
                try await StatementTracing.$counter.withValue(counter) { try await body() }
                let byID = counter.executedStatements.filter { $0.sql.contains("_id") }
                #expect(!byID.isEmpty, "\(call) sent no statement with an id")
                for statement in byID {
                    let plan = try await client.execute("EXPLAIN " + statement.sql, statement.parameters).rows
                        .compactMap { $0.first?.stringValue }.joined(separator: "\n")
                    let operators = PlanOperators(plan)
                    #expect(!operators.scansATable, "\(call): \(statement.sql)\n\(plan)")
                    if !statement.sql.hasPrefix("INSERT") {
                        #expect(operators.readsThePrimaryKey, "\(call): \(statement.sql)\n\(plan)")
                    }
                    checked += 1
                }
            }
            #expect(checked >= calls.count)
        }
    }

    @Test func oneRecordWritesAreOneAutocommitStatement() async throws {
        try await withTestCollection(dimension: 2) { _, collection in
            try await collection.add(ids: ["a", "b"], embeddings: [[1, 1], [2, 2]], metadatas: [["v": 1], ["v": 2]])
            func statements(_ body: () async throws -> Void) async throws -> [String] {
                let counter = StatementCounter()
                try await StatementTracing.$counter.withValue(counter) { try await body() }
                return counter.executedSQL
            }
            let update = try await statements { try await collection.update(ids: "a", metadatas: ["v": 10]) }
            #expect(update.count == 1 && update[0].hasPrefix("UPDATE"), "\(update)")
            let merge = try await statements { try await collection.update(ids: "a", metadatas: ["w": 1], metadataMode: .merge) }
            #expect(merge.count == 1 && merge[0].hasPrefix("UPDATE"), "\(merge)")
            let upsertExisting = try await statements { try await collection.upsert(ids: "b", metadatas: ["v": 20]) }
            #expect(upsertExisting.count == 1 && upsertExisting[0].hasPrefix("UPDATE"), "\(upsertExisting)")
            let upsertNew = try await statements { try await collection.upsert(ids: "c", embeddings: [[3, 3]], metadatas: ["v": 3]) }
            #expect(upsertNew.map { String($0.prefix(6)) } == ["UPDATE", "INSERT"], "\(upsertNew)")
            let delete = try await statements { try await collection.delete(ids: "c") }
            #expect(delete.count == 1 && delete[0].hasPrefix("DELETE"), "\(delete)")

            let read = try await collection.get(ids: ["a", "b", "c"])
            #expect(read.ids == ["a", "b"])
            #expect(read.metadatas == [["v": 10, "w": 1], ["v": 20]])
        }
    }

    @Test func aOneRecordUpdateOfAMissingIDChangesNothing() async throws {
        try await withTestCollection(dimension: 2) { _, collection in
            try await collection.add(ids: ["a"], embeddings: [[1, 1]], metadatas: [["v": 1]])
            let error = await #expect(throws: SeekDBError.self) { try await collection.update(ids: "zz", metadatas: ["v": 2]) }
            #expect(error?.code == .recordsNotFound)
            #expect(error?.missingIDs == ["zz"])
            let skipped = try await collection.update(ids: "zz", metadatas: ["v": 2], missing: .skip)
            #expect(skipped == UpdateResult(updatedCount: 0, skippedIDs: ["zz"]))
            let refused = await #expect(throws: SeekDBError.self) { try await collection.upsert(ids: "zz", metadatas: ["v": 2]) }
            #expect(refused?.code == .invalidArgument)
            #expect(refused?.message.contains("'zz') is new") == true, "\(String(describing: refused))")
            #expect(try await collection.count() == 1)
            #expect(try await collection.get(ids: "a").metadatas == [["v": 1]])
        }
    }

    @Test func upsertsOfOneNewIDFromManyTasksInsertItOnce() async throws {
        try await withTestCollection(dimension: 2) { _, collection in
            let results = try await withThrowingTaskGroup(of: UpsertResult.self) { group in
                for task in 0..<8 {
                    group.addTask {
                        try await collection.upsert(ids: "shared", embeddings: [[Float(task), 1]], metadatas: ["t": .int(Int64(task))])
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(results.filter { $0.insertedIDs == ["shared"] }.count == 1)
            #expect(results.filter { $0.updatedIDs == ["shared"] }.count == 7)
            #expect(try await collection.count() == 1)
        }
    }
}

/// The operator lines of a plan as seekdb's `EXPLAIN` prints them
/// (`|1 |└─TABLE GET |t(_id)|1 |106 |`).
private struct PlanOperators {
    let operators: [(name: String, object: String)]

    init(_ plan: String) {
        operators = plan.split(separator: "\n").compactMap { line in
            let cells = line.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count > 3, Int(cells[1]) != nil else { return nil }
            let name = cells[2].drop { !$0.isLetter }
            return (String(name), cells[3])
        }
    }

    /// A full scan of any table.
    var scansATable: Bool { operators.contains { $0.name.hasPrefix("TABLE FULL SCAN") } }

    /// A get or range scan through the `_id` key.
    var readsThePrimaryKey: Bool {
        operators.contains { ($0.name.hasPrefix("TABLE GET") || $0.name.hasPrefix("TABLE RANGE SCAN")) && $0.object.hasSuffix("(_id)") }
    }
}
