import Foundation
import Testing

@testable import SeekDBCLI

@Suite("Progress bar")
struct ProgressBarTests {
    @Test("renders the label, a bar of 30 cells, the counts and the percentage")
    func render() {
        #expect(
            ProgressBar.render(label: "embedding", completed: 50, total: 200).hasPrefix(
                "embedding [#######-----------------------] 50/200 25%"))
        #expect(ProgressBar.render(label: "x", completed: 3, total: 3).hasPrefix("x [" + String(repeating: "#", count: 30) + "] 3/3 100%"))
    }

    @Test("a bar that is not enabled draws nothing; advancing never passes the total")
    func disabled() {
        var bar = ProgressBar(label: "x", total: 2, isEnabled: false)
        bar.advance(by: 5)
        #expect(bar.completed == 2)
        #expect(!bar.isEnabled)
    }

    /// `script` runs the command on a pseudo-terminal, so stdout and stderr are a terminal.
    @Test(
        "seekdb embed draws the bar on a terminal and not when its output is a file",
        .enabled(
            if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script")
                && CLI.environment["SEEKDB_SKIP_MODEL_TESTS"] != "1"))
    func terminal() async throws {
        let texts = (1...40).map { "\"text number \($0)\"" }.joined(separator: "\n")
        let input = FileManager.default.temporaryDirectory.appendingPathComponent("\(CLI.uniqueName("texts")).jsonl")
        try Data(texts.utf8).write(to: input)
        defer { try? FileManager.default.removeItem(at: input) }
        let command = "'\(CLI.executable.path)' embed < '\(input.path)'"
        let onTerminal = try await CLI.runProgram("/usr/bin/script", ["-qec", command, "/dev/null"])
        #expect(onTerminal.status == 0, "\(onTerminal)")
        #expect(onTerminal.stdout.contains("embedding [" + String(repeating: "#", count: 30) + "] 40/40 100%"), "\(onTerminal)")
        #expect(onTerminal.stdout.contains("] 32/40 80%"))

        let piped = try await CLI.runRaw(["embed"], stdin: texts)
        #expect(piped.stdout.split(separator: "\n").count == 40)
        #expect(piped.stderr.isEmpty)
    }

    @Test(
        "seekdb add draws the bar while it embeds documents, on a terminal only",
        .enabled(
            if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script") && CLI.serverConfigured
                && CLI.environment["SEEKDB_SKIP_MODEL_TESTS"] != "1"))
    func addOnTerminal() async throws {
        try await CLI.withCollection(embeddingFunction: true) { name in
            let records = (1...40).map { #"{"id": "r\#($0)", "document": "document number \#($0)"}"# }.joined(separator: "\n")
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("\(CLI.uniqueName("records")).jsonl")
            try Data(records.utf8).write(to: file)
            defer { try? FileManager.default.removeItem(at: file) }
            let command = try ([CLI.executable.path] + CLI.connection() + ["add", name, "--file", file.path]).map { "'\($0)'" }.joined(
                separator: " ")
            let onTerminal = try await CLI.runProgram("/usr/bin/script", ["-qec", command, "/dev/null"])
            #expect(onTerminal.status == 0, "\(onTerminal)")
            #expect(onTerminal.stdout.contains("embedding [" + String(repeating: "#", count: 30) + "] 40/40 100%"), "\(onTerminal)")
            #expect(onTerminal.stdout.contains("Added 40 records to \(name)"))
            let count = try await CLI.run(["collections", "info", name, "-o", "json"])
            #expect((try count.object()["info"] as? [String: Any])?["count"] as? Int == 40)
        }
    }
}
