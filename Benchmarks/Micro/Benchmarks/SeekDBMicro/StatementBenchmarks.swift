import Benchmark

@testable import SeekDB

/// The client's side of a batched write: the SQL text of one statement, and the whole run of a
/// call's statements with their parameters (ids sorted into key order, metadata JSON per
/// record, vectors), without sending anything.
enum StatementBenchmarks {
    static let table = "`c$v1$micro`"

    static func register() {
        // The SDK's chunk: 500 rows per UPDATE … JOIN (SELECT … UNION ALL …).
        Benchmark("update SQL text, 500 rows (metadata + embedding)") { benchmark in
            let statements = RecordStatements(table: table)
            for _ in benchmark.scaledIterations {
                blackHole(statements.update(fields: [.metadata, .embedding], rows: 500, metadataMode: .replace))
            }
        }

        Benchmark("upsert SQL text, 500 rows (document + metadata merge + embedding)") { benchmark in
            let statements = RecordStatements(table: table)
            for _ in benchmark.scaledIterations {
                blackHole(statements.upsert(fields: [.document, .metadata, .embedding], rows: 500, metadataMode: .merge))
            }
        }

        // update(ids:embeddings:metadatas:) / upsert of 1,000 records after validation: every
        // statement's SQL and bound values, as StatementBatcher fills them.
        registerRun("update statements + parameters, 1,000 records (metadata + embedding)", operation: .update) { statements, rows in
            statements.update(fields: [.metadata, .embedding], rows: rows, metadataMode: .replace)
        }
        registerRun("upsert statements + parameters, 1,000 records (metadata merge + embedding)", operation: .upsert) { statements, rows in
            statements.upsert(fields: [.metadata, .embedding], rows: rows, metadataMode: .merge)
        }
    }

    /// A benchmark of ``RecordChanges/send(fields:including:statement:execute:)`` for 1,000
    /// records with metadata and an embedding; `execute` only keeps the sizes.
    private static func registerRun(
        _ name: String, operation: SeekDBOperation,
        statement: @escaping @Sendable (RecordStatements, Int) -> String
    ) {
        Benchmark(name) { benchmark, changes in
            let statements = RecordStatements(table: table)
            for _ in benchmark.scaledIterations {
                _ = try await changes.send(fields: [.metadata, .embedding]) { rows in
                    statement(statements, rows)
                } execute: { sql, rows, parameters in
                    blackHole(sql.utf8.count + rows + parameters.count)
                    return true
                }
            }
        } setup: {
            RecordChanges(
                ids: MicroData.ids(), documents: nil, metadatas: MicroData.metadatas(),
                embeddings: MicroData.vectors(), sparseEmbeddings: nil, operation: operation)
        }
    }
}
