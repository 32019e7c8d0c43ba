// Times the candidate statement forms for a batched update of existing rows on a real seekdb,
// interleaved over several rounds, and prints the medians. The SDK's update uses the winner.
//
// Environment: SEEKDB_HOST / SEEKDB_PORT / SEEKDB_USER / SEEKDB_PASSWORD / SEEKDB_DATABASE.
// Run from this folder: swift run -c release UpdateForms [rows] [rounds]
import Foundation
import SeekDB

let rows = CommandLine.arguments.count > 1 ? Int(CommandLine.arguments[1]) ?? 1000 : 1000
let rounds = CommandLine.arguments.count > 2 ? Int(CommandLine.arguments[2]) ?? 5 : 5
let dimension = 384
let rowsPerStatement = 500

enum Form: String, CaseIterable {
    case insertOnDuplicateKey = "INSERT … ON DUPLICATE KEY UPDATE"
    case joinUnionAll = "UPDATE … JOIN (SELECT … UNION ALL …)"
    case lockThenJoin = "SELECT … FOR UPDATE, then UPDATE … JOIN"
    case joinValuesRow = "UPDATE … JOIN (VALUES ROW(…), …)"
    case oneUpdatePerRow = "one UPDATE per row (baseline)"
}

enum Workload: String, CaseIterable {
    case full = "document + metadata + 384-d embedding"
    case metadataOnly = "metadata only"
}

struct Row {
    var id: String
    var document: String
    var metadata: String
    var embedding: [Float]
}

func makeRows(round: Int) -> [Row] {
    (0..<rows).map { index in
        Row(
            id: "id-\(index)", document: "document \(index) round \(round)",
            metadata: #"{"round": \#(round), "index": \#(index), "tag": "t\#(index % 7)"}"#,
            embedding: (0..<dimension).map { Float(($0 + index + round) % 17) / 17 + 0.01 })
    }
}

/// SQL and parameters for one statement of `chunk`.
func statement(_ form: Form, _ workload: Workload, table: String, chunk: ArraySlice<Row>) -> [(String, [SQLValue])] {
    let full = workload == .full
    func values(_ row: Row) -> [SQLValue] {
        full
            ? [.bytes(Array(row.id.utf8)), .string(row.document), .string(row.metadata), .vector(row.embedding)]
            : [.bytes(Array(row.id.utf8)), .string(row.metadata)]
    }
    let rowPlaceholders = full ? "?, ?, ?, CAST(? AS BINARY)" : "?, ?"
    let columns = full ? ["document", "metadata", "embedding"] : ["metadata"]
    let parameters = chunk.flatMap(values)
    switch form {
    case .insertOnDuplicateKey:
        let sql =
            "INSERT INTO \(table) (_id, \(columns.joined(separator: ", "))) VALUES "
            + Array(repeating: "(\(rowPlaceholders))", count: chunk.count).joined(separator: ", ")
            + " ON DUPLICATE KEY UPDATE " + columns.map { "\($0) = VALUES(\($0))" }.joined(separator: ", ")
        return [(sql, parameters)]
    case .joinUnionAll, .lockThenJoin:
        let first =
            "SELECT "
            + (["?"] + columns.map { $0 == "embedding" ? "CAST(? AS BINARY)" : "?" })
            .enumerated().map { index, p in "\(p) AS \(index == 0 ? "_id" : columns[index - 1])" }.joined(separator: ", ")
        let rest = Array(repeating: " UNION ALL SELECT \(rowPlaceholders)", count: chunk.count - 1).joined()
        let sql =
            "UPDATE \(table) t JOIN (\(first)\(rest)) v ON t._id = v._id SET "
            + columns.map { "t.\($0) = v.\($0)" }.joined(separator: ", ")
        guard form == .lockThenJoin else { return [(sql, parameters)] }
        let lock =
            "SELECT _id FROM \(table) WHERE _id IN (" + Array(repeating: "?", count: chunk.count).joined(separator: ", ") + ") FOR UPDATE"
        return [(lock, chunk.map { .bytes(Array($0.id.utf8)) }), (sql, parameters)]
    case .joinValuesRow:
        let sql =
            "UPDATE \(table) t JOIN (VALUES "
            + Array(repeating: "ROW(\(rowPlaceholders))", count: chunk.count).joined(separator: ", ")
            + ") AS v(_id, \(columns.joined(separator: ", "))) ON t._id = v._id SET "
            + columns.map { "t.\($0) = v.\($0)" }.joined(separator: ", ")
        return [(sql, parameters)]
    case .oneUpdatePerRow:
        let sql =
            "UPDATE \(table) SET "
            + columns.map { $0 == "embedding" ? "embedding = CAST(? AS BINARY)" : "\($0) = ?" }
            .joined(separator: ", ") + " WHERE _id = ?"
        return chunk.map { row in
            let v = values(row)
            return (sql, Array(v.dropFirst()) + [v[0]])
        }
    }
}

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
}

var configuration = SeekDBClient.Configuration.fromEnvironment()
configuration.pool.maximumConnections = 1  // every statement below runs on the same connection
try await SeekDBClient.withClient(configuration: configuration) { client in
    let name = "update_forms_\(UInt32.random(in: 0...UInt32.max))"
    let collection = try await client.createCollection(
        name: name, configuration: HNSWConfiguration(dimension: dimension, distance: .cosine), embeddingFunction: nil)
    let table = "`c$v2$\(collection.id ?? "")`"
    let initial = makeRows(round: 0)
    try await collection.add(
        ids: IDs(initial.map(\.id)), embeddings: Embeddings(initial.map(\.embedding)),
        documents: Documents(initial.map(\.document)))

    var timings: [Workload: [Form: [Double]]] = [:]
    var unsupported: [Workload: [Form: String]] = [:]
    var round = 1
    for _ in 0..<rounds {
        for workload in Workload.allCases {
            for form in Form.allCases where unsupported[workload]?[form] == nil {
                let data = makeRows(round: round)
                round += 1
                let start = ContinuousClock.now
                _ = try await client.executeText("START TRANSACTION")
                do {
                    for chunkStart in stride(from: 0, to: data.count, by: rowsPerStatement) {
                        let chunk = data[chunkStart..<min(data.count, chunkStart + rowsPerStatement)]
                        for (sql, parameters) in statement(form, workload, table: table, chunk: chunk) {
                            _ = try await client.execute(sql, parameters)
                        }
                    }
                } catch {
                    _ = try await client.executeText("ROLLBACK")
                    unsupported[workload, default: [:]][form] = "\(error)"
                    continue
                }
                _ = try await client.executeText("COMMIT")
                let elapsed = start.duration(to: .now)
                let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
                timings[workload, default: [:]][form, default: []].append(seconds * 1000)
                // Check the write happened.
                let check = try await collection.get(ids: IDs(data.last!.id), include: .metadatas)
                guard case .int(let r)? = check.metadatas?.first??["round"], r == round - 1 else {
                    fatalError("\(form.rawValue) did not update the rows")
                }
            }
        }
    }
    print("Update of \(rows) existing rows, \(rowsPerStatement) rows per statement, one transaction; median of \(rounds) rounds (ms)\n")
    print("| workload | form | median ms | vs fastest |")
    print("|---|---|---:|---:|")
    for workload in Workload.allCases {
        let medians = Form.allCases.compactMap { form in timings[workload]?[form].map { (form, median($0)) } }
        let fastest = medians.map(\.1).min()!
        for (form, value) in medians {
            print(
                "| \(workload.rawValue) | \(form.rawValue) | \(String(format: "%.1f", value)) | "
                    + "\(String(format: "%.2f×", value / fastest)) |"
            )
        }
    }
    for (workload, forms) in unsupported {
        for (form, error) in forms { print("| \(workload.rawValue) | \(form.rawValue) | fails: \(error) | |") }
    }
    try await client.deleteCollection(name: name)
}
