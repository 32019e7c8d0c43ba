@testable import SeekDB
import Testing

/// Record-shaped input and typed results: pure logic, no server.
struct RecordInputTests {
    struct Note: Codable, Equatable { var topic: String; var stars: Int }

    @Test func recordsBecomeTheParallelListsOfTheListCalls() throws {
        let columns = try RecordColumns([
            RecordInput(id: "a", embedding: [1, 2], document: "A", metadata: Note(topic: "x", stars: 3)),
            RecordInput(id: "b", metadata: ["k": "v", "n": 1]),
            RecordInput(id: "c", document: "C"),
        ], operation: "add")
        #expect(columns.ids.values == ["a", "b", "c"])
        #expect(columns.embeddings?.values == [[1, 2], nil, nil])
        #expect(columns.documents?.values == ["A", nil, "C"])
        #expect(columns.metadatas?.values == [["topic": "x", "stars": 3], ["k": "v", "n": 1], nil])
    }

    @Test func fieldsNoRecordHasAreNotGiven() throws {
        let columns = try RecordColumns([RecordUpdate(id: "a", document: "A"), RecordUpdate(id: "b", document: "B")],
                                        operation: "update")
        #expect(columns.embeddings == nil)
        #expect(columns.metadatas == nil)
        #expect(columns.documents?.values == ["A", "B"])
    }

    @Test func anEncodingErrorNamesTheRecord() {
        struct Bad: Encodable { var score: Double }
        let records = [RecordInput(id: "ok", metadata: ["a": 1]), RecordInput(id: "bad one", metadata: Bad(score: .nan))]
        #expect {
            try RecordColumns(records, operation: "upsert")
        } throws: { error in
            guard let error = error as? SeekDBError else { return false }
            return error.code == .invalidArgument && error.message.contains("upsert index 1 (id 'bad one')")
                && error.message.contains("$.score")
        }
        // Setting the metadata afterwards replaces the failed value.
        var fixed = records[1]
        fixed.metadata = ["score": 1.0]
        #expect(throws: Never.self) { try RecordColumns([fixed], operation: "add") }
    }

    @Test func anEncodableThatIsNilGivesNoMetadata() throws {
        let record = RecordInput(id: "a", document: "A", metadata: Note?.none)
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
        let result = QueryResult(ids: [["a"], ["b", "a"]],
                                 metadatas: [[["topic": "x", "stars": 1]], [["topic": "y", "stars": 2], ["topic": "x", "stars": 1]]])
        let notes = try result.metadatas(as: Note.self)
        #expect(notes == [[Note(topic: "x", stars: 1)], [Note(topic: "y", stars: 2), Note(topic: "x", stars: 1)]])
        #expect(try result.hits(forQuery: 1)[0].metadata(as: Note.self) == Note(topic: "y", stars: 2))
        #expect(throws: SeekDBError.self) { try QueryResult(ids: [["a"]]).metadatas(as: Note.self) }
    }
}
