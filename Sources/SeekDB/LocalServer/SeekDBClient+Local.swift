public import Logging

extension SeekDBClient {
    /// Opens the local database in the folder `path`, starting a seekdb for it if none runs yet:
    /// pyseekdb's `Client(path="./seekdb.db")`.
    ///
    /// ```swift
    /// let client = try await SeekDBClient(path: "./seekdb.db")
    /// let notes = try await client.getOrCreateCollection(name: "notes")
    /// await client.close()    // the server exits too, unless another client still uses it
    /// ```
    ///
    /// The folder is created (with its parents) if it does not exist, as pyseekdb does, and
    /// holds seekdb's own files: pyseekdb's `Client(path=…)` opens the same folder, and while
    /// either side's server runs, the other attaches to it instead of starting a second one.
    /// The server is reached through its Unix socket only: no TCP port is opened. It keeps
    /// running while any client holds it; ``close()`` releases this client's hold, and a server
    /// this client launched is stopped then unless another client (a second `SeekDBClient(path:)`,
    /// a ``LocalServer`` or another process) still holds it. Unlike pyseekdb, whose server lives
    /// until the Python process exits, closing the last client stops the server.
    ///
    /// - Parameters:
    ///   - path: the data folder, relative to the working directory or absolute.
    ///   - database: the database the collections live in. Default `test`, which exists in a new
    ///     folder; create others with ``SeekDBAdminClient``.
    ///   - server: how to find and run seekdb (binary, memory, timeouts).
    ///   - logger: where the client and the server handling log. Default: no logging.
    /// - Throws: ``SeekDBError`` with ``SeekDBError/Code/serverBinaryNotFound`` or
    ///   ``SeekDBError/Code/serverStartFailed`` (see ``LocalServer/start(dataDirectory:configuration:logger:)``),
    ///   or the errors of ``init(configuration:logger:)``.
    public convenience init(
        path: String, database: String = "test", server: LocalServer.Configuration = .init(),
        logger: Logger? = nil
    ) async throws {
        let localServer = try await LocalServer.start(dataDirectory: path, configuration: server, logger: logger)
        try await self.init(configuration: localServer.clientConfiguration(database: database), logger: logger, localServer: localServer)
    }

    /// Opens the local database in `path` (as ``init(path:database:server:logger:)``), runs `body`
    /// with the client, and closes it, also when `body` throws.
    public static func withClient<R>(
        path: String, database: String = "test", server: LocalServer.Configuration = .init(), logger: Logger? = nil,
        isolation: isolated (any Actor)? = #isolation,
        _ body: (SeekDBClient) async throws -> sending R
    ) async throws -> sending R {
        let client = try await SeekDBClient(path: path, database: database, server: server, logger: logger)
        return try await client.run(body)
    }
}
