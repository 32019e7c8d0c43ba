import SeekDB

/// How to ask seekdb which given vectors equal the stored ones (``EqualEmbeddingPolicy/skip``):
/// each statement form compares every vector of a collection of RECORDS 384-d vectors with
/// the same vectors, in one transaction, and the row lock the SDK takes first is timed too.
///
///   SeekDBBench compare-forms [RECORDS]
///
/// One line per form: how many it found equal (all of them, unless it failed) and the time.
/// The SDK uses `join-on`; `join-where` shows the error seekdb 1.4.0 gives when the comparison
/// is in the `WHERE` clause and the derived table is small.
enum CompareFormsMode {
    static func run(configuration: SeekDBClient.Configuration, records: Int) async throws {
        try await VectorResyncCollection.with(configuration: configuration, name: "compare_forms", records: records, changed: 1) {
            fixture in
            let vectors = BenchData.vectors(0..<records, round: 0)
            let (id, vector, table) = ("CAST(? AS BINARY)", "CAST(? AS BINARY)", fixture.table)
            func repeated(_ text: String, _ count: Int, _ separator: String) -> String {
                Array(repeating: text, count: count).joined(separator: separator)
            }
            func derived(_ rows: Int) -> String {
                "(SELECT \(id) AS _id, \(vector) AS e" + String(repeating: " UNION ALL SELECT \(id), \(vector)", count: rows - 1) + ")"
            }
            let forms: [(name: String, rows: Int, sql: (Int) -> String)] = [
                (
                    "union-pk-gets", 256,
                    { repeated("SELECT _id FROM \(table) WHERE _id = \(id) AND embedding = \(vector)", $0, " UNION ALL ") }
                ),
                ("join-on", 500, { "SELECT t._id FROM \(table) t JOIN \(derived($0)) v ON t._id = v._id AND t.embedding = v.e" }),
                ("join-where", 500, { "SELECT t._id FROM \(table) t JOIN \(derived($0)) v ON t._id = v._id WHERE t.embedding = v.e" }),
                (
                    "join-l2", 500,
                    { "SELECT t._id FROM \(table) t JOIN \(derived($0)) v ON t._id = v._id WHERE l2_distance(t.embedding, v.e) = 0" }
                )
            ]
            for form in forms {
                do {
                    var found = 0
                    let ms = try await timed {
                        try await fixture.raw.transaction {
                            for start in stride(from: 0, to: records, by: form.rows) {
                                let range = start..<min(records, start + form.rows)
                                let parameters = range.flatMap { [SQLValue.bytes(Array(fixture.ids[$0].utf8)), .vector(vectors[$0])] }
                                found += try await fixture.raw.client.execute(form.sql(range.count), parameters).rows.count
                            }
                        }
                    }
                    emit("\(form.name): \(found) equal of \(records), \(Int(ms)) ms")
                } catch {
                    emit("\(form.name): \(error)")
                }
            }
            let lock = try await timed {
                try await fixture.raw.transaction {
                    for start in stride(from: 0, to: records, by: 5_000) {
                        let range = start..<min(records, start + 5_000)
                        _ = try await fixture.raw.client.execute(
                            "SELECT _id FROM \(table) WHERE _id IN (\(repeated(id, range.count, ", "))) FOR UPDATE",
                            range.map { .bytes(Array(fixture.ids[$0].utf8)) })
                    }
                }
            }
            emit("lock (SELECT … FOR UPDATE of every id): \(Int(lock)) ms")
        }
    }
}
