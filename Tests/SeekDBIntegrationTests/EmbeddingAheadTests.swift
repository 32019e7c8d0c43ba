import Foundation
import SeekDBDriver
import SeekDBTesting
import Testing

@testable import SeekDB

/// Documents of add, update and upsert are embedded a stage (128 records) ahead of the statements
/// that write the stage before: every record still ends with its own document's vector, an
/// embedding failure in a later stage rolls the whole call back, and the next stage is embedded
/// while a statement of the stage before waits on the server.
@Suite(.enabled(if: TestEnvironment.isEnabled), .seekdbDatabase)
struct EmbeddingAheadTests {
    /// Three stages: 128, 128 and 44 records.
    static let count = 300

    static func ids(_ range: Range<Int> = 0..<count) -> [String] { range.map { String(format: "r%03d", $0) } }
    static func documents(_ text: String, _ range: Range<Int> = 0..<count) -> [String] {
        range.map { "\(text) document number \($0)" }
    }

    /// Every record's stored vector is its stored document's (TextShapeEmbedding is exact in floats).
    static func expectEachVectorMatchesItsDocument(_ collection: SeekDBCollection, count: Int) async throws {
        let stored = try await collection.get(ids: Self.ids(0..<count), include: [.documents, .embeddings])
        #expect(stored.ids.count == count)
        for (index, id) in stored.ids.enumerated() {
            let document = try #require(stored.documents?[index] ?? nil, "\(id) has no document")
            #expect(stored.embeddings?[index] == TextShapeEmbedding.vector(document), "\(id)")
        }
    }

    @Test("add, update and upsert of 300 documents store each document's own vector")
    func everyStageIsWritten() async throws {
        try await withTestCollection(dimension: 3) { _, created in
            let collection = created.with(embeddingFunction: TextShapeEmbedding())
            try await collection.add(ids: Self.ids(), documents: Self.documents("first"))
            try await Self.expectEachVectorMatchesItsDocument(collection, count: Self.count)

            // Every other document changes; the rest equal the stored ones and are left alone.
            let halfChanged = (0..<Self.count).map { $0 % 2 == 0 ? "second, longer document number \($0)" : "first document number \($0)" }
            let updated = try await collection.update(ids: Self.ids(), documents: halfChanged)
            #expect(updated.unchangedIDs == Self.ids().enumerated().filter { $0.offset % 2 == 1 }.map(\.element))
            try await Self.expectEachVectorMatchesItsDocument(collection, count: Self.count)

            let upserted = try await collection.upsert(ids: Self.ids(200..<500), documents: Self.documents("third", 200..<500))
            #expect(upserted.insertedIDs == Self.ids(300..<500))
            try await Self.expectEachVectorMatchesItsDocument(collection, count: 500)
        }
    }

    @Test("an embedding failure in the third stage rolls back the stages already written")
    func aLaterStageFailureRollsEverythingBack() async throws {
        try await withTestCollection(dimension: 3) { _, created in
            let failing = created.with(embeddingFunction: FailingOnText(marker: "boom"))
            var documents = Self.documents("new")
            documents[270] = "boom"

            let adding = StatementCounter()
            await StatementTracing.$counter.withValue(adding) {
                await #expect(throws: SeekDBError.self) { try await failing.add(ids: Self.ids(), documents: documents) }
            }
            #expect(adding.executedSQL.contains { $0.hasPrefix("INSERT") }, "stages were written before the failure")
            #expect(try await created.count() == 0)

            let old = Self.documents("old")
            try await created.add(ids: Self.ids(), embeddings: old.map(TextShapeEmbedding.vector), documents: old)
            let updating = StatementCounter()
            await StatementTracing.$counter.withValue(updating) {
                await #expect(throws: SeekDBError.self) { try await failing.update(ids: Self.ids(), documents: documents) }
            }
            #expect(updating.executedSQL.contains { $0.hasPrefix("UPDATE") }, "stages were written before the failure")
            await #expect(throws: SeekDBError.self) {
                try await failing.upsert(ids: Self.ids(0..<400), documents: Self.documents("up", 0..<399) + ["boom"])
            }
            #expect(try await created.count() == Self.count)
            let stored = try await created.get(ids: Self.ids(0..<400), include: [.documents])
            #expect(stored.ids.count == Self.count)
            #expect(Set(stored.documents?.compactMap { $0 } ?? []) == Set(old), "nothing of the failed calls is left")
        }
    }

    /// Another transaction holds an uncommitted row with the first id, so the `add`'s first
    /// `INSERT` waits on the server. The second stage's embedding starts during that wait (it
    /// releases the holder): embedded one stage ahead. Embedding after each write would leave the
    /// INSERT waiting until the holder gave up.
    @Test("the next stage is embedded while a statement of the stage before waits on a lock")
    func theNextStageIsEmbeddedWhileAStatementWaits() async throws {
        try await withTestCollection(dimension: 3) { client, created in
            let secondStageStarted = Flag()
            let collection = created.with(
                embeddingFunction: SignallingEmbedding(marker: "number 200", signal: secondStageStarted))
            let table = created.quotedTable
            do {
                try await client.withDriverTransaction(logger: nil) { connection, logger in
                    _ = try await connection.execute(
                        "INSERT INTO \(table) (_id, document, embedding) VALUES (CAST(? AS BINARY), 'held', CAST(? AS BINARY))",
                        [.bytes(Array("r000".utf8)), .vector([1, 1, 1])], logger: logger)
                    let add = Task { try await collection.add(ids: Self.ids(), documents: Self.documents("ahead")) }
                    try await RetryTests.waitUntil(.seconds(90)) { secondStageStarted.isSet }
                    throw HolderReleased(add: add, signalled: secondStageStarted.isSet)  // rolls the held row back
                }
                Issue.record("the holder's transaction was not rolled back")
            } catch let released as HolderReleased {
                #expect(released.signalled, "the second stage was embedded while the first INSERT waited")
                try await released.add.value
            }
            try await Self.expectEachVectorMatchesItsDocument(collection, count: Self.count)
        }
    }

    struct HolderReleased: Error {
        let add: Task<Void, any Error>
        let signalled: Bool
    }
}

/// TextShapeEmbedding that throws for a batch containing `marker`.
struct FailingOnText: EmbeddingFunction {
    struct Failure: Error {}
    let marker: String
    var dimension: Int { 3 }
    func embed(_ texts: [String]) async throws -> [[Float]] {
        if texts.contains(where: { $0.contains(marker) }) { throw Failure() }
        return texts.map(TextShapeEmbedding.vector)
    }
}

/// TextShapeEmbedding that sets `signal` when it is asked for a text containing `marker`.
struct SignallingEmbedding: EmbeddingFunction {
    let marker: String
    let signal: Flag
    var dimension: Int { 3 }
    func embed(_ texts: [String]) async throws -> [[Float]] {
        if texts.contains(where: { $0.contains(marker) }) { signal.set() }
        return texts.map(TextShapeEmbedding.vector)
    }
}
