import CoreMetrics
import Instrumentation
import Tracing

/// Where the SDK sends metrics and spans: the factory and tracer a client was configured with,
/// or else the ones the application bootstrapped globally (`MetricsSystem.bootstrap`,
/// `InstrumentationSystem.bootstrap`), looked up at each use, so a backend bootstrapped after
/// the client was created is still used. Without either, nothing is recorded.
package struct Instruments: Sendable {
    private let explicitMetricsFactory: (any MetricsFactory)?
    private let explicitTracer: (any Tracer)?

    package init(metricsFactory: (any MetricsFactory)? = nil, tracer: (any Tracer)? = nil) {
        self.explicitMetricsFactory = metricsFactory
        self.explicitTracer = tracer
    }

    package var metricsFactory: any MetricsFactory { explicitMetricsFactory ?? MetricsSystem.factory }
    package var tracer: any Tracer { explicitTracer ?? InstrumentationSystem.tracer }

    /// Starts a span as a child of the task's current span (`ServiceContext.current`).
    package func startSpan(_ name: String, ofKind kind: SpanKind) -> any Span {
        tracer.startAnySpan(
            name, context: ServiceContext.current ?? .topLevel, ofKind: kind,
            function: #function, file: #fileID, line: #line)
    }

    package func timer(_ label: String, _ dimensions: [(String, String)]) -> Timer {
        Timer(label: label, dimensions: dimensions, factory: metricsFactory)
    }

    package func counter(_ label: String, _ dimensions: [(String, String)]) -> Counter {
        Counter(label: label, dimensions: dimensions, factory: metricsFactory)
    }

    package func gauge(_ label: String, _ dimensions: [(String, String)]) -> Gauge {
        Gauge(label: label, dimensions: dimensions, factory: metricsFactory)
    }
}
