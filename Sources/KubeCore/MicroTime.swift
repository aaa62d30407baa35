import Foundation

/// A `metav1.MicroTime`: a timestamp with microsecond precision, used by `Lease` and `events.k8s.io` events.
///
/// Encodes with exactly six fractional digits in UTC (`2024-05-01T12:00:00.123456Z`); decodes any RFC 3339 timestamp.
public struct MicroTime: Codable, Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The instant.
    public var date: Date

    /// Wraps `date`.
    public init(_ date: Date) {
        self.date = date
    }

    /// Wraps `date`.
    public init(date: Date) {
        self.date = date
    }

    /// Decodes an RFC 3339 string.
    ///
    /// - Throws: `DecodingError.dataCorrupted` when the string is not RFC 3339.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let date = RFC3339.parse(text) else {
            throw DecodingError.dataCorruptedError(
                in: container,
                debugDescription: "Expected an RFC 3339 timestamp such as 2024-05-01T12:00:00.123456Z, found \"\(text.prefix(64))\"."
            )
        }
        self.date = date
    }

    /// Encodes as `2024-05-01T12:00:00.123456Z`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    /// The wire form, `2024-05-01T12:00:00.123456Z`.
    public var description: String {
        RFC3339.format(date, fractionDigits: 6)
    }

    /// Orders by instant.
    public static func < (lhs: MicroTime, rhs: MicroTime) -> Bool {
        lhs.date < rhs.date
    }
}
