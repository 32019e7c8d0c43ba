import Hummingbird
import Logging
import Metrics
import Prometheus
import RecordsService
import SeekDB

// A REST service over seekdb collections. The database comes from SEEKDB_HOST, SEEKDB_PORT,
// SEEKDB_USER, SEEKDB_PASSWORD, SEEKDB_DATABASE (see SeekDBClient.Configuration.fromEnvironment);
// the service listens on HTTP_HOST:HTTP_PORT (default 127.0.0.1:8080) and serves its metrics,
// the SDK's included, at GET /metrics.
var logger = Logger(label: "BackendService")
logger.logLevel = .info
let environment = Environment()
let host = environment.get("HTTP_HOST") ?? "127.0.0.1"
let port = environment.get("HTTP_PORT").flatMap(Int.init) ?? 8080

let registry = PrometheusCollectorRegistry()
MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))

let client = try await SeekDBClient(configuration: .fromEnvironment(), logger: logger)
let app = buildRecordsApplication(
    client: client, configuration: .init(address: .hostname(host, port: port)), logger: logger,
    metricsRegistry: registry)
// Until SIGINT or SIGTERM; then the server drains its requests and the client shuts down.
try await app.runService()
