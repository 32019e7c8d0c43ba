import CoreMetrics
import SeekDBDriver
import Tracing

extension Instruments {
    /// Runs an embedding function for `texts` texts inside an `embed` span (a child of the
    /// call's span) and records the texts and the time it took.
    ///
    /// - Parameter kind: `dense` or `sparse` (the span's `seekdb.embedding.kind`, the metrics' `kind` label).
    func observeEmbedding<R>(kind: String, texts: Int, _ body: () async throws -> R) async throws -> R {
        let span = startSpan("embed", ofKind: .internal)
        span.attributes[SpanAttributeNames.embeddingKind] = kind
        span.attributes[SpanAttributeNames.embeddingTexts] = texts
        counter(MetricNames.embeddingTexts, [("kind", kind)]).increment(by: texts)
        let started = ContinuousClock.now
        defer {
            timer(MetricNames.embeddingDuration, [("kind", kind)]).recordNanoseconds((ContinuousClock.now - started).nanoseconds)
            span.end()
        }
        do {
            return try await ServiceContext.withValue(span.context) { try await body() }
        } catch {
            span.recordError(error)
            span.attributes[SpanAttributeNames.errorType] = CallObservation.errorType(error)
            span.setStatus(SpanStatus(code: .error))
            throw error
        }
    }
}
