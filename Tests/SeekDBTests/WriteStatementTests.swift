import SeekDBDriver
import Testing

@testable import SeekDB

struct WriteStatementTests {
    let statements = RecordStatements(table: "`t`")

    @Test func updateJoinsADerivedTableOfPlaceholders() {
        let sql = statements.update(fields: [.document, .embedding], rows: 3, metadataMode: .replace)
        #expect(
            sql == "UPDATE `t` t JOIN (SELECT CAST(? AS BINARY) AS new_id, ? AS new_document, CAST(? AS BINARY) AS new_embedding"
                + " UNION ALL SELECT CAST(? AS BINARY), ?, CAST(? AS BINARY) UNION ALL SELECT CAST(? AS BINARY), ?, CAST(? AS BINARY)) v"
                + " ON t._id = v.new_id SET t.document = v.new_document, t.embedding = v.new_embedding")
    }

    @Test func mergeAppliesAJSONMergePatch() {
        let update = statements.update(fields: [.metadata], rows: 1, metadataMode: .merge)
        #expect(
            update == "UPDATE `t` t JOIN (SELECT CAST(? AS BINARY) AS new_id, ? AS new_metadata) v ON t._id = v.new_id"
                + " SET t.metadata = JSON_MERGE_PATCH(COALESCE(t.metadata, CAST('{}' AS JSON)), CAST(v.new_metadata AS JSON))")
        #expect(
            statements.update(fields: [.metadata], rows: 1, metadataMode: .replace, condition: "x = ?").hasSuffix(
                "SET t.metadata = v.new_metadata WHERE x = ?"))
        let upsert = statements.upsert(fields: [.metadata, .embedding], rows: 2, metadataMode: .merge)
        #expect(
            upsert == "INSERT INTO `t` (_id, metadata, embedding) VALUES (CAST(? AS BINARY), ?, CAST(? AS BINARY)),"
                + " (CAST(? AS BINARY), ?, CAST(? AS BINARY)) ON DUPLICATE KEY UPDATE"
                + " metadata = JSON_MERGE_PATCH(COALESCE(metadata, CAST('{}' AS JSON)), VALUES(metadata)), embedding = VALUES(embedding)")
        #expect(
            statements.updateMetadata(condition: " WHERE x", mode: .merge)
                == "UPDATE `t` SET metadata = JSON_MERGE_PATCH(COALESCE(metadata, CAST('{}' AS JSON)), CAST(? AS JSON)) WHERE x")
    }

    @Test func everyIDIsReadAsBinarySoThePrimaryKeyIsUsed() {
        #expect(statements.lockExisting(ids: 2) == "SELECT _id FROM `t` WHERE _id IN (CAST(? AS BINARY), CAST(? AS BINARY)) FOR UPDATE")
        #expect(
            statements.lockExisting(ids: 1, condition: "c")
                == "SELECT _id, (c) IS TRUE FROM `t` WHERE _id IN (CAST(? AS BINARY)) FOR UPDATE")
        #expect(
            statements.select("_id, document", ids: 1, filter: " AND (x)")
                == "SELECT _id, document FROM `t` WHERE _id IN (CAST(? AS BINARY)) AND (x)")
        #expect(statements.delete(ids: 2) == "DELETE FROM `t` WHERE _id IN (CAST(? AS BINARY), CAST(? AS BINARY))")
        #expect(
            statements.insert(rows: 1) == "INSERT INTO `t` (_id, document, metadata, embedding)"
                + " VALUES (CAST(? AS BINARY), ?, ?, CAST(? AS BINARY))")
        #expect(RecordStatements.idValue("é") == .bytes([0xC3, 0xA9]))
    }

    @Test func idListsArePaddedToAFewLengthsSoStatementsAreReused() {
        #expect(RecordStatements.idValues([String]()) == [])
        #expect(RecordStatements.idValues(["a"]) == [.bytes([0x61])])
        #expect(RecordStatements.idValues(["a", "b", "c"]) == [.bytes([0x61]), .bytes([0x62]), .bytes([0x63]), .bytes([0x63])])
        #expect(RecordStatements.idValues((0..<1_000).map(String.init)).count == 1_024)
        #expect(RecordStatements.idValues((0..<4_097).map(String.init)).count == 5_000)
        #expect(RecordStatements.idValues((0..<5_000).map(String.init)).count == 5_000)
    }

    @Test func recordsAreGroupedByTheFieldsTheySetInOrder() async throws {
        let changes = RecordChanges(
            ids: ["a", "b", "c", "d"],
            documents: ["A", nil, "C", nil],
            metadatas: [nil, [:], nil, ["k": 1]],
            embeddings: [nil, nil, nil, [1]], operation: .update)
        #expect(changes.fieldSets() == [[.document], [.metadata], [.metadata, .embedding]])
        #expect(Array(changes.records(changing: .document) { _ in true }) == [0, 2])
        #expect(Array(changes.records(changing: .document) { $0 != 0 }) == [2])
        var parameters: [SQLValue] = []
        try changes.appendParameters(at: 3, fields: [.metadata, .embedding], to: &parameters)
        #expect(parameters == [.bytes(Array("d".utf8)), .string(#"{"k":1}"#), .vector([1])])

        var statements: [(String, [SQLValue])] = []
        let finished = try await changes.send(fields: [.metadata]) { rows in
            "rows \(rows)"
        } execute: { sql, _, parameters in
            statements.append((sql, parameters))
            return true
        }
        #expect(finished)
        #expect(statements.map(\.0) == ["rows 1"])
        #expect(statements.map(\.1) == [[.bytes(Array("b".utf8)), .string("{}")]])
    }

    @Test func metadataIsValidatedAsItWillBeEncoded() {
        let bad: [(Metadata, String)] = [
            (["a": ["b": [1, .double(.nan)]]], "non-finite number at $.a.b[1]"),
            (["z": .double(.infinity), "a": .double(-.infinity)], "at $.a;"),
            (["$gt": 1], "key '$gt'"),
            (["": 1], "empty key")
        ]
        for (metadata, message) in bad {
            let validated = #expect(throws: SeekDBError.self) { try MetadataCodec.validate(metadata, record: "r") }
            let encoded = #expect(throws: SeekDBError.self) { try MetadataCodec.encode(metadata, record: "r") }
            #expect(validated?.message.contains(message) == true, "\(String(describing: validated?.message))")
            #expect(validated?.message == encoded?.message)
        }
        #expect(throws: Never.self) { try MetadataCodec.validate(["a": [1, 2.5, "x", nil, ["b": true]]], record: "r") }
    }
}
