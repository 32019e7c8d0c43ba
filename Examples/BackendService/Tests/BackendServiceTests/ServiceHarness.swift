import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import Prometheus
import RecordsService
import SeekDB

/// A reply of the service: its status and its JSON body.
struct Reply: @unchecked Sendable {  // the body is immutable once parsed
    var status: HTTPResponse.Status
    var json: [String: Any]

    /// The `error` object of an error reply.
    var error: [String: Any] { json["error"] as? [String: Any] ?? [:] }
    var errorCode: String? { error["code"] as? String }
    var missingIDs: [String]? { error["missingIDs"] as? [String] }
}

/// Runs the service against the seekdb named by SEEKDB_HOST / SEEKDB_PORT, as a real HTTP
/// server on an ephemeral port (HummingbirdTesting's `.live` mode), on a collection of its own.
enum ServiceHarness {
    static let configuration = SeekDBClient.Configuration.fromEnvironment()

    /// Creates a collection with `create`, starts the service with its own client (which the
    /// service closes on shutdown), runs `body` with an HTTP client, and drops the collection.
    static func withService(
        create: (SeekDBClient, String) async throws -> SeekDBCollection,
        _ body: @escaping @Sendable (ServiceClient, SeekDBCollection) async throws -> Void
    ) async throws {
        try await withCollection(create: create) { collection in
            try await runService { try await body($0, collection) }
        }
    }

    /// Creates a collection with `create`, runs `body` with it, and drops the collection, also
    /// when `body` throws. For tests that start the service themselves.
    static func withCollection(
        create: (SeekDBClient, String) async throws -> SeekDBCollection,
        _ body: (SeekDBCollection) async throws -> Void
    ) async throws {
        let name = "svc_\(UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased())"
        try await SeekDBClient.withClient(configuration: configuration) { setup in
            let collection = try await create(setup, name)
            do {
                try await body(collection)
                try await setup.deleteCollection(name: name)
            } catch {
                try? await setup.deleteCollection(name: name)
                throw error
            }
        }
    }

    /// Creates a 3-d collection without an embedding function holding one record, "a".
    static func createWithRecordA(_ client: SeekDBClient, _ name: String) async throws -> SeekDBCollection {
        let collection = try await client.createCollection(name: name, configuration: .init(dimension: 3), embeddingFunction: nil)
        try await collection.add(ids: ["a"], embeddings: [[1, 2, 3]])
        return collection
    }

    /// Starts the service with `client` (a new one by default) and runs `body` with an HTTP client.
    /// With a `metricsRegistry` the service serves it at `/metrics`.
    static func runService(
        client: SeekDBClient? = nil, metricsRegistry: PrometheusCollectorRegistry? = nil,
        _ body: @escaping @Sendable (ServiceClient) async throws -> Void
    ) async throws {
        let client = if let client { client } else { try await SeekDBClient(configuration: configuration) }
        let app = buildRecordsApplication(
            client: client, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            metricsRegistry: metricsRegistry)
        try await app.test(.live) { http in
            try await body(ServiceClient(http: http))
        }
    }
}

/// Sends JSON requests to the running service.
struct ServiceClient: Sendable {
    let http: any TestClientProtocol

    /// Sends `method uri` with `body` (raw JSON text, sent as is) and parses the JSON reply.
    func send(_ method: HTTPRequest.Method, _ uri: String, _ body: String? = nil) async throws -> Reply {
        let headers: HTTPFields = body == nil ? [:] : [.contentType: "application/json"]
        let response = try await http.executeRequest(
            uri: uri, method: method, headers: headers,
            body: body.map { ByteBuffer(string: $0) })
        let data = Data(response.body.readableBytesView)
        let json = data.isEmpty ? [:] : try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
        return Reply(status: response.status, json: json)
    }

    /// Sends `GET uri` and returns the status and the body as text.
    func getText(_ uri: String) async throws -> (status: HTTPResponse.Status, text: String) {
        let response = try await http.executeRequest(uri: uri, method: .get, headers: [:], body: nil)
        return (response.status, String(buffer: response.body))
    }
}
