import ArgumentParser

/// How results are printed: a text table for people, or JSON for scripts.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable, Sendable {
    case table
    case json
}

/// `-o table|json`.
struct OutputOptions: ParsableArguments {
    @Option(name: [.customShort("o"), .long], help: "Output format: table or json.")
    var output: OutputFormat = .table

    /// Runs a command's body; on failure prints the error in the chosen format on stderr and
    /// exits with status 1.
    func reportingErrors(_ body: () async throws -> Void) async throws {
        do {
            try await body()
        } catch let exit as ExitCode {
            throw exit
        } catch {
            ErrorReport(error).write(format: output)
            throw ExitCode.failure
        }
    }
}
