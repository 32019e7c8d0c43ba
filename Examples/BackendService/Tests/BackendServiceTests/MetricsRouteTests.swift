import Hummingbird
import Prometheus
import SeekDB
import Testing

/// `GET /metrics` serves the SDK's metrics in Prometheus' text format.
@Suite struct MetricsRouteTests {
    @Test func metricsShowTheSDKsCallsStatementsAndPool() async throws {
        let registry = PrometheusCollectorRegistry()
        let configuration = {
            var configuration = ServiceHarness.configuration
            configuration.metricsFactory = PrometheusMetricsFactory(registry: registry)
            return configuration
        }()
        try await ServiceHarness.withCollection(create: ServiceHarness.createWithRecordA) { collection in
            let client = try await SeekDBClient(configuration: configuration)
            try await ServiceHarness.runService(client: client, metricsRegistry: registry) { service in
                let record = try await service.send(.get, "/collections/\(collection.name)/records/a")
                #expect(record.status == .ok)
                let missing = try await service.send(.get, "/collections/no_such_\(collection.name)/records/a")
                #expect(missing.status == .notFound)

                let metrics = try await service.getText("/metrics")
                #expect(metrics.status == .ok)
                let lines = metrics.text.split(separator: "\n").map(String.init)
                func has(_ prefix: String) -> Bool { lines.contains { $0.hasPrefix(prefix) } }
                #expect(has(#"seekdb_call_duration_count{operation="getCollection"}"#))
                #expect(has(#"seekdb_call_duration_count{operation="get"}"#))
                #expect(has(#"seekdb_call_errors_total{operation="getCollection",code="collectionNotFound"} 1"#))
                #expect(has(#"seekdb_statement_duration_count{kind="select"}"#))
                #expect(has(#"seekdb_pool_connections_open{database="\#(configuration.database)"}"#))
                #expect(has(#"seekdb_pool_lease_wait_duration_count{database="\#(configuration.database)"}"#))
            }
        }
    }
}
