import SeekDBDriver
import Testing

/// Statement summaries name the operation and the table, never a value.
struct QuerySummaryTests {
    @Test(arguments: [
        ("SELECT _id, document FROM `c$v1$books` WHERE _id IN (?, ?)", "select", "SELECT c$v1$books"),
        ("INSERT INTO c$v1$books (_id, document) VALUES (?, ?), (?, ?)", "insert", "INSERT c$v1$books"),
        ("UPDATE c$v1$books AS t JOIN (SELECT ? AS _id) AS v ON t._id = v._id SET t.document = v.document", "update", "UPDATE c$v1$books"),
        ("DELETE FROM c$v1$books WHERE _id IN (?)", "delete", "DELETE c$v1$books"),
        ("CREATE TABLE IF NOT EXISTS `c$v1$books` (_id varbinary(512))", "ddl", "CREATE TABLE c$v1$books"),
        ("DROP TABLE IF EXISTS c$v1$books", "ddl", "DROP TABLE c$v1$books"),
        ("START TRANSACTION", "transaction", "START TRANSACTION"),
        ("COMMIT", "transaction", "COMMIT"),
        ("SET SESSION ob_query_timeout = 120000000", "session", "SET"),
        ("SELECT COUNT(*) FROM (SELECT _id FROM c$v1$books) AS t", "select", "SELECT c$v1$books"),
        ("SELECT 'a secret' FROM dual WHERE 1 = 'another secret'", "select", "SELECT dual"),
        ("SELECT CONNECTION_ID()", "select", "SELECT"),
        ("FLUSH TABLES", "other", "OTHER")
    ])
    func summary(sql: String, kind: String, text: String) {
        let summary = QuerySummary(sql: sql)
        #expect(summary.kind == kind)
        #expect(summary.text == text)
    }

    @Test func aQuotedStringIsNeverTakenForATable() {
        #expect(QuerySummary(sql: "SELECT * FROM 'secret value'").table == nil)
    }
}
