/// The field limits of Opsgenie's Alert API v2, and the safe truncation that keeps payloads within them.
///
/// Opsgenie runs on the JVM and counts a string's length in UTF-16 code units, which is never less than the
/// number of Unicode scalars or grapheme clusters. Tocsin measures the same way, so a payload that fits here
/// fits there whichever way the server counts.
public enum OpsgenieLimits {
    /// `message`: at most 130 characters.
    public static let message = 130
    /// `alias`: at most 512 characters.
    public static let alias = 512
    /// `description`: at most 15,000 characters.
    public static let description = 15_000
    /// `entity`: at most 512 characters.
    public static let entity = 512
    /// `source`: at most 100 characters.
    public static let source = 100
    /// `user`: at most 100 characters.
    public static let user = 100
    /// `note`: at most 25,000 characters.
    public static let note = 25_000
    /// `tags`: at most 20 tags.
    public static let tagCount = 20
    /// Each tag: at most 50 characters.
    public static let tag = 50
    /// `actions`: at most 10 custom actions.
    public static let actionCount = 10
    /// Each custom action: at most 50 characters.
    public static let action = 50
    /// `details`: at most 8,000 characters in total, keys and values together.
    public static let detailsTotal = 8_000

    /// What a truncated text ends with.
    public static let ellipsis = "…"

    /// The length of `text` as Opsgenie counts it (UTF-16 code units).
    public static func length(of text: String) -> Int {
        text.utf16.count
    }

    /// `text` unchanged when it fits in `limit`; else its longest prefix of whole Characters that fits together
    /// with a trailing "…". Never splits a grapheme cluster or a UTF-16 surrogate pair.
    public static func truncate(_ text: String, to limit: Int) -> String {
        guard length(of: text) > limit else { return text }
        let budget = limit - length(of: ellipsis)
        guard budget > 0 else { return String(ellipsis.prefix(max(0, limit))) }
        var used = 0
        var end = text.startIndex
        for index in text.indices {
            let size = text[index].utf16.count
            if used + size > budget { break }
            used += size
            end = text.index(after: index)
        }
        return String(text[..<end]) + ellipsis
    }

    /// The total length of a `details` map as counted against ``detailsTotal``: every key and every value.
    public static func length(ofDetails details: [String: String]) -> Int {
        details.reduce(0) { $0 + length(of: $1.key) + length(of: $1.value) }
    }
}
