import Foundation

/// A one-line progress bar on stderr, drawn only when a person is watching (stdout and stderr
/// are both terminals); when output is piped it draws nothing.
struct ProgressBar {
    let label: String
    let total: Int
    let isEnabled: Bool
    private(set) var completed = 0

    static let width = 30

    init(label: String, total: Int, isEnabled: Bool = Console.isInteractive) {
        self.label = label
        self.total = total
        self.isEnabled = isEnabled && total > 0
    }

    /// Counts `count` more items done and redraws.
    mutating func advance(by count: Int) {
        completed = min(total, completed + count)
        if isEnabled { Console.err("\r" + Self.render(label: label, completed: completed, total: total)) }
    }

    /// Ends the bar's line.
    func finish() {
        if isEnabled { Console.err("\n") }
    }

    /// `embedding [###############---------------] 500/1000  50%`.
    static func render(label: String, completed: Int, total: Int) -> String {
        let fraction = total > 0 ? Double(completed) / Double(total) : 1
        let filled = Int((fraction * Double(width)).rounded(.down))
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
        let percent = Int((fraction * 100).rounded(.down))
        return "\(label) [\(bar)] \(completed)/\(total) \(percent)%".padding(
            toLength: label.count + width + 30, withPad: " ", startingAt: 0)
    }
}
