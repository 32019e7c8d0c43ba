import CoreMetrics
import Tracing

/// The span and metrics of one statement: started before the statement is sent, ended with
/// its outcome. The span is a child of the task's current span (the public call's), named by
/// the statement's ``QuerySummary`` and carrying no SQL text and no bound value.
struct StatementObservation {
    private let span: any Span
    private let summary: QuerySummary
    private let instruments: Instruments
    private let started: ContinuousClock.Instant

    init(summary: QuerySummary, configuration: MariaDBConnection.Configuration) {
        self.summary = summary
        self.instruments = configuration.instruments
        self.started = .now
        let span = configuration.instruments.startSpan(summary.text, ofKind: .client)
        if span.isRecording {
            let server = configuration.serverAttributes
            span.updateAttributes { attributes in
                attributes[SpanAttributeNames.systemName] = SpanAttributeNames.system
                if let database = configuration.database { attributes[SpanAttributeNames.namespace] = database }
                attributes[SpanAttributeNames.operationName] = summary.operation
                attributes[SpanAttributeNames.querySummary] = summary.text
                if let table = summary.table { attributes[SpanAttributeNames.collectionName] = table }
                attributes[SpanAttributeNames.serverAddress] = server.address
                if let port = server.port { attributes[SpanAttributeNames.serverPort] = port }
            }
        }
        self.span = span
    }

    /// Ends the span and records the statement's duration (and error, if it failed).
    func end(error: DriverError?) {
        instruments.timer(MetricNames.statementDuration, [("kind", summary.kind)])
            .recordNanoseconds((ContinuousClock.now - started).nanoseconds)
        if let error {
            let code = error.number == 0 ? "\(error.kind)" : "\(error.number)"
            instruments.counter(MetricNames.statementErrors, [("kind", summary.kind), ("code", code)]).increment()
            span.updateAttributes { attributes in
                attributes[SpanAttributeNames.errorType] = code
                if error.number != 0 { attributes[SpanAttributeNames.responseStatusCode] = "\(error.number)" }
            }
            span.setStatus(SpanStatus(code: .error))
        }
        span.end()
    }
}
