import Testing

@testable import SeekDBEmbeddings

@Suite("Splitting a batch into shards")
struct ShardingTests {
    /// Every index exactly once, groups non-empty and ascending.
    func checkCover(_ groups: [[Int]], count: Int) {
        #expect(groups.flatMap { $0 }.sorted() == Array(0..<count))
        #expect(groups.allSatisfy { !$0.isEmpty && $0 == $0.sorted() })
    }

    /// The rows the encoder processes for a group: count × longest.
    func paddedSize(_ group: [Int], _ lengths: [Int]) -> Int {
        group.count * (group.map { lengths[$0] }.max() ?? 0)
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

    @Test func oneLongTextGoesMostlyAlone() {
        let lengths = [13, 13, 256] + Array(repeating: 13, count: 29)
        let groups = LoadedModel.partition(lengths: lengths, into: 2)
        checkCover(groups, count: 32)
        let sizes = groups.map { paddedSize($0, lengths) }
        // The long text's group is not padded with the short ones to 256 each.
        #expect(sizes.max()! <= 2 * 256)
    }

    @Test func neverMoreShardsThanTexts() {
        let groups = LoadedModel.partition(lengths: [4, 8, 6], into: 8)
        checkCover(groups, count: 3)
        #expect(groups.count == 3)
    }
}
