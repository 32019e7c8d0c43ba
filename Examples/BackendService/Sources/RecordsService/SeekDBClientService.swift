import SeekDB
import ServiceLifecycle

/// Ties the app's one ``SeekDBClient`` to the service lifecycle: waits for graceful shutdown,
/// then closes the client's connection pool. Added to the application's services before the
/// HTTP server, so the server (shut down first, in reverse order) has drained its requests by
/// the time the pool closes.
struct SeekDBClientService: Service {
    let client: SeekDBClient

    func run() async throws {
        try? await gracefulShutdown()
        await client.close()
    }
}
