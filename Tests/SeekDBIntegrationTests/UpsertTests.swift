import Foundation
import SeekDB
import SeekDBTesting
import Testing

@Suite(.enabled(if: TestEnvironment.isEnabled), .seekdbDatabase)
struct UpsertTests {
    @Test func insertsNewIDsAndUpdatesOnlyTheGivenFieldsOfExistingOnes() async throws {
        try await withTestCollection(dimension: 2) { _, collection in
            try await collection.add(
                ids: ["a", "b"], embeddings: [[1, 1], [2, 2]],
                documents: ["doc a", "doc b"], metadatas: [["v": 1], ["v": 1]])
            let result = try await collection.upsert(
                ids: ["b", "n1", "a", "n2"],
                embeddings: [nil, [3, 3], [9, 9], [4, 4]],
                documents: [nil, "new one", nil, nil],
                metadatas: [["v": 2], ["v": 0], nil, nil])
            #expect(result == UpsertResult(insertedIDs: ["n1", "n2"], updatedIDs: ["b", "a"]))

            let read = try await collection.get(ids: ["a", "b", "n1", "n2"], include: [.documents, .metadatas, .embeddings])
            #expect(read.documents == ["doc a", "doc b", "new one", nil])
            #expect(read.metadatas == [["v": 1], ["v": 2], ["v": 0], nil])
            #expect(read.embeddings == [[9, 9], [2, 2], [3, 3], [4, 4]])
        }
    }

    @Test func mergeModePatchesExistingMetadataAndStoresNewOnesAsGiven() async throws {
        try await withTestCollection(dimension: 2) { _, collection in
            try await collection.add(ids: ["a"], embeddings: [[1, 1]], metadatas: [["keep": 1, "drop": 2]])
            try await collection.upsert(
                ids: ["a", "n"], embeddings: [nil, [2, 2]],
                metadatas: [["drop": nil, "add": 3], ["x": nil, "y": 1]], metadataMode: .merge)
            let read = try await collection.get(ids: ["a", "n"], include: .metadatas)
            #expect(read.metadatas?[0] == ["keep": 1, "add": 3])
            #expect(read.metadatas?[1] == ["x": nil, "y": 1])
        }
    }

    @Test func aNewRecordWithoutAVectorIsAnErrorAndNothingChanges() async throws {
        try await withTestCollection(dimension: 2) { _, collection in
            try await collection.add(ids: ["a"], embeddings: [[1, 1]], metadatas: [["v": 1]])
            let error = await #expect(throws: SeekDBError.self) {
                try await collection.upsert(ids: ["a", "ghost"], metadatas: [["v": 2], ["v": 2]])
            }
            #expect(error?.code == .invalidArgument)
            #expect(error?.message.contains("index 1 (id 'ghost') is new") == true, "\(String(describing: error))")
            #expect(try await collection.get(ids: "a").metadatas == [["v": 1]])
            #expect(try await collection.count() == 1)
        }
    }

    @Test func documentsAreEmbeddedForNewAndExistingRecords() async throws {
        try await withTestCollection(dimension: 4, embeddingFunction: LetterCountEmbedding()) { _, collection in
            try await collection.add(ids: ["old"], embeddings: [[9, 9, 9, 9]], documents: ["x"])
            let result = try await collection.upsert(ids: ["old", "new"], documents: ["aab", "dd"])
            #expect(result == UpsertResult(insertedIDs: ["new"], updatedIDs: ["old"]))
            let read = try await collection.get(ids: ["old", "new"], include: [.documents, .embeddings])
            #expect(read.documents == ["aab", "dd"])
            #expect(read.embeddings == [[2, 1, 0, 0], [0, 0, 0, 2]])
        }
    }

    @Test func aLargeUpsertIsChunkedInOneTransaction() async throws {
        try await withTestCollection(dimension: 8) { _, collection in
            let existing = (0..<600).map { "r\($0)" }
            try await collection.add(ids: IDs(existing), embeddings: Embeddings(existing.map { _ in [Float](repeating: 1, count: 8) }))
            let ids = (300..<1_500).map { "r\($0)" }
            let result = try await collection.upsert(
                ids: IDs(ids), embeddings: Embeddings(ids.map { _ in [Float](repeating: 2, count: 8) }),
                metadatas: Metadatas(ids.map { ["id": .string($0)] as Metadata }))
            #expect(result.updatedIDs == Array(ids.prefix(300)))
            #expect(result.insertedIDs == Array(ids.dropFirst(300)))
            #expect(try await collection.count() == 1_500)
            let read = try await collection.get(ids: IDs(ids), include: [.metadatas, .embeddings])
            #expect(read.metadatas == ids.map { ["id": .string($0)] })
            #expect(read.embeddings?.allSatisfy { $0 == [Float](repeating: 2, count: 8) } == true)

            // A new record without a vector near the end fails the whole call before any row is written.
            let more = (1_500..<2_700).map { "r\($0)" } + ["r0"]
            let error = await #expect(throws: SeekDBError.self) {
                try await collection.upsert(
                    ids: IDs(more),
                    embeddings: Embeddings(more.indices.map { $0 == more.count - 2 ? nil : [Float](repeating: 3, count: 8) }),
                    metadatas: Metadatas(more.map { _ in ["late": true] as Metadata }))
            }
            #expect(error?.code == .invalidArgument)
            #expect(try await collection.count() == 1_500)
            #expect(try await collection.get(ids: "r0", include: .metadatas).metadatas == [nil])
        }
    }
}
