import SeekDBDriver
import Testing

@testable import SeekDB

struct StatementBatcherTests {
    /// Runs `batcher` over `count` records whose values `row(index)` gives; returns each
    /// statement's record indexes, read back from the first value of every row.
    private func statements(
        _ batcher: StatementBatcher, count: Int, stopAfter: Int = .max,
        row: @escaping (Int) -> [SQLValue]
    ) async throws -> (batches: [[Int]], finished: Bool) {
        var batches: [[Int]] = []
        let finished = try await batcher.run(0..<count) { index, parameters in
            parameters += row(index)
        } send: { rows, parameters in
            #expect(parameters.count == rows * batcher.placeholdersPerRow)
            batches.append(
                stride(from: 0, to: parameters.count, by: batcher.placeholdersPerRow).map {
                    Int(parameters[$0].intValue!)
                })
            return batches.count < stopAfter
        }
        return (batches, finished)
    }

    @Test func statementsEndAtTheRowLimitAndKeepTheOrder() async throws {
        let (batches, finished) = try await statements(StatementBatcher(placeholdersPerRow: 2), count: 1_201) {
            [.int(Int64($0)), .string("x")]
        }
        #expect(finished)
        #expect(batches.map(\.count) == [500, 500, 201])
        #expect(batches.joined().elementsEqual(0..<1_201))
    }

    @Test func statementsEndBeforeTheRecordThatPassesTheByteLimit() async throws {
        let vector = [Float](repeating: 1, count: 300_000)  // 1.2 MB each: three fit in 4 MiB
        let (batches, _) = try await statements(StatementBatcher(placeholdersPerRow: 2), count: 7) {
            [.int(Int64($0)), .vector(vector)]
        }
        #expect(batches == [[0, 1, 2], [3, 4, 5], [6]])
        // A record bigger than the limit on its own still goes, in a statement of its own.
        let huge = [Float](repeating: 1, count: 2_000_000)
        let (alone, _) = try await statements(StatementBatcher(placeholdersPerRow: 2), count: 2) {
            [.int(Int64($0)), .vector(huge)]
        }
        #expect(alone == [[0], [1]])
    }

    @Test func statementsStayUnderThePlaceholderLimitAndStopWhenSendSaysSo() async throws {
        let wide = StatementBatcher(placeholdersPerRow: 1_000)
        let (batches, _) = try await statements(wide, count: 200) { [.int(Int64($0))] + Array(repeating: .null, count: 999) }
        #expect(batches.allSatisfy { $0.count <= 65 })
        #expect(batches.joined().count == 200)

        let (stopped, finished) = try await statements(StatementBatcher(placeholdersPerRow: 1), count: 1_500, stopAfter: 2) {
            [.int(Int64($0))]
        }
        #expect(!finished)
        #expect(stopped.map(\.count) == [500, 500])
    }
}
