import Testing

@testable import SeekDB
@testable import SeekDBCLI

@Suite("JSON-lines records")
struct RecordLineTests {
    @Test("a field left out is absent, null is null, a value is a value")
    func absentNullValue() throws {
        let full = try RecordLine(
            parsing: #"{"id": "a", "document": "text", "embedding": [1, 2.5], "metadata": {"k": 3, "f": 3.0}}"#, line: 1)
        #expect(full.id == "a")
        #expect(full.document == .value("text"))
        #expect(full.embedding == .value([1, 2.5]))
        #expect(full.metadata == .value(["k": .int(3), "f": .double(3)]), "3 and 3.0 stay apart")

        let sparse = try RecordLine(parsing: #"{"id": "b", "metadata": null}"#, line: 7)
        #expect(sparse.line == 7)
        #expect(sparse.document == .absent)
        #expect(!sparse.document.isPresent)
        #expect(sparse.embedding == .absent)
        #expect(sparse.metadata == .null)
        #expect(sparse.metadata.isPresent)
        #expect(sparse.metadata.value == nil)
    }

    @Test(
        "errors name the line and the field",
        arguments: [
            ("{", "line 4: invalid JSON"),
            (#""just a string""#, "line 4: expected a JSON object"),
            (#"{"id": "a", "ids": []}"#, #"line 4: unknown field "ids""#),
            (#"{"id": null}"#, #"line 4: "id" must be given as a string"#),
            (#"{"id": "a", "embedding": {"x": 1}}"#, #"line 4: "embedding" must be an array of numbers or null"#)
        ])
    func errors(_ text: String, _ expected: String) {
        #expect {
            _ = try RecordLine(parsing: text, line: 4)
        } throws: { error in
            (error as? CLIError)?.code == "invalidArgument" && (error as? CLIError)?.message.hasPrefix(expected) == true
        }
    }

    @Test("a batch has a column only for the fields some line gives; absent and null become nil entries")
    func batch() throws {
        let records = try [
            RecordLine(parsing: #"{"id": "a", "document": "x"}"#, line: 1),
            RecordLine(parsing: #"{"id": "b", "document": null, "metadata": {"k": 1}}"#, line: 2)
        ]
        let batch = try RecordBatch(records)
        #expect(batch.ids == ["a", "b"])
        #expect(batch.documents == ["x", nil])
        #expect(batch.metadatas == [nil, ["k": 1]])
        #expect(batch.embeddings == nil)
        #expect(batch.needingEmbeddings == [0])
        #expect(throws: CLIError.self, "update and upsert reject null") { try RecordBatch(records, null: .rejected) }
    }

    @Test("lines are split at line feeds; CRLF, blank lines and invalid UTF-8 are handled")
    func lines() throws {
        let lines = try JSONLinesInput.lines(of: Array("a\r\n\n  \nb\n".utf8), source: "f")
        #expect(lines.map(\.number) == [1, 4])
        #expect(lines.map(\.text) == ["a", "b"])
        let kept = try JSONLinesInput.lines(of: Array("a\n\nb\n".utf8), source: "f", keepBlank: true)
        #expect(kept.map(\.text) == ["a", "", "b"])
        #expect(throws: CLIError.self) { try JSONLinesInput.lines(of: [0x61, 0x0A, 0xFF], source: "f") }
    }
}

@Suite("CLI output")
struct OutputTests {
    @Test("JSON output keeps key order, prints floats shortest and whole components as integers")
    func json() {
        let value = JSONOutput.object([
            ("b", .float(0.1)), ("a", .array([.float(1), .float(-2.5), .float(.nan)])),
            ("s", .string("q\"\n\u{1}é")), ("n", .null), ("i", .int(-3))
        ])
        #expect(value.text == #"{"b":0.1,"a":[1,-2.5,null],"s":"q\"\n\u0001é","n":null,"i":-3}"#)
    }

    @Test("get results use pyseekdb's keys; missing metadata is {}")
    func getResult() {
        let result = GetResult(ids: ["a", "b"], documents: ["x", nil], metadatas: [["k": 1], nil])
        #expect(JSONOutput(result).text == #"{"ids":["a","b"],"documents":["x",null],"metadatas":[{"k":1},{}]}"#)
        #expect(JSONOutput(GetResult(ids: ["a"])).text == #"{"ids":["a"]}"#)
    }

    @Test("errors: code, message and server error number, as JSON and as text")
    func errorReport() {
        let error = SeekDBError(
            .permissionDenied, "INSERT privilege denied",
            serverError: .init(number: 1142, sqlState: "42000", message: "INSERT command denied"))
        let report = ErrorReport(error)
        #expect(report.json.text == #"{"error":{"code":"permissionDenied","message":"INSERT privilege denied","serverErrorNumber":1142}}"#)
        #expect(report.text == "seekdb: permissionDenied (server error 1142): INSERT privilege denied")
        #expect(
            ErrorReport(CLIError.invalidArgument("line 2: bad")).json.text
                == #"{"error":{"code":"invalidArgument","message":"line 2: bad","serverErrorNumber":null}}"#)
    }

    @Test("tables pad columns and cut long cells")
    func table() {
        let text = Table(columns: ["id", "document"], rows: [["a", String(repeating: "x", count: 60)], ["bb", "line\nbreak"]]).text
        let lines = text.split(separator: "\n")
        #expect(lines[0] == "id   document")
        #expect(lines[2] == "a    " + String(repeating: "x", count: 47) + "...")
        #expect(lines[3] == "bb   line break")
        #expect(Table(columns: ["id"]).text == "(0 rows)")
    }
}
