import Foundation

/// A value a summary or description template can read: the leaves and branches of a ``TemplateContext``.
///
/// Templates never reflect over Swift types: the engine converts what it knows about an incident into this small,
/// closed set of cases, and every template function is defined on them.
public enum TemplateValue: Sendable, Hashable {
    /// Text, such as a label value or an object name.
    case string(String)
    /// A number, such as the value that made a rule fire or a restart count.
    case number(Double)
    /// A Boolean, such as whether an incident is acknowledged.
    case bool(Bool)
    /// A length of time, such as how long a pod has not been ready.
    case duration(Duration)
    /// An instant, such as when an incident started firing.
    case date(Date)
    /// An ordered list, such as the objects an incident groups.
    case list([TemplateValue])
    /// A map with string keys, such as the incident's labels.
    case map([String: TemplateValue])
    /// The absence of a value; missing keys read as `null` and render as empty text.
    case null
}

extension TemplateValue {
    /// The name of the case, used in warnings ("upper expects text, got a list").
    var kindName: String {
        switch self {
        case .string: "text"
        case .number: "a number"
        case .bool: "a Boolean"
        case .duration: "a duration"
        case .date: "a date"
        case .list: "a list"
        case .map: "a map"
        case .null: "null"
        }
    }

    /// Whether `{{ if }}` takes this value as true: `null`, `false`, `0`, empty text, a zero duration and empty
    /// collections are false; everything else is true.
    var isTruthy: Bool {
        switch self {
        case .string(let text): !text.isEmpty
        case .number(let number): number != 0 && !number.isNaN
        case .bool(let flag): flag
        case .duration(let duration): duration != .zero
        case .date: true
        case .list(let items): !items.isEmpty
        case .map(let entries): !entries.isEmpty
        case .null: false
        }
    }

    /// Whether `default` replaces this value: `null`, empty text and empty collections (not `0` or `false`, which
    /// are meaningful in alerts, such as "0 ready replicas").
    var isEmpty: Bool {
        switch self {
        case .null: true
        case .string(let text): text.isEmpty
        case .list(let items): items.isEmpty
        case .map(let entries): entries.isEmpty
        case .number, .bool, .duration, .date: false
        }
    }

    /// The value as a number, when it is one: numbers, text that parses as a number, and durations (in seconds).
    var numberValue: Double? {
        switch self {
        case .number(let number): number
        case .string(let text): Double(text.trimmingCharacters(in: .whitespaces))
        case .duration(let duration): duration.seconds
        case .bool, .date, .list, .map, .null: nil
        }
    }

    /// The value as it is printed by `{{ . }}`, `%s` and `%v`.
    ///
    /// Numbers print without a fraction when they are whole, durations in the Kubernetes style (`1h5m3s`), dates in
    /// RFC 3339 (UTC), lists as `a, b, c` and maps as `key=value` pairs sorted by key.
    var text: String {
        switch self {
        case .string(let text): text
        case .number(let number): Self.format(number)
        case .bool(let flag): flag ? "true" : "false"
        case .duration(let duration): Self.format(duration)
        case .date(let date): Self.format(date)
        case .list(let items): items.map(\.text).joined(separator: ", ")
        case .map(let entries):
            entries.keys.sorted().map { "\($0)=\(entries[$0, default: .null].text)" }.joined(separator: ", ")
        case .null: ""
        }
    }

    /// Prints a number: whole numbers without a fraction, others in their shortest exact form.
    static func format(_ number: Double) -> String {
        if number.isNaN { return "NaN" }
        if number.isInfinite { return number < 0 ? "-Inf" : "+Inf" }
        if number == number.rounded(), abs(number) < 1e15 { return String(Int64(number)) }
        return "\(number)"
    }

    /// Prints a duration in the style of Kubernetes and Go (`1h5m3s`, `250ms`, `0s`).
    static func format(_ duration: Duration) -> String {
        let seconds = duration.seconds
        if seconds == 0 { return "0s" }
        let sign = seconds < 0 ? "-" : ""
        let magnitude = abs(seconds)
        if magnitude < 1 { return sign + format(magnitude * 1000) + "ms" }
        let whole = Int64(magnitude.rounded(.down))
        let fraction = magnitude - Double(whole)
        let hours = whole / 3600, minutes = (whole / 60) % 60, rest = Double(whole % 60) + fraction
        var result = sign
        if hours > 0 { result += "\(hours)h" }
        if hours > 0 || minutes > 0 { result += "\(minutes)m" }
        return result + format(rest) + "s"
    }

    /// Prints an instant in RFC 3339, in UTC, with whole seconds.
    static func format(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(timeZone: .gmt))
    }
}

extension Duration {
    /// The duration in seconds, as a floating-point number.
    var seconds: Double {
        let parts = components
        return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
    }
}
