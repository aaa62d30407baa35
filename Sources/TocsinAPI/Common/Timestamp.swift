import Foundation
import KubeCore

/// An instant written as an RFC 3339 string (`2024-05-01T09:00:00+02:00`), like `metav1.Time`.
///
/// Decodes any RFC 3339 timestamp whatever the decoder's date strategy (YAML or JSON); encodes in UTC with whole
/// seconds, or six fractional digits when the instant has a fraction of a second.
public struct Timestamp: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// The instant.
    public var date: Date

    /// Wraps `date`.
    public init(_ date: Date) {
        self.date = date
    }

    /// Parses an RFC 3339 string; `nil` when it is not one.
    public init?(rfc3339 text: String) {
        guard let date = RFC3339.parse(text) else { return nil }
        self.date = date
    }

    /// The RFC 3339 string in UTC.
    public var description: String {
        let interval = date.timeIntervalSinceReferenceDate
        let hasFraction = interval.isFinite && interval != interval.rounded(.down)
        return RFC3339.format(date, fractionDigits: hasFraction ? 6 : 0)
    }

    /// Orders instants.
    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool {
        lhs.date < rhs.date
    }

    /// Decodes an RFC 3339 string.
    ///
    /// - Throws: `DecodingError.dataCorrupted` naming the refused string.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let date = RFC3339.parse(text) else {
            throw DecodingError.dataCorruptedError(
                in: container,
                debugDescription: "invalid time \"\(text.prefix(64))\": write an RFC 3339 timestamp, e.g. 2024-05-01T09:00:00+02:00"
            )
        }
        self.date = date
    }

    /// Encodes the RFC 3339 string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
