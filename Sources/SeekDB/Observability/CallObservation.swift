import CoreMetrics
import Instrumentation
import SeekDBDriver
import Tracing

/// The span and metrics of one public call (see the Observability article for every name).
///
/// The span is a `client` span named `"<operation> <collection>"` (OpenTelemetry's
/// `{db.operation.name} {db.collection.name}`), a child of the task's current span, so a
/// request's trace context flows into the SDK; statement and embedding spans are its children.
struct CallObservation: Sendable {
    private let span: any Span
    private let operation: String
    private let instruments: Instruments
    private let started: ContinuousClock.Instant

    /// The context for the call's body: the task's context with the call's span.
    var context: ServiceContext { span.context }

    init(
        operation: SeekDBOperation, collection: String?, batchSize: Int?,
        configuration: SeekDBClient.Configuration, instruments: Instruments
    ) {
        let operation = operation.rawValue
        self.operation = operation
        self.instruments = instruments
        self.started = .now
        let span = instruments.startSpan(collection.map { "\(operation) \($0)" } ?? operation, ofKind: .client)
        if span.isRecording {
            span.updateAttributes { attributes in
                attributes[SpanAttributeNames.systemName] = SpanAttributeNames.system
                attributes[SpanAttributeNames.namespace] = configuration.database
                attributes[SpanAttributeNames.operationName] = operation
                if let collection { attributes[SpanAttributeNames.collectionName] = collection }
                // OpenTelemetry: a batch has two or more operations.
                if let batchSize, batchSize >= 2 { attributes[SpanAttributeNames.batchSize] = batchSize }
                if let socket = configuration.unixSocketPath {
                    attributes[SpanAttributeNames.serverAddress] = socket
                } else {
                    attributes[SpanAttributeNames.serverAddress] = configuration.host
                    attributes[SpanAttributeNames.serverPort] = configuration.port
                }
            }
        }
        self.span = span
        if let batchSize {
            instruments.counter(MetricNames.callRecords, [("operation", operation)]).increment(by: batchSize)
        }
    }

    /// Ends the span and records the call's duration, and its error by code.
    func end(error: (any Error)?) {
        instruments.timer(MetricNames.callDuration, [("operation", operation)])
            .recordNanoseconds((ContinuousClock.now - started).nanoseconds)
        if let error {
            let code = Self.errorType(error)
            instruments.counter(MetricNames.callErrors, [("operation", operation), ("code", code)]).increment()
            span.attributes[SpanAttributeNames.errorType] = code
            if let server = (error as? SeekDBError)?.serverError {
                span.attributes[SpanAttributeNames.responseStatusCode] = "\(server.number)"
            }
            span.recordError(error)
            span.setStatus(SpanStatus(code: .error))
        }
        span.end()
    }

    /// `error.type`: the ``SeekDBError/Code`` name, `cancelled` for `CancellationError`, else
    /// the error's type name.
    static func errorType(_ error: any Error) -> String {
        if let error = error as? SeekDBError { return error.code.description }
        if error is CancellationError { return "cancelled" }
        return String(describing: type(of: error))
    }
}
