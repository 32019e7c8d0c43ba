public import ServiceLifecycle

extension SeekDBClient: Service {
    /// Holds the client until graceful shutdown, then shuts it down (``shutdown(gracePeriod:)``
    /// with ``Configuration/Options/shutdownGracePeriod``): a `ServiceLifecycle` service.
    ///
    /// Add the client to the application's `ServiceGroup` before the services that use it (an
    /// HTTP server): services shut down in reverse order, so the server has drained its requests
    /// when the client closes.
    ///
    /// ```swift
    /// let client = try await SeekDBClient(configuration: .fromEnvironment())
    /// let group = ServiceGroup(services: [client, app], gracefulShutdownSignals: [.sigterm], logger: logger)
    /// try await group.run()
    /// ```
    ///
    /// When the service's task is cancelled instead (a non-graceful stop), the client shuts down
    /// without a grace period: calls in flight are cancelled at once.
    public func run() async throws {
        try? await gracefulShutdown()
        await shutdown(gracePeriod: Task.isCancelled ? .zero : configuration.options.shutdownGracePeriod)
    }

    /// Closes the client gracefully: new calls fail at once with
    /// ``SeekDBError/Code/clientClosed``; calls in flight may finish within `gracePeriod`, and
    /// are cancelled when it ends (a running statement is killed on the server); then the
    /// connections close and a ``localServer`` the client holds is released.
    ///
    /// - Parameter gracePeriod: how long calls in flight may run on; `nil` (default):
    ///   ``Configuration/Options/shutdownGracePeriod``.
    public func shutdown(gracePeriod: Duration? = nil) async {
        let gracePeriod = gracePeriod ?? configuration.options.shutdownGracePeriod
        let calls = self.calls
        calls.close()
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await calls.waitUntilDrained() }
            group.addTask {
                // Ends early (cancelled) when the calls drain first; cancelling none is harmless then.
                try? await Task.sleep(for: gracePeriod)
                calls.cancelAll()
            }
            await group.next()
            group.cancelAll()
            await group.waitForAll()
        }
        await close()
    }

    /// Public calls in flight right now: admitted and not yet returned (for health checks,
    /// diagnostics and tests of shutdown).
    public var callsInFlight: Int { calls.count }
}
