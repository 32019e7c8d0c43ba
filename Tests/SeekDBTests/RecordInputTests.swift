import Foundation
import Testing

@testable import SeekDB

/// Record-shaped input and typed results: pure logic, no server.
struct RecordInputTests {
    struct Note: Codable, Equatable {
        var topic: String
        var stars: Int
    }

    @Test func recordsBecomeTheParallelListsOfTheListCalls() throws {
        let columns = RecordColumns([
            try RecordInput(id: "a", embedding: [1, 2], document: "A", encoding: Note(topic: "x", stars: 3)),
            RecordInput(id: "b", metadata: ["k": "v", "n": 1]),
            RecordInput(id: "c", document: "C")
        ])
        #expect(columns.ids.values == ["a", "b", "c"])
        #expect(columns.embeddings?.values == [[1, 2], nil, nil])
        #expect(columns.documents?.values == ["A", nil, "C"])
        #expect(columns.metadatas?.values == [["topic": "x", "stars": 3], ["k": "v", "n": 1], nil])
    }

    @Test func fieldsNoRecordHasAreNotGiven() throws {
        let columns = RecordColumns([RecordUpdate(id: "a", document: "A"), RecordUpdate(id: "b", document: "B")])
        #expect(columns.embeddings == nil)
        #expect(columns.metadatas == nil)
        #expect(columns.documents?.values == ["A", "B"])
    }

    @Test func anEncodingErrorNamesTheRecord() {
        struct Bad: Encodable { var score: Double }
        #expect {
            try RecordInput(id: "bad one", encoding: Bad(score: .nan))
        } throws: { error in
            guard let error = error as? SeekDBError else { return false }
            return error.code == .invalidArgument && error.message.contains("record 'bad one'") && error.message.contains("$.score")
        }
    }

    @Test func literalMetadataKeepsItsIntegers() {
        // `metadata:` takes only Metadata, so a literal keeps 1965 an integer beside 9.5.
        #expect(RecordInput(id: "a", metadata: ["year": 1965, "score": 9.5]).metadata == ["year": .int(1965), "score": .double(9.5)])
        #expect(RecordInput(id: "a", metadata: ["n": 9_007_199_254_740_993]).metadata == ["n": .int(9_007_199_254_740_993)])
    }

    @Test func anEncodableThatIsNilGivesNoMetadata() throws {
        let record = try RecordInput(id: "a", document: "A", encoding: Note?.none)
        #expect(record.metadata == nil)
        #expect(RecordInput(id: "a", metadata: ["x": nil]).metadata == ["x": .null])
    }

    @Test func typedMetadataOfGetResults() throws {
        let result = GetResult(ids: ["a", "b"], metadatas: [["topic": "x", "stars": 3], nil])
        #expect(try result.metadatas(as: Note?.self) == [Note(topic: "x", stars: 3), nil])
        #expect(try result.records[0].metadata(as: Note.self) == Note(topic: "x", stars: 3))
        #expect {
            try result.metadatas(as: Note.self)
        } throws: { error in
            guard let error = error as? SeekDBError else { return false }
            return error.code == .decodingFailed && error.message.contains("record 'b'") && error.message.contains("Note?")
        }
        #expect {
            try GetResult(ids: ["a"], metadatas: [["topic": 1, "stars": 3]]).metadatas(as: Note.self)
        } throws: { error in
            (error as? SeekDBError)?.message.contains("at $.topic: expected String, found an integer") == true
        }
        #expect(throws: SeekDBError.self) { try GetResult(ids: ["a"]).metadatas(as: Note.self) }
    }

    @Test func typedMetadataOfQueryResults() throws {
        let result = QueryResult(
            ids: [["a"], ["b", "a"]],
            metadatas: [[["topic": "x", "stars": 1]], [["topic": "y", "stars": 2], ["topic": "x", "stars": 1]]])
        let notes = try result.metadatas(as: Note.self)
        #expect(notes == [[Note(topic: "x", stars: 1)], [Note(topic: "y", stars: 2), Note(topic: "x", stars: 1)]])
        #expect(try result.hits(forQuery: 1)[0].metadata(as: Note.self) == Note(topic: "y", stars: 2))
        #expect(throws: SeekDBError.self) { try QueryResult(ids: [["a"]]).metadatas(as: Note.self) }
    }
}

extension RecordInputTests {
    @Test func recordsReadAndWriteThemselvesAsJSON() throws {
        let json =
            #"{"records": [{"id": "a", "embedding": [1, 0.5], "metadata": {"n": 9007199254740993, "x": 0.1}}, "#
            + #"{"id": "b", "document": "B"}]}"#
        struct Batch: Codable { var records: [RecordInput] }
        let batch = try JSONDecoder().decode(Batch.self, from: Data(json.utf8))
        #expect(
            batch.records == [
                RecordInput(id: "a", embedding: [1, 0.5], metadata: ["n": 9_007_199_254_740_993, "x": 0.1]),
                RecordInput(id: "b", document: "B")
            ])
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        #expect(String(decoding: try encoder.encode(batch.records[1]), as: UTF8.self) == #"{"document":"B","id":"b"}"#)
    }
}
