import Foundation

/// A plain text table, as pyseekdb's CLI prints one: padded columns, a dashed rule under the
/// header, cells cut at 50 characters, `(0 rows)` when empty.
struct Table {
    var columns: [String]
    var rows: [[String]] = []

    static let maximumCellWidth = 50

    var text: String {
        guard !rows.isEmpty else { return "(0 rows)" }
        let cells = rows.map { $0.map(Self.cut) }
        var widths = columns.map { max($0.count, 3) }
        for row in cells {
            for (index, cell) in row.enumerated() where index < widths.count { widths[index] = max(widths[index], cell.count) }
        }
        func line(_ values: [String]) -> String {
            values.enumerated().map { index, value in
                index == values.count - 1 ? value : value.padding(toLength: widths[index], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }
        var lines = [line(columns), String(repeating: "-", count: widths.reduce(0, +) + 2 * (widths.count - 1))]
        lines += cells.map(line)
        return lines.joined(separator: "\n")
    }

    private static func cut(_ cell: String) -> String {
        let flat = cell.replacingOccurrences(of: "\n", with: " ")
        return flat.count > maximumCellWidth ? String(flat.prefix(maximumCellWidth - 3)) + "..." : flat
    }
}
