import Foundation
import SeekDB
import SeekDBTesting
import Testing

@testable import SeekDBDriver

@Suite(.enabled(if: TestEnvironment.isEnabled), .seekdbDatabase)
struct UpdateTests {
    @Test func singleIDChangesOnlyTheGivenField() async throws {
        try await withTestCollection(dimension: 4, embeddingFunction: LetterCountEmbedding()) { _, collection in
            try await collection.add(
                ids: ["a", "b"], embeddings: [[1, 1, 1, 1], [2, 2, 2, 2]],
                documents: ["doc a", "doc b"], metadatas: [["k": 1], ["k": 2]])
            let result = try await collection.update(ids: "a", metadatas: ["k": 10, "new": "yes"])
            #expect(result == UpdateResult(updatedCount: 1))

            let read = try await collection.get(ids: ["a", "b"], include: [.documents, .metadatas, .embeddings])
            #expect(read.documents == ["doc a", "doc b"])
            #expect(read.metadatas == [["k": 10, "new": "yes"], ["k": 2]])
            #expect(read.embeddings == [[1, 1, 1, 1], [2, 2, 2, 2]])
        }
    }

    @Test func listFormWithPerRecordNilLeavesThoseFieldsAlone() async throws {
        try await withTestCollection(dimension: 4, embeddingFunction: LetterCountEmbedding()) { _, collection in
            try await collection.add(
                ids: ["a", "b", "c"], embeddings: [[1, 1, 1, 1], [2, 2, 2, 2], [3, 3, 3, 3]],
                documents: ["doc a", "doc b", "doc c"], metadatas: [["k": 1], ["k": 2], ["k": 3]])
            let result = try await collection.update(
                ids: ["a", "b", "c"],
                embeddings: [[5, 5, 5, 5], nil, nil],
                documents: [nil, "bbbb", nil],
                metadatas: [nil, nil, ["k": 30]])
            #expect(result.updatedCount == 3)

            let read = try await collection.get(ids: ["a", "b", "c"], include: [.documents, .metadatas, .embeddings])
            #expect(read.documents == ["doc a", "bbbb", "doc c"])
            #expect(read.metadatas == [["k": 1], ["k": 2], ["k": 30]])
            // b's document alone was given: its embedding was recomputed by the collection's function.
            #expect(read.embeddings == [[5, 5, 5, 5], [0, 4, 0, 0], [3, 3, 3, 3]])
        }
    }

    @Test func replaceAndMergeMetadata() async throws {
        try await withTestCollection(dimension: 2) { _, collection in
            let original: Metadata = ["keep": "x", "drop": 1, "nested": ["p": 1, "q": 2]]
            try await collection.add(
                ids: ["r", "m", "empty"], embeddings: [[1, 1], [2, 2], [3, 3]],
                metadatas: [original, original, nil])
            try await collection.update(ids: "r", metadatas: ["b": 5])
            try await collection.update(
                ids: ["m", "empty"],
                metadatas: [["drop": nil, "nested": ["p": 9], "new": true], ["a": ["b": nil, "c": 1]]],
                metadataMode: .merge)

            let read = try await collection.get(ids: ["r", "m", "empty"], include: .metadatas)
            #expect(read.metadatas?[0] == ["b": 5])
            #expect(read.metadatas?[1] == ["keep": "x", "nested": ["p": 9, "q": 2], "new": true])
            // Merging into no metadata starts from {}; a null inside a new object is dropped (RFC 7396).
            #expect(read.metadatas?[2] == ["a": ["c": 1]])
        }
    }

    @Test func oneMissingIDAmongAThousandChangesNothingUnlessSkipped() async throws {
        try await withTestCollection(dimension: 16) { client, collection in
            let ids = (0..<1_000).map { "rec-\($0)" }
            let missingID = ids[617]
            let existing = ids.filter { $0 != missingID }
            try await collection.add(
                ids: IDs(existing),
                embeddings: Embeddings(existing.indices.map { i in (0..<16).map { Float(i * 16 + $0) } }),
                documents: Documents(existing.map { "document of \($0)" }),
                metadatas: Metadatas(existing.map { ["id": .string($0), "version": 1] }))
            let snapshotSQL = "SELECT _id, document, metadata, embedding FROM `c$v2$\(collection.id!)` ORDER BY _id"
            let before = try await client.execute(snapshotSQL).rows

            let newEmbeddings = Embeddings(ids.map { _ in [Float](repeating: 0.5, count: 16) })
            let newMetadatas = Metadatas(ids.map { _ in ["version": 2] as Metadata })
            let error = await #expect(throws: SeekDBError.self) {
                try await collection.update(ids: IDs(ids), embeddings: newEmbeddings, metadatas: newMetadatas)
            }
            #expect(error?.code == .recordsNotFound)
            #expect(error?.missingIDs == [missingID])
            #expect(error?.message.contains("'\(missingID)'") == true)
            #expect(try await client.execute(snapshotSQL).rows == before)

            let result = try await collection.update(ids: IDs(ids), embeddings: newEmbeddings, metadatas: newMetadatas, missing: .skip)
            #expect(result == UpdateResult(updatedCount: 999, skippedIDs: [missingID]))
            let after = try await collection.get(ids: IDs(existing), include: [.metadatas, .embeddings, .documents])
            #expect(after.count == 999)
            #expect(after.metadatas?.allSatisfy { $0 == ["version": 2] } == true)
            #expect(after.embeddings?.allSatisfy { $0 == [Float](repeating: 0.5, count: 16) } == true)
            #expect(after.documents == existing.map { "document of \($0)" })
            #expect(try await collection.count() == 999)
        }
    }

    @Test func existingRecordsAreUpdatedWithoutAnExistenceCheckEvenWhenNothingChanges() async throws {
        try await withTestCollection(dimension: 4) { _, collection in
            let ids = (0..<600).map { "r\($0)" }  // two statements of the 500-row chunker
            try await collection.add(
                ids: IDs(ids), embeddings: Embeddings(ids.map { _ in [1, 2, 3, 4] }),
                metadatas: Metadatas(ids.map { ["v": .string($0)] }))

            // The same values again: the server matches every row though it changes none, so the
            // optimistic write is enough and no row lock query is sent.
            let counter = StatementCounter()
            let same = try await StatementTracing.$counter.withValue(counter) {
                try await collection.update(ids: IDs(ids), metadatas: Metadatas(ids.map { ["v": .string($0)] }))
            }
            #expect(same == UpdateResult(updatedCount: 600))
            #expect(!counter.executedSQL.contains { $0.contains("FOR UPDATE") }, "\(counter.executedSQL)")
            #expect(counter.executedSQL.filter { $0.hasPrefix("UPDATE") }.count == 2)
            #expect(counter.executedSQL.last == "COMMIT")

            // One id missing from the second statement: that write is rolled back and the call
            // runs again, checking the ids with row locks first.
            let withMissing = ids + ["absent"]
            let retried = StatementCounter()
            let skipped = try await StatementTracing.$counter.withValue(retried) {
                try await collection.update(
                    ids: IDs(withMissing), metadatas: Metadatas(withMissing.map { _ in ["v": "new"] }),
                    missing: .skip)
            }
            #expect(skipped == UpdateResult(updatedCount: 600, skippedIDs: ["absent"]))
            let statements = retried.executedSQL
            #expect(statements.contains("ROLLBACK"), "\(statements)")
            #expect(statements.contains { $0.contains("FOR UPDATE") })
            #expect(statements.last == "COMMIT")
            let read = try await collection.get(ids: IDs(ids), include: [.metadatas])
            #expect(read.metadatas?.allSatisfy { $0 == ["v": "new"] } == true)
        }
    }

    @Test func longAndUnusualValuesRoundTripThroughTheBatchedStatement() async throws {
        try await withTestCollection(dimension: 2) { _, collection in
            let ids = ["short", "quote'\"", "emoji🦊", "nul\u{0}byte"]
            try await collection.add(ids: IDs(ids), embeddings: Embeddings(ids.map { _ in [0, 0] }))
            // The first row of the batch is short; later rows are far longer and must not be cut.
            // (Documents of hundreds of KB exceed seekdb's query memory at a 1G budget: the
            // full-text index tokenizes them, whatever the statement form.)
            let documents = ["x", String(repeating: "long text é 中 ", count: 2_000), "%_\\ '\"; DROP TABLE t; --", ""]
            let metadatas: [Metadata] = [["a": 1], ["text": .string(String(repeating: "m", count: 50_000))], ["q": "'\""], [:]]
            try await collection.update(
                ids: IDs(ids), embeddings: [[1, 2], [3.5, -4], [1e-7, 3e38], [-0.0, 1]],
                documents: Documents(documents), metadatas: Metadatas(metadatas))
            let read = try await collection.get(ids: IDs(ids), include: [.documents, .metadatas, .embeddings])
            #expect(read.documents == documents)
            #expect(read.metadatas == metadatas)
            #expect(read.embeddings == [[1, 2], [3.5, -4], [1e-7, 3e38], [-0.0, 1]])
        }
    }

    @Test func badUpdatesAreRejectedBeforeAnySQL() async throws {
        try await withTestCollection { _, collection in
            let counter = StatementCounter()
            func expectRejected(_ code: SeekDBError.Code, mentioning text: String, _ body: () async throws -> Void) async {
                let error = await StatementTracing.$counter.withValue(counter) {
                    await #expect(throws: SeekDBError.self) { try await body() }
                }
                #expect(error?.code == code, "\(String(describing: error))")
                #expect(error?.message.contains(text) == true, "\(String(describing: error?.message)) should mention \(text)")
            }
            let three: [Float] = [1, 2, 3]
            await expectRejected(.invalidArgument, mentioning: "ids must not be empty") {
                try await collection.update(ids: [], metadatas: [])
            }
            await expectRejected(.invalidArgument, mentioning: "index 1 is empty") {
                try await collection.update(ids: ["a", ""], metadatas: [["k": 1], ["k": 1]])
            }
            await expectRejected(.invalidArgument, mentioning: "513 bytes") {
                try await collection.update(ids: IDs(String(repeating: "x", count: 513)), metadatas: ["k": 1])
            }
            await expectRejected(.invalidArgument, mentioning: "'a' appears more than once") {
                try await collection.update(ids: ["a", "b", "a"], metadatas: [["k": 1], ["k": 1], ["k": 1]])
            }
            await expectRejected(.invalidArgument, mentioning: "2 metadatas given for 3 ids") {
                try await collection.update(ids: ["a", "b", "c"], metadatas: [["k": 1], ["k": 1]])
            }
            await expectRejected(.invalidArgument, mentioning: "1 embeddings given for 2 ids") {
                try await collection.update(ids: ["a", "b"], embeddings: [three])
            }
            await expectRejected(.dimensionMismatch, mentioning: "index 2 (id 'c') has 2 dimensions") {
                try await collection.update(ids: ["a", "b", "c", "d"], embeddings: [three, three, [1, 2], three])
            }
            await expectRejected(.invalidArgument, mentioning: "non-finite value at position 1") {
                try await collection.update(ids: ["a"], embeddings: [[1, .infinity, 3]])
            }
            await expectRejected(.invalidArgument, mentioning: "NaN or infinity") {
                try await collection.update(ids: ["a"], metadatas: ["x": .double(.nan)])
            }
            await expectRejected(.invalidArgument, mentioning: "'$and'") { try await collection.update(ids: ["a"], metadatas: ["$and": 1]) }
            await expectRejected(.invalidArgument, mentioning: "empty key") { try await collection.update(ids: ["a"], metadatas: ["": 1]) }
            await expectRejected(.invalidArgument, mentioning: "nothing to change") { try await collection.update(ids: ["a"]) }
            await expectRejected(.invalidArgument, mentioning: "index 1 (id 'b') has nothing to change") {
                try await collection.update(ids: ["a", "b"], metadatas: [["k": 1], nil])
            }
            await expectRejected(.invalidArgument, mentioning: "no embedding function") {
                try await collection.update(ids: ["a"], documents: ["text"])
            }
            await expectRejected(.invalidArgument, mentioning: "ids must not be empty") {
                try await collection.upsert(ids: [], embeddings: [])
            }
            await expectRejected(.invalidArgument, mentioning: "'a' appears more than once") {
                try await collection.upsert(ids: ["a", "a"], embeddings: [three, three])
            }
            await expectRejected(.dimensionMismatch, mentioning: "index 0 (id 'a')") {
                try await collection.upsert(ids: ["a"], embeddings: [[1]])
            }
            #expect(counter.value == 0)
        }
    }

    @Test func withoutTheUpdatePrivilegeTheErrorSaysSoAndNothingChanges() async throws {
        try await withTestCollection(dimension: 2) { client, collection in
            try await collection.add(ids: ["a", "b"], embeddings: [[1, 1], [2, 2]], metadatas: [["v": 1], ["v": 1]])
            try await withRestrictedUser(client, privileges: "SELECT") { configuration, user in
                let (updateError, upsertError) = try await SeekDBClient.withClient(configuration: configuration) { readOnly in
                    let readOnlyCollection = try await readOnly.getCollection(name: collection.name, embeddingFunction: nil)
                    #expect(try await readOnlyCollection.get(ids: ["a"]).ids == ["a"])
                    let updateError = await #expect(throws: SeekDBError.self) {
                        try await readOnlyCollection.update(ids: ["a", "b"], metadatas: [["v": 2], ["v": 2]])
                    }
                    let upsertError = await #expect(throws: SeekDBError.self) {
                        try await readOnlyCollection.upsert(ids: ["a", "new"], embeddings: [[3, 3], [4, 4]])
                    }
                    return (updateError, upsertError)
                }
                #expect(updateError?.code == .permissionDenied, "\(String(describing: updateError))")
                #expect(updateError?.serverError?.number == 1142)
                let message = updateError?.message ?? ""
                #expect(message.contains("UPDATE privilege denied to user '\(user)'"), "\(message)")
                #expect(message.contains("collection '\(collection.name)'"), "\(message)")
                #expect(message.contains("GRANT UPDATE ON"), "\(message)")
                #expect(upsertError?.code == .permissionDenied)
                #expect(upsertError?.message.contains("GRANT INSERT, UPDATE ON") == true, "\(String(describing: upsertError))")
            }
            #expect(try await collection.get(ids: ["a", "b"]).metadatas == [["v": 1], ["v": 1]])
            #expect(try await collection.count() == 2)
        }
    }

    @Test func theServersDimensionErrorsAreMappedToDimensionMismatch() async throws {
        try await withTestCollection { client, collection in
            try await collection.add(ids: ["a"], embeddings: [[1, 2, 3]])
            let table = "`c$v2$\(collection.id!)`"
            // The SDK never sends these; raw SQL shows how the server's errors are reported.
            let binary = await #expect(throws: SeekDBError.self) {
                try await client.execute(
                    "UPDATE \(table) SET embedding = CAST(? AS BINARY) WHERE _id = ?",
                    [.vector([1, 2]), .bytes(Array("a".utf8))])
            }
            #expect(binary?.code == .dimensionMismatch, "\(String(describing: binary))")
            let text = await #expect(throws: SeekDBError.self) {
                try await client.execute("UPDATE \(table) SET embedding = ? WHERE _id = ?", [.string("[1,2]"), .bytes(Array("a".utf8))])
            }
            #expect(text?.code == .dimensionMismatch, "\(String(describing: text))")
            #expect(try await collection.get(ids: "a", include: .embeddings).embeddings == [[1, 2, 3]])
        }
    }

    @Test func anUpdatedCollectionReadsBackIdenticallyThroughPyseekdb() async throws {
        try await withTestCollection { _, collection in
            try await collection.add(
                ids: ["p1", "p2"], embeddings: [[1, 2, 3], [4, 5, 6]],
                documents: ["one", "two"], metadatas: [["n": 1, "keep": true], ["n": 2]])
            try await collection.update(
                ids: ["p1", "p2"], embeddings: [[0.5, 0.25, 0.125], [7, 8, 9]],
                documents: [nil, "zwei ü"], metadatas: [["n": 10], ["tags": ["a", "b"]]],
                metadataMode: .merge)
            let swift = try await collection.get(ids: ["p1", "p2"], include: [.documents, .metadatas, .embeddings])
            let python = try Python.run("read", collection.name)
            let pythonIDs = python["ids"] as? [String] ?? []
            #expect(Set(pythonIDs) == ["p1", "p2"])
            let order = ["p1", "p2"].map { pythonIDs.firstIndex(of: $0)! }
            let documents = python["documents"] as? [Any] ?? []
            #expect(order.map { documents[$0] as? String } == swift.documents)
            let embeddings = python["embeddings"] as? [[Double]] ?? []
            #expect(order.map { embeddings[$0].map(Float.init) } == swift.embeddings?.map { $0! })
            let metadatas = python["metadatas"] as? [[String: Any]] ?? []
            #expect(metadatas[order[0]]["n"] as? Int == 10)
            #expect(metadatas[order[0]]["keep"] as? Bool == true)
            #expect(metadatas[order[1]]["n"] as? Int == 2)
            #expect(metadatas[order[1]]["tags"] as? [String] == ["a", "b"])
            #expect(swift.metadatas == [["n": 10, "keep": true], ["n": 2, "tags": ["a", "b"]]])
        }
    }
}
