import Foundation

/// A non-negative duration written as a Prometheus-style string: `30s`, `5m`, `1h30m`, `2d`, `1w`, `250ms`, or `0`.
///
/// Grammar: one or more `<integer><unit>` terms with units in strictly decreasing order, each at most once, or the
/// bare `0`. Units: `w` (7 days), `d` (24 hours), `h`, `m`, `s`, `ms`. Fractions (`1.5h`), signs, spaces, `y`,
/// `us` and `ns` are refused. `d` and `w` are fixed lengths here; an OnCallSchedule's shift length counts them
/// as calendar days in the schedule's time zone (see ``Rotation/shiftLength``).
///
/// Codable as its string; ``description`` is canonical (largest units first, `0s` for zero), so `90m` encodes as
/// `1h30m`.
public struct KubeDuration: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// The length in milliseconds.
    public var milliseconds: Int64

    /// Creates a duration of `milliseconds` (negative values are clamped to zero).
    public init(milliseconds: Int64) {
        self.milliseconds = max(milliseconds, 0)
    }

    /// Parses a duration string.
    ///
    /// - Throws: ``ParseError`` saying which character or unit is wrong.
    public init(parsing text: String) throws(ParseError) {
        self.init(milliseconds: try Self.parseMilliseconds(text))
    }

    /// Zero.
    public static let zero = KubeDuration(milliseconds: 0)

    /// A duration of whole milliseconds.
    public static func milliseconds(_ value: Int64) -> KubeDuration { KubeDuration(milliseconds: value) }
    /// A duration of whole seconds.
    public static func seconds(_ value: Int64) -> KubeDuration { KubeDuration(milliseconds: value * 1000) }
    /// A duration of whole minutes.
    public static func minutes(_ value: Int64) -> KubeDuration { .seconds(value * 60) }
    /// A duration of whole hours.
    public static func hours(_ value: Int64) -> KubeDuration { .minutes(value * 60) }
    /// A duration of whole 24-hour days.
    public static func days(_ value: Int64) -> KubeDuration { .hours(value * 24) }
    /// A duration of whole 7-day weeks.
    public static func weeks(_ value: Int64) -> KubeDuration { .days(value * 7) }

    /// Whether the duration is zero.
    public var isZero: Bool { milliseconds == 0 }

    /// The length in seconds, as a `TimeInterval`.
    public var timeInterval: TimeInterval { Double(milliseconds) / 1000 }

    /// The length as a Swift `Duration`.
    public var duration: Duration { .milliseconds(milliseconds) }

    /// Whether the duration is a whole number of 24-hour days.
    public var isWholeDays: Bool { milliseconds > 0 && milliseconds % Self.units[1].milliseconds == 0 }

    /// The canonical string: largest units first (`1h30m`, `1w`, `250ms`), `0s` for zero.
    public var description: String {
        guard milliseconds > 0 else { return "0s" }
        var remaining = milliseconds
        var text = ""
        for unit in Self.units where remaining >= unit.milliseconds {
            text += "\(remaining / unit.milliseconds)\(unit.symbol)"
            remaining %= unit.milliseconds
        }
        return text
    }

    /// Orders durations by length.
    public static func < (lhs: KubeDuration, rhs: KubeDuration) -> Bool {
        lhs.milliseconds < rhs.milliseconds
    }

    /// Decodes a duration string.
    ///
    /// - Throws: `DecodingError.dataCorrupted` with the ``ParseError`` message when the string is not a duration.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            self = try KubeDuration(parsing: text)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.message)
        }
    }

    /// Encodes the canonical string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
