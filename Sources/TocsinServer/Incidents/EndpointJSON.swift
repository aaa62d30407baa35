import Foundation

/// The JSON encoding of the endpoints' own answers (errors, outcomes, Slack messages).
enum EndpointJSON {
    /// A JSON encoder with sorted keys and unescaped slashes, so answers are deterministic and readable.
    static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}
