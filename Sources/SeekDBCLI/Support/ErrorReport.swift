import SeekDB

/// What the CLI says about a failure: the error's code, the server's error number (if any) and
/// a message.
struct ErrorReport: Equatable {
    var code: String
    var message: String
    var serverErrorNumber: UInt32?

    init(code: String, message: String, serverErrorNumber: UInt32? = nil) {
        self.code = code
        self.message = message
        self.serverErrorNumber = serverErrorNumber
    }

    init(_ error: any Error) {
        switch error {
        case let error as SeekDBError:
            self.init(code: error.code.description, message: error.message, serverErrorNumber: error.serverErrorNumber)
        case let error as CLIError:
            self.init(code: error.code, message: error.message)
        case let error as EmbeddingError:
            self.init(code: "embeddingFailed", message: error.description)
        case is CancellationError:
            self.init(code: "cancelled", message: "the operation was cancelled")
        default:
            self.init(code: "failed", message: String(describing: error))
        }
    }

    /// `{"error": {"code": …, "message": …, "serverErrorNumber": … or null}}`.
    var json: JSONOutput {
        .object([
            (
                "error",
                .object([
                    ("code", .string(code)),
                    ("message", .string(message)),
                    ("serverErrorNumber", serverErrorNumber.map { .int(Int64($0)) } ?? .null)
                ])
            )
        ])
    }

    /// `seekdb: permissionDenied (server error 1142): INSERT privilege denied …`.
    var text: String {
        let number = serverErrorNumber.map { " (server error \($0))" } ?? ""
        return "seekdb: \(code)\(number): \(message)"
    }

    /// Writes the report on stderr.
    func write(format: OutputFormat) {
        Console.err((format == .json ? json.text : text) + "\n")
    }
}
