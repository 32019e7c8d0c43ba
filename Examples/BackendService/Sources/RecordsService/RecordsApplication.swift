import Hummingbird
import Logging
import SeekDB

/// Builds the records service: the REST routes of ``RecordsController``, JSON errors from
/// ``ErrorResponseMiddleware``, and `client` closed when the application shuts down.
///
/// - Parameters:
///   - client: the one client for the application's lifetime; the application closes it.
///   - configuration: where to listen (Hummingbird's default is 127.0.0.1:8080).
public func buildRecordsApplication(client: SeekDBClient, configuration: ApplicationConfiguration = .init(),
                                    logger: Logger? = nil) -> some ApplicationProtocol {
    let router = Router(context: RecordsRequestContext.self)
    router.add(middleware: ErrorResponseMiddleware())
    RecordsController(client: client).addRoutes(to: router)
    return Application(router: router, configuration: configuration,
                       services: [SeekDBClientService(client: client)], logger: logger)
}
