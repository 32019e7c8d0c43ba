import Foundation
import Testing

@testable import SeekDBTesting

/// The folder a killed test process left is removed; a live process's folder is kept.
@Suite("Folders of killed test processes")
struct AbandonedFolderTests {
    @Test func removesOnlyFoldersOfProcessesThatAreGone() throws {
        let parent = FileManager.default.temporaryDirectory.appendingPathComponent("abandoned-\(UUID().uuidString.prefix(8))").path
        defer { try? FileManager.default.removeItem(atPath: parent) }
        let finished = Process()
        finished.executableURL = URL(fileURLWithPath: "/bin/true")
        try finished.run()
        finished.waitUntilExit()
        let dead = "\(parent)/seekdb-testing-\(finished.processIdentifier)-0badf00d"
        let mine = "\(parent)/seekdb-testing-\(ProcessInfo.processInfo.processIdentifier)-0badf00d"
        let unrelated = "\(parent)/seekdb-testing-notes"
        for folder in [dead, mine, unrelated] {
            try FileManager.default.createDirectory(atPath: folder + "/data/run", withIntermediateDirectories: true)
        }
        AbandonedFolders.remove(in: parent)
        #expect(!FileManager.default.fileExists(atPath: dead))
        #expect(FileManager.default.fileExists(atPath: mine))
        #expect(FileManager.default.fileExists(atPath: unrelated))
    }
}
