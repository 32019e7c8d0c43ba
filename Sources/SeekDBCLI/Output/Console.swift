import Foundation

/// Writing to stdout and stderr, and whether they are a terminal.
enum Console {
    /// Prints a line on stdout.
    static func out(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }

    /// Writes text on stderr as is.
    static func err(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }

    /// Prints `value` as JSON (`-o json`) or `table` as a table.
    static func result(_ format: OutputFormat, json value: @autoclosure () -> JSONOutput, table: @autoclosure () -> String) {
        switch format {
        case .json: out(value().text)
        case .table: out(table())
        }
    }

    /// `true` when both stdout and stderr are terminals: a person is watching, nothing is piped.
    static var isInteractive: Bool {
        isatty(STDOUT_FILENO) == 1 && isatty(STDERR_FILENO) == 1
    }
}
