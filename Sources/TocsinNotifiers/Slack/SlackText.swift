/// Slack's text rules: escaping of user text and truncation that never splits a character.
///
/// Lengths are counted in UTF-16 code units, the strictest of the ways Slack's limits can be read (a UTF-16 count is
/// never smaller than the count of Unicode scalars or of characters), so a text that fits here fits in Slack.
public enum SlackText {
    /// The mark appended to a truncated text.
    public static let ellipsis: Character = "…"

    /// `text` with `&`, `<` and `>` replaced by `&amp;`, `&lt;` and `&gt;`, as Slack asks for any text that must not
    /// be read as a mention, a link or a date token. Nothing else is changed.
    public static func escaped(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for character in text {
            result += escaped(character)
        }
        return result
    }

    /// `text` when it has at most `limit` UTF-16 code units; otherwise its longest prefix of whole characters that
    /// fits in `limit - 1` units, followed by "…". A limit below 1 gives an empty string.
    public static func truncated(_ text: String, limit: Int) -> String {
        guard limit > 0 else { return "" }
        if text.utf16.count <= limit { return text }
        let budget = limit - 1
        var result = ""
        var used = 0
        for character in text {
            let cost = character.utf16.count
            if used + cost > budget { break }
            result.append(character)
            used += cost
        }
        result.append(ellipsis)
        return result
    }

    /// `text` escaped (see ``escaped(_:)``) and truncated to `limit` UTF-16 code units (see ``truncated(_:limit:)``),
    /// cutting only between escaped characters so that an entity such as `&amp;` is never split.
    public static func escapedTruncated(_ text: String, limit: Int) -> String {
        guard limit > 0 else { return "" }
        let full = escaped(text)
        if full.utf16.count <= limit { return full }
        let budget = limit - 1
        var result = ""
        var used = 0
        for character in text {
            let piece = escaped(character)
            let cost = piece.utf16.count
            if used + cost > budget { break }
            result += piece
            used += cost
        }
        result.append(ellipsis)
        return result
    }

    /// One character escaped scalar by scalar, so a `<` carrying a combining mark is escaped too.
    static func escaped(_ character: Character) -> String {
        let scalars = character.unicodeScalars
        guard scalars.contains(where: { $0 == "&" || $0 == "<" || $0 == ">" }) else { return String(character) }
        var result = ""
        for scalar in scalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// A mrkdwn link `<url|title>`: both escaped, `|` in the URL percent-encoded so it cannot end the URL early.
    static func link(url: String, title: String) -> String {
        let safeURL = escaped(url).replacingOccurrences(of: "|", with: "%7C")
        return "<\(safeURL)|\(escaped(title))>"
    }
}
