/// One measured figure of the benchmark, with the target it is held to (if any).
struct Figure: Sendable {
    /// How a value is compared with its target.
    enum Target: Sendable {
        /// The value must be at least this.
        case atLeast(Double)
        /// The value must be at most this.
        case atMost(Double)
    }

    /// The key in the JSON line, e.g. `watchEventsPerSecond`.
    var key: String
    /// The row title in the table.
    var title: String
    /// The measured value.
    var value: Double
    /// The unit shown after the value, e.g. `events/s`.
    var unit: String
    /// The target from the design, `nil` for an informational figure.
    var target: Target?

    /// Whether the value meets the target; `nil` without a target.
    var passes: Bool? {
        switch target {
        case .atLeast(let bound): value >= bound
        case .atMost(let bound): value <= bound
        case nil: nil
        }
    }

    /// The value rendered with its unit: integers for large values, three significant decimals for small ones.
    var formattedValue: String {
        "\(Self.format(value)) \(unit)"
    }

    /// The target rendered as `≥ 20000 events/s`.
    var formattedTarget: String {
        switch target {
        case .atLeast(let bound): "≥ \(Self.format(bound)) \(unit)"
        case .atMost(let bound): "≤ \(Self.format(bound)) \(unit)"
        case nil: "—"
        }
    }

    static func format(_ value: Double) -> String {
        guard value.isFinite else { return "n/a" }
        if abs(value) >= 100 { return String(Int(value.rounded())) }
        let scaled = (value * 1000).rounded() / 1000
        return String(scaled)
    }
}

/// A failure of the benchmark itself (a timeout, a child process that failed): what failed and what to do.
struct BenchError: Error, CustomStringConvertible {
    /// The message.
    var description: String

    init(_ description: String) {
        self.description = description
    }
}
