import Foundation
import Logging
import SeekDB
import SeekDBTesting
import Synchronization
import Testing

/// Passwords never reach logs, error descriptions or the configuration's descriptions; TLS
/// options reach the connector.
@Suite(.enabled(if: TestEnvironment.isEnabled), .seekdbDatabase)
struct SecretTests {
    @Test func passwordsNeverAppearInLogsErrorsOrDescriptions() async throws {
        let lines = CapturedLog()
        let logger = Logger(label: "seekdb.secrets") { _ in CapturingLogHandler(lines: lines) }
        try await withTestClient { admin in
            try await withRestrictedUser(admin, privileges: "SELECT, INSERT, UPDATE, DELETE, CREATE, DROP") { configuration, _ in
                let password = try #require(configuration.password)
                var texts: [String] = []

                // A successful session, logged at trace level.
                try await SeekDBClient.withClient(configuration: configuration, logger: logger) { client in
                    _ = try await client.execute("SELECT ?", [.int(1)])
                    _ = try await client.listCollections()
                }
                // A wrong password: the failure is logged and described.
                var wrong = configuration
                wrong.password = password + "-wrong"
                let authError = try await #require(throws: SeekDBError.self) {
                    _ = try await SeekDBClient(configuration: wrong, logger: logger)
                }
                #expect(authError.code == .authenticationFailed)
                // Unreachable server and a bad configuration.
                var unreachable = configuration
                unreachable.port = 1
                let connectError = try await #require(throws: SeekDBError.self) {
                    _ = try await SeekDBClient(configuration: unreachable, logger: logger)
                }
                var invalid = configuration
                invalid.pool.maximumConnections = 0
                let invalidError = try await #require(throws: SeekDBError.self) {
                    _ = try await SeekDBClient(configuration: invalid, logger: logger)
                }
                for error in [authError, connectError, invalidError] {
                    texts += [
                        "\(error)", String(reflecting: error), error.message, error.serverError?.message ?? "",
                        "\(error.localizedDescription)"
                    ]
                }
                for configuration in [configuration, wrong] {
                    var dumped = ""
                    dump(configuration, to: &dumped)
                    texts += ["\(configuration)", String(reflecting: configuration), dumped]
                }
                let logged = lines.all
                #expect(!logged.isEmpty, "the logger captured nothing")
                texts += logged
                for text in texts {
                    #expect(!text.contains(password), "the password appears in: \(text.prefix(300))")
                }
                print("SecretTests: \(logged.count) log lines and \(texts.count - logged.count) descriptions checked, no password")
            }
        }
    }

    @Test func requiringTLSAgainstThePlainServerFailsClearly() async throws {
        var configuration = try TestEnvironment.configuration
        configuration.tls = .require()
        let error = try await #require(throws: SeekDBError.self) {
            _ = try await SeekDBClient(configuration: configuration)
        }
        #expect(error.code == .tlsFailed, "\(error)")
        #expect(error.message.contains("TLS"), "\(error)")
        print("SecretTests: TLS required against the plain server: \(error)")
    }
}

/// Every line a ``CapturingLogHandler`` received: message and metadata.
final class CapturedLog: Sendable {
    private let storage = Mutex<[String]>([])
    func append(_ line: String) { storage.withLock { $0.append(line) } }
    var all: [String] { storage.withLock { $0 } }
}

/// A swift-log handler that records everything at trace level.
struct CapturingLogHandler: LogHandler {
    let lines: CapturedLog
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let merged = metadata.merging(event.metadata ?? [:]) { _, new in new }
        lines.append("\(event.level) \(event.message) \(merged.sorted { $0.key < $1.key })")
    }
}
