import Instrumentation
import SeekDBDriver
import Tracing

extension SeekDBClient {
    /// Runs one public call: admits it (``SeekDBError/Code/clientClosed`` once the client is
    /// closing), traces it as a span with OpenTelemetry's database attributes, records its
    /// metrics, and runs it in a task that shutdown can cancel when its grace period ends.
    ///
    /// Every public verb goes through here exactly once; a public call made inside another
    /// (`getOrCreateCollection` calling `getCollection`) is part of the outer call: it is not
    /// admitted, traced or counted again.
    ///
    /// - Parameters:
    ///   - operation: the verb, e.g. `update` (`db.operation.name`, the metrics' `operation` label).
    ///   - collection: the collection's name (`db.collection.name`), if the call has one.
    ///   - batchSize: the records the call was given (`db.operation.batch.size` when 2 or more).
    func withCall<R: Sendable>(
        _ operation: SeekDBOperation, collection: String? = nil, batchSize: Int? = nil,
        _ body: @escaping @Sendable () async throws -> R
    ) async throws -> R {
        if CallScope.isInsideCall { return try await body() }
        let id = try calls.enter()
        defer { calls.leave(id) }
        let observation = CallObservation(
            operation: operation, collection: collection, batchSize: batchSize,
            configuration: configuration, instruments: instruments)
        do {
            let result = try await ServiceContext.withValue(observation.context) {
                let task = Task {
                    try await CallScope.$isInsideCall.withValue(true) { try await body() }
                }
                calls.register(id) { task.cancel() }
                return try await withTaskCancellationHandler {
                    try await task.value
                } onCancel: {
                    task.cancel()
                }
            }
            observation.end(error: nil)
            return result
        } catch {
            observation.end(error: error)
            throw error
        }
    }
}

/// Whether the current task is inside a public call already.
enum CallScope {
    @TaskLocal static var isInsideCall = false
}
