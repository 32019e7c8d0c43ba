import Foundation
import Hummingbird
import SeekDB
import Testing

/// When the database cannot be used the service answers 503 with the SDK's code.
@Suite struct UnavailableDatabaseTests {
    @Test func closedClientAnswers503() async throws {
        let client = try await SeekDBClient(configuration: ServiceHarness.configuration)
        await client.close()
        try await ServiceHarness.runService(client: client) { service in
            let reply = try await service.send(.get, "/collections/books/records/a")
            #expect(reply.status == .serviceUnavailable)
            #expect(reply.errorCode == "clientClosed")
        }
    }
}
