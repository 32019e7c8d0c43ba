import InMemoryTracing
import MetricsTestKit
import SeekDB
import SeekDBTesting
import ServiceContextModule
import Testing
import Tracing

/// Metrics and spans of real calls, recorded by swift-metrics' `TestMetrics` and
/// swift-distributed-tracing's `InMemoryTracer`, given to the client in its configuration (so
/// tests running at the same time do not see each other's records).
@Suite(.enabled(if: TestEnvironment.isEnabled), .seekdbDatabase)
struct ObservabilityTests {
    static func configuration(metrics: TestMetrics, tracer: InMemoryTracer) throws -> SeekDBClient.Configuration {
        var configuration = try TestEnvironment.configuration
        configuration.metricsFactory = metrics
        configuration.tracer = tracer
        return configuration
    }

    /// Runs `body` with an instrumented client on a new collection with `LetterCountEmbedding`.
    func withInstrumentedCollection(
        _ body: (SeekDBClient, SeekDBCollection, TestMetrics, InMemoryTracer) async throws -> Void
    ) async throws {
        let metrics = TestMetrics()
        let tracer = InMemoryTracer()
        try await withTestCollection(dimension: 4, embeddingFunction: LetterCountEmbedding()) { _, setup in
            try await SeekDBClient.withClient(configuration: Self.configuration(metrics: metrics, tracer: tracer)) { client in
                let collection = try await client.getCollection(name: setup.name, embeddingFunction: LetterCountEmbedding())
                tracer.clearAll()
                metrics.reset()
                try await body(client, collection, metrics, tracer)
            }
        }
    }

    @Test func aCallIsOneClientSpanWithDatabaseAttributes() async throws {
        try await withInstrumentedCollection { _, collection, _, tracer in
            try await collection.add(ids: ["a", "b"], embeddings: [[1, 0, 0, 0], [0, 1, 0, 0]])
            let calls = tracer.finishedSpans.filter { $0.operationName == "add \(collection.name)" }
            let call = try #require(calls.count == 1 ? calls.first : nil)
            let configuration = try TestEnvironment.configuration
            #expect(call.kind == .client)
            #expect(call.attributes.get("db.system.name") == .string("oceanbase"))
            #expect(call.attributes.get("db.namespace") == .string(configuration.database))
            #expect(call.attributes.get("db.collection.name") == .string(collection.name))
            #expect(call.attributes.get("db.operation.name") == .string("add"))
            #expect(call.attributes.get("db.operation.batch.size") == .int64(2))
            #expect(call.attributes.get("server.address") == .string(configuration.host))
            #expect(call.attributes.get("server.port") == .int64(Int64(configuration.port)))
            #expect(call.attributes.get("error.type") == nil)
            #expect(call.status == nil)
        }
    }

    @Test func statementsAreChildSpansWithASummaryAndNoValues() async throws {
        try await withInstrumentedCollection { _, collection, _, tracer in
            try await collection.add(
                ids: ["secret-id-1", "secret-id-2"], embeddings: [[1, 0, 0, 0], [0, 1, 0, 0]],
                metadatas: [["k": "secret-value"], ["k": 2]])
            let spans = tracer.finishedSpans
            let call = try #require(spans.first { $0.operationName == "add \(collection.name)" })
            let statements = spans.filter { $0.parentSpanID == call.spanID && $0.operationName != "embed" }
            // START TRANSACTION, the INSERT, COMMIT.
            #expect(statements.map(\.operationName).contains("START TRANSACTION"))
            #expect(statements.map(\.operationName).contains("COMMIT"))
            let insert = try #require(statements.first { $0.operationName.hasPrefix("INSERT ") })
            #expect(insert.attributes.get("db.operation.name") == .string("INSERT"))
            #expect(insert.attributes.get("db.query.summary") == .string(insert.operationName))
            #expect(insert.traceID == call.traceID)
            for span in spans {
                var texts = [span.operationName]
                // swift-format-ignore: ReplaceForEachWithForLoop
                span.attributes.forEach { _, value in texts.append("\(value)") }  // not a Sequence
                #expect(!texts.contains { $0.contains("secret") }, "span \(span.operationName) shows a bound value")
            }
        }
    }

    @Test func embeddingIsAChildSpanAndCounted() async throws {
        try await withInstrumentedCollection { _, collection, metrics, tracer in
            try await collection.add(ids: ["a", "b", "c"], documents: ["abba", "cab", "dd"])
            let spans = tracer.finishedSpans
            let call = try #require(spans.first { $0.operationName == "add \(collection.name)" })
            let embed = try #require(spans.first { $0.operationName == "embed" })
            #expect(embed.parentSpanID == call.spanID)
            #expect(embed.attributes.get("seekdb.embedding.texts") == .int64(3))
            #expect(embed.attributes.get("seekdb.embedding.kind") == .string("dense"))
            #expect(try metrics.expectCounter("seekdb_embedding_texts_total", [("kind", "dense")]).totalValue == 3)
            #expect(try metrics.expectTimer("seekdb_embedding_duration", [("kind", "dense")]).values.count == 1)
        }
    }

    @Test func theTasksTraceContextFlowsIn() async throws {
        try await withInstrumentedCollection { _, collection, _, tracer in
            // As a server framework's tracing middleware does: the request's span is the task's context.
            let request = tracer.startSpan("handle request", context: .topLevel)
            _ = try await ServiceContext.withValue(request.context) { try await collection.count() }
            request.end()
            let spans = tracer.finishedSpans
            let handled = try #require(spans.first { $0.operationName == "handle request" })
            let call = try #require(spans.first { $0.operationName == "count \(collection.name)" })
            #expect(call.parentSpanID == handled.spanID)
            #expect(call.traceID == handled.traceID)
        }
    }

    @Test func callsAreTimedCountedAndTheirErrorsCountedByCode() async throws {
        try await withInstrumentedCollection { _, collection, metrics, tracer in
            try await collection.add(ids: ["a", "b"], embeddings: [[1, 0, 0, 0], [0, 1, 0, 0]])
            try await collection.update(ids: ["a", "b"], metadatas: [["n": 1], ["n": 2]])
            _ = try await collection.get(ids: "a")
            await #expect(throws: SeekDBError.self) {
                try await collection.update(ids: ["a", "missing"], metadatas: [["n": 1], ["n": 2]])
            }
            await #expect(throws: SeekDBError.self) {
                try await collection.add(ids: [""], embeddings: [[1, 0, 0, 0]])  // invalid: nothing is sent
            }
            #expect(try metrics.expectTimer("seekdb_call_duration", [("operation", "add")]).values.count == 2)
            #expect(try metrics.expectTimer("seekdb_call_duration", [("operation", "update")]).values.count == 2)
            #expect(try metrics.expectTimer("seekdb_call_duration", [("operation", "get")]).values.count == 1)
            #expect(try metrics.expectCounter("seekdb_call_records_total", [("operation", "add")]).totalValue == 3)
            #expect(try metrics.expectCounter("seekdb_call_records_total", [("operation", "update")]).totalValue == 4)
            #expect(
                try metrics.expectCounter("seekdb_call_errors_total", [("operation", "update"), ("code", "recordsNotFound")]).totalValue
                    == 1)
            #expect(
                try metrics.expectCounter("seekdb_call_errors_total", [("operation", "add"), ("code", "invalidArgument")]).totalValue == 1)
            let failed = try #require(
                tracer.finishedSpans.first {
                    $0.operationName == "add \(collection.name)" && $0.attributes.get("error.type") != nil
                })
            #expect(failed.attributes.get("error.type") == .string("invalidArgument"))
            #expect(failed.status?.code == .error)
            #expect(failed.errors.count == 1)
        }
    }

    @Test func statementsAreTimedByKindAndServerErrorsCounted() async throws {
        try await withInstrumentedCollection { client, collection, metrics, tracer in
            try await collection.add(ids: ["a"], embeddings: [[1, 0, 0, 0]])
            _ = try await collection.get(ids: "a")
            #expect(try metrics.expectTimer("seekdb_statement_duration", [("kind", "insert")]).values.count >= 1)
            #expect(try metrics.expectTimer("seekdb_statement_duration", [("kind", "select")]).values.count >= 1)
            await #expect(throws: SeekDBError.self) {
                try await client.executeText("SELECT * FROM no_such_table_\(collection.name)")
            }
            let errors = metrics.counters(label: "seekdb_statement_errors_total")
            #expect(errors.contains { $0.dimensions.contains { $0 == ("code", "1146") } })
            let failed = try #require(tracer.finishedSpans.first { $0.operationName == "SELECT no_such_table_\(collection.name)" })
            #expect(failed.attributes.get("db.response.status_code") == .string("1146"))
            #expect(failed.status?.code == .error)
        }
    }

    @Test func poolGaugesAndLeaseWaitsAreRecorded() async throws {
        try await withInstrumentedCollection { client, collection, metrics, _ in
            _ = try await collection.count()
            let database = try [("database", TestEnvironment.configuration.database)]
            let open = try metrics.expectGauge("seekdb_pool_connections_open", database)
            let idle = try metrics.expectGauge("seekdb_pool_connections_idle", database)
            let leased = try metrics.expectGauge("seekdb_pool_connections_leased", database)
            let waiters = try metrics.expectGauge("seekdb_pool_waiters", database)
            // After the call: its connection is back, idle.
            #expect(open.lastValue == Double(await client.openConnections))
            #expect(leased.lastValue == 0)
            #expect(idle.lastValue == open.lastValue)
            #expect(waiters.lastValue == 0)
            #expect(leased.values.contains { $0 >= 1 })
            #expect(try metrics.expectTimer("seekdb_pool_lease_wait_duration", database).values.count >= 1)
        }
    }
}
