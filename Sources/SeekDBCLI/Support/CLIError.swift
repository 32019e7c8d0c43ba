/// An error of the command line itself (bad input file, bad option value), reported like the
/// SDK's errors with a code from the same vocabulary.
struct CLIError: Error, CustomStringConvertible {
    var code: String
    var message: String

    /// Bad input: nothing was sent to the server.
    static func invalidArgument(_ message: String) -> CLIError {
        CLIError(code: "invalidArgument", message: message)
    }

    var description: String { message }
}
