import Foundation

/// Prints the figures as a table (figure | value | target | pass/fail), then notes, then one JSON line.
struct Report {
    /// The figures, in the order measured.
    var figures: [Figure] = []
    /// Notes printed under the table (how the figures were measured).
    var notes: [String] = []
    /// Run parameters echoed in the JSON line.
    var parameters: [String: Double] = [:]

    mutating func append(contentsOf figures: [Figure]) {
        self.figures.append(contentsOf: figures)
    }

    /// The table as text.
    var table: String {
        let header = ["figure", "value", "target", "result"]
        let rows = figures.map { figure in
            [figure.title, figure.formattedValue, figure.formattedTarget, figure.passes.map { $0 ? "pass" : "FAIL" } ?? "info"]
        }
        var widths = header.map(\.count)
        for row in rows {
            for (column, cell) in row.enumerated() { widths[column] = max(widths[column], cell.count) }
        }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { column, cell in
                cell + String(repeating: " ", count: widths[column] - cell.count)
            }.joined(separator: " | ")
        }
        let rule = widths.map { String(repeating: "-", count: $0) }.joined(separator: "-|-")
        return ([line(header), rule] + rows.map(line)).joined(separator: "\n")
    }

    /// One line of JSON: `{"benchmark":"tocsin-bench","figures":{…},"parameters":{…},"pass":{…},"targetsMet":…}`.
    var jsonLine: String {
        struct Line: Encodable {
            var benchmark = "tocsin-bench"
            var figures: [String: Double]
            var units: [String: String]
            var pass: [String: Bool]
            var targetsMet: Bool
            var parameters: [String: Double]
        }
        var values: [String: Double] = [:]
        var units: [String: String] = [:]
        var pass: [String: Bool] = [:]
        for figure in figures {
            values[figure.key] = figure.value.isFinite ? (figure.value * 1000).rounded() / 1000 : -1
            units[figure.key] = figure.unit
            if let passes = figure.passes { pass[figure.key] = passes }
        }
        let line = Line(
            figures: values, units: units, pass: pass, targetsMet: !pass.values.contains(false), parameters: parameters)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(line) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }

    /// Prints the table, the notes and the JSON line to standard output.
    func print() {
        Swift.print(table)
        Swift.print("")
        for note in notes { Swift.print("note: \(note)") }
        Swift.print(jsonLine)
    }
}
