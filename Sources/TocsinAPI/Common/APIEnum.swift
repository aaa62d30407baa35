/// A string enumeration of the Tocsin API.
///
/// Decoding an unknown value fails with a message that lists the supported values, so that
/// `spec.severity: unsupported value "urgent": supported values are critical, high, moderate, low, info`.
public protocol APIEnum: RawRepresentable, CaseIterable, Codable, Sendable, Hashable where RawValue == String {}

extension APIEnum {
    /// The supported values, comma-separated, in declaration order.
    public static var supportedValues: String {
        allCases.map(\.rawValue).joined(separator: ", ")
    }

    /// The message for an unsupported raw value.
    static func unsupportedMessage(_ text: String) -> String {
        "unsupported value \"\(text.prefix(64))\": supported values are \(supportedValues)"
    }

    /// Decodes a raw value.
    ///
    /// - Throws: `DecodingError.dataCorrupted` listing the supported values when the value is unknown.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let value = Self(rawValue: text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: Self.unsupportedMessage(text))
        }
        self = value
    }

    /// Encodes the raw value.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
