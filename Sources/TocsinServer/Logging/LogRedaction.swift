/// Which metadata values never reach the log: those whose key names a credential.
///
/// A key is sensitive when it contains, ignoring case, one of ``sensitiveKeyFragments`` — the whole dotted
/// key is checked, so `slack.botToken`, `opsgenie.apiKeyPassword` and every key nested under an
/// `authorization` dictionary are redacted. The value is replaced by ``placeholder``.
public struct LogRedaction: Sendable, Equatable {
    /// The value written instead of a sensitive one.
    public static let placeholder = "<redacted>"

    /// The standard redaction: `token`, `password`, `secret`, `authorization`.
    public static let standard = LogRedaction(sensitiveKeyFragments: ["token", "password", "secret", "authorization"])

    /// Lowercase fragments that make a key sensitive.
    public var sensitiveKeyFragments: [String]

    /// Creates a redaction for keys containing any of `sensitiveKeyFragments` (compared case-insensitively).
    public init(sensitiveKeyFragments: [String]) {
        self.sensitiveKeyFragments = sensitiveKeyFragments.map { $0.lowercased() }
    }

    /// Whether the value under `key` must be replaced by ``placeholder``.
    public func isSensitive(key: String) -> Bool {
        guard !sensitiveKeyFragments.isEmpty else { return false }
        let lowercased = key.lowercased()
        return sensitiveKeyFragments.contains { lowercased.contains($0) }
    }
}
