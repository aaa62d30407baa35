import Testing
@testable import TocsinEngine

/// Every parse error a user can make, with its exact position, message and hint.
@Suite struct TemplateParseErrorTests {
    static let cases: [(source: String, errors: [String])] = [
        ("{{ .value | humanise }}", ["unknown function humanise at 1:13; did you mean humanize?"]),
        ("{{ Upper .x }}", ["unknown function Upper at 1:4; did you mean upper?"]),
        ("é {{ .x | frobnicate }}", ["unknown function frobnicate at 1:11"]),
        ("line one\n  {{ .labels.pod", ["unclosed action at 2:3; add }}"]),
        ("{{ end }}", ["unexpected {{ end }} at 1:1; no {{ if }} or {{ range }} is open"]),
        ("{{ else }}", ["unexpected {{ else }} at 1:1; no {{ if }} or {{ range }} is open"]),
        ("{{ else if .x }}", ["unexpected {{ else if }} at 1:1; no {{ if }} is open"]),
        ("{{ if .a }}{{ else }}{{ else }}{{ end }}",
         ["unexpected {{ else }} at 1:22; this {{ if }} already has an {{ else }}"]),
        ("{{ range .a }}{{ else if .b }}{{ end }}",
         ["unexpected {{ else if }} at 1:15; {{ range }} takes a plain {{ else }}"]),
        ("{{ if .x }}yes", ["unclosed {{ if }} at 1:1; add {{ end }}"]),
        ("{{ range .objects }}{{ .name }}", ["unclosed {{ range }} at 1:1; add {{ end }}"]),
        ("{{ }}", ["empty action at 1:1"]),
        ("{{ if }}x{{ end }}", ["missing value in {{ if }} at 1:4"]),
        ("{{ range }}{{ end }}", ["missing value in {{ range }} at 1:4"]),
        ("{{ \"abc }}", ["unterminated string at 1:4; close it with \" on the same line"]),
        ("{{ \"a\\q\" }}", ["invalid escape \\q in string at 1:6; use \\\\, \\\", \\n, \\t or \\r"]),
        ("{{ .value # }}", ["unexpected character \"#\" in action at 1:11"]),
        ("{{ 1.2.3 }}", ["invalid number 1.2.3 at 1:4"]),
        ("{{ .name | truncate }}", ["truncate expects 2 arguments (length, text), got 1 at 1:12"]),
        ("{{ .a | replace \"x\" }}", ["replace expects 3 arguments (old, new, text), got 2 at 1:9"]),
        ("{{ printf \"%x\" .value }}", ["unsupported printf verb %x at 1:4; use %s, %d, %f, %.Nf, %v or %%"]),
        ("{{ printf \"%.99f\" 1 }}", ["unsupported printf precision %.99 at 1:4; use %.Nf with N from 0 to 12"]),
        ("{{ printf .format .value }}",
         ["printf format must be a string literal at 1:4; write it first, in quotes: printf \"%.2f\" .value"]),
        ("{{ printf \"%s %s\" .a }}", ["printf format has 2 verbs but 1 value at 1:4"]),
        ("{{ with .x }}a{{ end }}",
         ["unsupported action with at 1:4; Tocsin templates support if, else, range and end"]),
        ("{{ .x }}{{ template \"a\" }}",
         ["unsupported action template at 1:12; Tocsin templates support if, else, range and end"]),
        ("{{ .value .other }}", ["unexpected .other after .value at 1:11; use \"|\" to pass a value to a function"]),
        ("{{ .a | .b }}", ["cannot pipe into .b at 1:9; only functions take a piped value"]),
        ("{{ .a | }}", ["missing function after \"|\" at 1:7"]),
        ("{{ upper (lower .x }}", ["unclosed \"(\" at 1:10; add \")\""]),
        ("{{ printf \"%s\" upper }}", ["function upper used as an argument at 1:16; wrap the call in parentheses: (upper …)"]),
        ("{{ if .a }}{{ end extra }}", ["unexpected extra after end at 1:19"]),
        ("{{ end extra }}", [
            "unexpected {{ end }} at 1:1; no {{ if }} or {{ range }} is open",
            "unexpected extra after end at 1:8",
        ]),
        ("{{/* note", ["unclosed comment at 1:3; add */}}"]),
        ("{{ /* note */ .x }}", ["text after a comment at 1:15; a comment must be the whole action"]),
        ("{{ .a | humanise }}\n{{ end }}\n{{ if .b }}", [
            "unknown function humanise at 1:9; did you mean humanize?",
            "unexpected {{ end }} at 2:1; no {{ if }} or {{ range }} is open",
            "unclosed {{ if }} at 3:1; add {{ end }}",
        ]),
        ("{{ if .a | nope }}x{{ end }}{{ .b | upper 1 }}", [
            "unknown function nope at 1:12",
            "upper expects 1 argument (text), got 2 at 1:37",
        ]),
    ]

    @Test(arguments: cases)
    func reportsEveryErrorWithItsPosition(source: String, errors: [String]) {
        do {
            _ = try Template(parsing: source)
            Issue.record("parsed without error: \(source)")
        } catch {
            #expect(error.code == .invalidTemplate)
            #expect(error.diagnostics.map(\.description) == errors)
        }
    }

    @Test func errorDescriptionListsOneProblemPerLine() {
        do {
            _ = try Template(parsing: "{{ end }}{{ .a | lowr }}")
            Issue.record("parsed without error")
        } catch {
            #expect(error.description == """
                unexpected {{ end }} at 1:1; no {{ if }} or {{ range }} is open
                unknown function lowr at 1:18; did you mean lower?
                """)
        }
    }
}
