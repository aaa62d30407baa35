import Testing
import TocsinNotifiers

@Suite struct SlackTextTests {
    @Test(arguments: [
        ("plain", "plain"),
        ("a & b", "a &amp; b"),
        ("<@U123> <!here> <https://x|y>", "&lt;@U123&gt; &lt;!here&gt; &lt;https://x|y&gt;"),
        ("already &amp;", "already &amp;amp;"),
        ("<\u{0338} combining", "&lt;\u{0338} combining"),
        ("*bold* _it_ `code`", "*bold* _it_ `code`"),
    ])
    func escaping(input: String, expected: String) {
        #expect(SlackText.escaped(input) == expected)
    }

    @Test(arguments: [
        // Fits: unchanged.
        ("hello", 5, "hello"),
        // Cut on a character, "…" counted in the limit.
        ("hello world", 6, "hello…"),
        // A flag (2 scalars, 4 UTF-16 units) that does not fit whole is dropped, never split.
        ("ab🇫🇷cd", 5, "ab…"),
        ("ab🇫🇷cd", 7, "ab🇫🇷…"),
        // A family emoji joined with ZWJ (8 UTF-16 units) is one character.
        ("x👨‍👩‍👧y", 9, "x…"),
        // "e" + combining acute stays together.
        ("cafe\u{0301}s!", 5, "caf…"),
        ("cafe\u{0301}s!", 6, "cafe\u{0301}…"),
        // Limits below 2 leave only the ellipsis, or nothing.
        ("abc", 1, "…"),
        ("abc", 0, ""),
    ])
    func truncation(input: String, limit: Int, expected: String) {
        let result = SlackText.truncated(input, limit: limit)
        #expect(result == expected)
        #expect(result.utf16.count <= limit)
    }

    @Test(arguments: [
        ("a & b", 9, "a &amp; b"),
        // The entity of "&" (5 units) does not fit in 6 - 1 - 2: it is dropped whole, not cut to "&am".
        ("a & b", 6, "a …"),
        ("a & b", 8, "a &amp;…"),
        ("<<<<", 10, "&lt;&lt;…"),
        ("ok <🙂>", 12, "ok &lt;🙂…"),
    ])
    func escapedTruncation(input: String, limit: Int, expected: String) {
        let result = SlackText.escapedTruncated(input, limit: limit)
        #expect(result == expected)
        #expect(result.utf16.count <= limit)
    }

    @Test func truncationKeepsValidUnicodeForEveryLimit() {
        let text = "🚨 Pod \u{1F469}\u{200D}\u{1F4BB} crash e\u{0301}\u{0302} 🇯🇵 & <done>"
        for limit in 0...(text.utf16.count + 2) {
            let plain = SlackText.truncated(text, limit: limit)
            let escaped = SlackText.escapedTruncated(text, limit: limit)
            #expect(plain.utf16.count <= limit)
            #expect(escaped.utf16.count <= limit)
            #expect(plain == text || text.hasPrefix(String(plain.dropLast())))
            #expect(!escaped.contains("&a…") && !escaped.contains("&l…") && !escaped.contains("&g…"))
        }
    }
}
