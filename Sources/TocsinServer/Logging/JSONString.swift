/// JSON string literals (RFC 8259 section 7).
enum JSONString {
    /// `string` as a quoted JSON string literal.
    static func quoted(_ string: String) -> String {
        var result = ""
        appendQuoted(string, to: &result)
        return result
    }

    /// Appends `string` as a quoted JSON string literal.
    ///
    /// Escapes `"` and `\`, writes control characters as `\n`, `\r`, `\t`, `\b`, `\f` or `\u00XX`, and also
    /// escapes DEL and U+2028/U+2029 (line separators to JavaScript-based log viewers). Every other
    /// character, including non-ASCII, is written as UTF-8.
    static func appendQuoted(_ string: String, to output: inout String) {
        output.unicodeScalars.append("\"")
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case "\u{08}": output += "\\b"
            case "\u{0C}": output += "\\f"
            case "\u{00}"..."\u{1F}", "\u{7F}", "\u{2028}", "\u{2029}":
                output += unicodeEscape(scalar.value)
            default:
                output.unicodeScalars.append(scalar)
            }
        }
        output.unicodeScalars.append("\"")
    }

    private static func unicodeEscape(_ value: UInt32) -> String {
        let hex = String(value, radix: 16)
        return "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}
