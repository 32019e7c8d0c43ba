import Foundation
import SeekDB
import SeekDBTesting
import Synchronization
import Testing

/// `equalEmbeddings: .skip`: given embeddings equal to the stored ones (compared by the server,
/// exactly) are left out of the write and reported; everything else is written as without it.
@Suite(.enabled(if: TestEnvironment.isEnabled), .seekdbDatabase)
struct EqualEmbeddingTests {
    @Test func updateLeavesEqualEmbeddingsUnwritten() async throws {
        try await withTestCollection(dimension: 3) { _, collection in
            try await collection.add(
                ids: ["a", "b", "c"], embeddings: [[1, 2, 3], [4, 5, 6], [7, 8, 9]], documents: ["A", "B", "C"],
                metadatas: [["v": 1], ["v": 1], ["v": 1]])
            var result = UpdateResult(updatedCount: 0)
            let written = try await vectorsWritten {
                // a: an equal vector only; b: a new vector; c: an equal vector, a new document and metadata.
                result = try await collection.update(
                    ids: ["a", "b", "c"], embeddings: [[1, 2, 3], [4, 5, 7], [7, 8, 9]], documents: [nil, nil, "C2"],
                    metadatas: [nil, nil, ["v": 2]], equalEmbeddings: .skip)
            }
            #expect(written == [[4, 5, 7]], "only the changed vector is written")
            #expect(result == UpdateResult(updatedCount: 3, unchangedIDs: ["a", "c"]))
            let read = try await collection.get(ids: ["a", "b", "c"], include: [.documents, .metadatas, .embeddings])
            #expect(read.embeddings == [[1, 2, 3], [4, 5, 7], [7, 8, 9]])
            #expect(read.documents == ["A", "B", "C2"])
            #expect(read.metadatas == [["v": 1], ["v": 1], ["v": 2]])

            // One float32 step away is a change: the server compares exactly (the text it prints
            // has about six significant digits and could not tell these apart).
            let near = Float(1).nextUp
            let nearWritten = try await vectorsWritten {
                result = try await collection.update(ids: ["a", "b"], embeddings: [[near, 2, 3], [4, 5, 7]], equalEmbeddings: .skip)
            }
            #expect(nearWritten == [[near, 2, 3]])
            #expect(result.unchangedIDs == ["b"])

            // One record: compared too, and nothing is written when it is equal. (This also shows
            // that the stored vector is now exactly the near one, which `get` could not: it reads
            // vectors through their printed text.)
            let oneWritten = try await vectorsWritten {
                result = try await collection.update(ids: "a", embeddings: [[near, 2, 3]], equalEmbeddings: .skip)
            }
            #expect(oneWritten.isEmpty)
            #expect(result == UpdateResult(updatedCount: 1, unchangedIDs: ["a"]))
        }
    }

    /// More records than one comparison statement carries (500 pairs each), with the changed
    /// ones spread over every statement.
    @Test func manyRecordsAcrossStatements() async throws {
        try await withTestCollection(dimension: 3) { _, collection in
            let ids = (0..<1_201).map { "r\($0)" }
            var vectors: [[Float]] = ids.indices.map { [Float($0), 1, 2] }
            try await collection.add(ids: IDs(ids), embeddings: Embeddings(vectors))
            let changed = Array(stride(from: 0, to: ids.count, by: 100))
            for index in changed { vectors[index][1] = 7 }
            var result = UpdateResult(updatedCount: 0)
            let written = try await vectorsWritten {
                result = try await collection.update(ids: IDs(ids), embeddings: Embeddings(vectors), equalEmbeddings: .skip)
            }
            // Written in primary-key order (r0, r100, r1000, …): compare as sets.
            #expect(written.count == changed.count)
            #expect(Set(written.map { $0[0] }) == Set(changed.map(Float.init)) && written.allSatisfy { $0[1] == 7 })
            #expect(result.updatedCount == ids.count)
            #expect(result.unchangedIDs == ids.indices.filter { $0 % 100 != 0 }.map { ids[$0] })
        }
    }

    @Test func missingIDsAndConditionsWorkAsWithoutSkipping() async throws {
        try await withTestCollection(dimension: 3) { _, collection in
            try await collection.add(ids: ["a", "b"], embeddings: [[1, 2, 3], [4, 5, 6]], metadatas: [["rev": 1], ["rev": 2]])
            await #expect(throws: SeekDBError.self) {
                try await collection.update(ids: ["a", "nope"], embeddings: [[9, 9, 9], [1, 1, 1]], equalEmbeddings: .skip)
            }
            #expect(try await collection.get(ids: "a", include: .embeddings).embeddings == [[1, 2, 3]], "nothing changed")

            // b does not match the condition: skipped as a conflict, not compared.
            let result = try await collection.update(
                ids: ["a", "b", "nope"], embeddings: [[1, 2, 3], [0, 0, 0], [1, 1, 1]], where: .field("rev") == 1,
                missing: .skip, conflicts: .skip, equalEmbeddings: .skip)
            #expect(result == UpdateResult(updatedCount: 1, skippedIDs: ["nope"], conflictIDs: ["b"], unchangedIDs: ["a"]))
            #expect(try await collection.get(ids: "b", include: .embeddings).embeddings == [[4, 5, 6]])
        }
    }

    @Test func upsertLeavesEqualEmbeddingsOfExistingRecordsUnwritten() async throws {
        try await withTestCollection(dimension: 4) { _, collection in
            try await collection.add(ids: ["a", "b"], embeddings: [[3, 0, 0, 0], [1, 2, 0, 0]])
            var result = UpsertResult()
            let written = try await vectorsWritten {
                // a: equal (left out); b: changed; n: new (inserted with its vector).
                result = try await collection.upsert(
                    ids: ["a", "b", "n"], embeddings: [[3, 0, 0, 0], [9, 9, 9, 9], [3, 0, 0, 0]], equalEmbeddings: .skip)
            }
            #expect(written == [[9, 9, 9, 9], [3, 0, 0, 0]])
            #expect(result == UpsertResult(insertedIDs: ["n"], updatedIDs: ["a", "b"], unchangedIDs: ["a"]))
            let read = try await collection.get(ids: ["a", "b", "n"], include: .embeddings)
            #expect(read.embeddings == [[3, 0, 0, 0], [9, 9, 9, 9], [3, 0, 0, 0]])

            // One record, existing and equal: nothing written.
            let one = try await vectorsWritten {
                result = try await collection.upsert(ids: "b", embeddings: [[9, 9, 9, 9]], equalEmbeddings: .skip)
            }
            #expect(one.isEmpty)
            #expect(result == UpsertResult(updatedIDs: ["b"], unchangedIDs: ["b"]))
        }
    }

    /// Documents to embed and equal given embeddings in one call: the unchanged document is not
    /// embedded, the equal vector is not written, and `unchangedIDs` lists both in the order given.
    @Test func unchangedDocumentsAndEqualEmbeddingsTogether() async throws {
        let counting = UnchangedDocumentTests.CountingEmbedding()
        try await withTestCollection(dimension: 4, embeddingFunction: counting) { _, collection in
            try await collection.add(ids: ["a", "b", "c"], documents: ["aaa", "bbb", "ccc"])
            counting.texts.withLock { $0 = [] }
            let stored = try await collection.get(ids: "c", include: .embeddings).embeddings![0]
            let result = try await collection.update(
                ids: ["c", "b", "a"], embeddings: [stored, nil, nil], documents: [nil, "bbb", "aba"], equalEmbeddings: .skip)
            #expect(result == UpdateResult(updatedCount: 3, unchangedIDs: ["c", "b"]))
            #expect(counting.texts.withLock { $0 } == ["aba"])
        }
    }
}
