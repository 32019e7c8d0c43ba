import Foundation
import Hummingbird
import SeekDB
import Testing

/// Bodies up to 32 MiB are read (Hummingbird's default limit is 2 MiB); larger ones get 413.
@Suite struct LargeBodyTests {
    @Test func batchesBeyondTwoMiBAreAcceptedAndOversizedBodiesRefused() async throws {
        try await ServiceHarness.withService(create: RecordRoutesTests.create) { service, collection in
            let path = "/collections/\(collection.name)/records"
            let count = 800
            let ids = (0..<count).map { "r\($0)" }
            let document = String(repeating: "x", count: 3000)
            let body: [String: Any] = [
                "ids": ids,
                "documents": Array(repeating: document, count: count),
                "embeddings": (0..<count).map { [Double($0), 1, 0, 0] }
            ]
            let json = String(decoding: try JSONSerialization.data(withJSONObject: body), as: UTF8.self)
            #expect(json.utf8.count > 2 * 1024 * 1024)
            let added = try await service.send(.post, path, json)
            #expect(added.status == .created)
            #expect(try await collection.count() == count)

            let oversized = #"{"ids": ["big"], "documents": [""# + String(repeating: "y", count: 33 * 1024 * 1024) + #""]}"#
            let refused = try await service.send(.post, path, oversized)
            #expect(refused.status == .contentTooLarge)
            #expect(refused.errorCode == "contentTooLarge")
            #expect(try await collection.count() == count)
        }
    }
}
