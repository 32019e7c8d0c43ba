import Hummingbird
import Logging
import NIOCore
import Prometheus
import SeekDB

/// Builds the records service: the REST routes of ``RecordsController``, JSON errors from
/// ``ErrorResponseMiddleware``, `/metrics` when a Prometheus registry is given, and the client
/// and the HTTP server in one service group.
///
/// The client is a `ServiceLifecycle` service of its own (`SeekDBClient` conforms to
/// `Service`), listed before the server: on graceful shutdown the server stops accepting and
/// drains its requests first, then the client shuts down (refusing new calls, letting calls in
/// flight finish within its grace period, closing its connections).
///
/// - Parameters:
///   - client: the one client for the application's lifetime; the application shuts it down.
///   - configuration: where to listen (Hummingbird's default is 127.0.0.1:8080).
///   - metricsRegistry: the registry `GET /metrics` renders in Prometheus' text format
///     (the client's metrics land there when the application bootstrapped a
///     `PrometheusMetricsFactory` over it, or set it as the client's `metricsFactory`).
///     `nil`: no `/metrics` route.
///   - onServerRunning: called once the server listens (tests read the port from the channel).
public func buildRecordsApplication(
    client: SeekDBClient, configuration: ApplicationConfiguration = .init(),
    logger: Logger? = nil, metricsRegistry: PrometheusCollectorRegistry? = nil,
    onServerRunning: @escaping @Sendable (any Channel) async -> Void = { _ in }
)
    -> some ApplicationProtocol
{
    let router = Router(context: RecordsRequestContext.self)
    router.add(middleware: ErrorResponseMiddleware())
    RecordsController(client: client).addRoutes(to: router)
    if let metricsRegistry {
        router.get("metrics") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(bytes: metricsRegistry.emitToBuffer())))
        }
    }
    return Application(
        router: router, configuration: configuration,
        services: [client], onServerRunning: onServerRunning, logger: logger)
}
