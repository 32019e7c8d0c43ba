import Testing

@testable import SeekDBEmbeddings

@Suite("Splitting a batch into shards")
struct ShardingTests {
    /// Every index exactly once, groups non-empty and ascending.
    func checkCover(_ groups: [[Int]], count: Int) {
        #expect(groups.flatMap { $0 }.sorted() == Array(0..<count))
        #expect(groups.allSatisfy { !$0.isEmpty && $0 == $0.sorted() })
    }

    /// The encoder's work for a group.
    func work(_ group: [Int], _ lengths: [Int]) -> Int {
        group.map { LoadedModel.encoderWork(length: lengths[$0]) }.reduce(0, +)
    }

    @Test func oneShardKeepsEverythingInOrder() {
        #expect(LoadedModel.partition(lengths: [5, 3, 9], into: 1) == [[0, 1, 2]])
        #expect(LoadedModel.partition(lengths: [5], into: 4) == [[0]])
    }

    @Test func equalLengthsSplitEvenly() {
        let lengths = Array(repeating: 13, count: 32)
        let groups = LoadedModel.partition(lengths: lengths, into: 2)
        checkCover(groups, count: 32)
        #expect(groups.map(\.count) == [16, 16])
    }

    @Test func oneLongTextsShardTakesFewerShortOnes() {
        let lengths = [13, 13, 256] + Array(repeating: 13, count: 29)
        let groups = LoadedModel.partition(lengths: lengths, into: 2)
        checkCover(groups, count: 32)
        let loads = groups.map { work($0, lengths) }
        // Balanced to within one short text's work.
        #expect(loads.max()! - loads.min()! <= LoadedModel.encoderWork(length: 13))
        #expect(groups.first { $0.contains(2) }!.count < 16)
    }

    @Test func longerTextsCountForMoreThanTheirTokens() {
        #expect(LoadedModel.encoderWork(length: 256) > 256 / 13 * LoadedModel.encoderWork(length: 13))
    }

    @Test func neverMoreShardsThanTexts() {
        let groups = LoadedModel.partition(lengths: [4, 8, 6], into: 8)
        checkCover(groups, count: 3)
        #expect(groups.count == 3)
    }
}
