@testable import SeekDB
import SeekDBDriver
import Testing

struct WriteStatementTests {
    @Test func updateJoinsADerivedTableOfPlaceholders() {
        let sql = WriteStatements.update(table: "`t`", fields: [.document, .embedding], rows: 3, metadataMode: .replace)
        #expect(sql == "UPDATE `t` t JOIN (SELECT ? AS _id, ? AS document, CAST(? AS BINARY) AS embedding"
            + " UNION ALL SELECT ?, ?, CAST(? AS BINARY) UNION ALL SELECT ?, ?, CAST(? AS BINARY)) v"
            + " ON t._id = v._id SET t.document = v.document, t.embedding = v.embedding")
    }

    @Test func mergeAppliesAJSONMergePatch() {
        let update = WriteStatements.update(table: "`t`", fields: [.metadata], rows: 1, metadataMode: .merge)
        #expect(update == "UPDATE `t` t JOIN (SELECT ? AS _id, ? AS metadata) v ON t._id = v._id"
            + " SET t.metadata = JSON_MERGE_PATCH(COALESCE(t.metadata, '{}'), CAST(v.metadata AS JSON))")
        let upsert = WriteStatements.upsert(table: "`t`", fields: [.metadata, .embedding], rows: 2, metadataMode: .merge)
        #expect(upsert == "INSERT INTO `t` (_id, metadata, embedding) VALUES (?, ?, CAST(? AS BINARY)), (?, ?, CAST(? AS BINARY))"
            + " ON DUPLICATE KEY UPDATE metadata = JSON_MERGE_PATCH(COALESCE(metadata, '{}'), VALUES(metadata)), embedding = VALUES(embedding)")
    }

    @Test func lockSelectsIDsForUpdate() {
        #expect(WriteStatements.lockExisting(table: "`t`", count: 2) == "SELECT _id FROM `t` WHERE _id IN (?, ?) FOR UPDATE")
    }

    @Test func recordsAreGroupedByTheFieldsTheySetInOrder() {
        let changes = RecordChanges(ids: ["a", "b", "c", "d"],
                                    documents: ["A", nil, "C", nil],
                                    metadataTexts: [nil, "{}", nil, "{}"],
                                    embeddings: [nil, nil, nil, [1]])
        let groups = changes.statementGroups()
        #expect(groups.map(\.fields) == [[.document], [.metadata], [.metadata, .embedding]])
        #expect(groups.map(\.chunks) == [[[0, 2]], [[1]], [[3]]])
        var parameters: [SQLValue] = []
        changes.appendParameters(at: 3, fields: [.metadata, .embedding], to: &parameters)
        #expect(parameters == [.bytes(Array("d".utf8)), .string("{}"), .vector([1])])
    }

    @Test func groupsAreChunkedByRowsAndPlaceholders() {
        let count = 1_201
        let changes = RecordChanges(ids: (0..<count).map { "id\($0)" },
                                    documents: Array(repeating: "d", count: count),
                                    metadataTexts: Array(repeating: nil, count: count),
                                    embeddings: Array(repeating: nil, count: count))
        let chunks = changes.statementGroups()[0].chunks
        #expect(chunks.map(\.count) == [500, 500, 201])
        #expect(chunks.flatMap { $0 } == Array(0..<count))
    }
}
