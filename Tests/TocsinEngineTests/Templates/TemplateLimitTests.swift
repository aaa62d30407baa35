import Testing
@testable import TocsinEngine

/// Bounded work and output: range iterations, nesting, output size, growth of intermediate text.
@Suite struct TemplateLimitTests {
    @Test func stopsARangeAfterTheIterationBudget() throws {
        let items = TemplateValue.list(Array(repeating: "x", count: 5000))
        let rendering = try Template(parsing: "{{ range .items }}{{ . }}{{ end }}").render(["items": items])
        #expect(rendering.text == String(repeating: "x", count: 1000))
        #expect(rendering.warnings.map(\.description) == ["range stopped after 1000 iterations at 1:1"])
    }

    @Test func sharesTheIterationBudgetAcrossNestedRanges() throws {
        let limits = TemplateLimits(maxRangeIterations: 10)
        let template = try Template(parsing: "{{ range .m }}[{{ range . }}{{ . }}{{ end }}]{{ end }}", limits: limits)
        let rendering = template.render(["m": [[1, 2, 3], [4, 5, 6], [7, 8, 9]]])
        #expect(rendering.text == "[123][456][7]")
        #expect(rendering.warnings.map(\.description) == ["range stopped after 10 iterations at 1:16"])
    }

    @Test func refusesBlocksNestedDeeperThanTheLimit() throws {
        let deepest = String(repeating: "{{ if true }}", count: 32) + "in" + String(repeating: "{{ end }}", count: 32)
        #expect(try Template(parsing: deepest).render([:]).text == "in")
        let tooDeep = String(repeating: "{{ if true }}", count: 33) + "in" + String(repeating: "{{ end }}", count: 33)
        do {
            _ = try Template(parsing: tooDeep)
            Issue.record("parsed a template nested 33 deep")
        } catch {
            #expect(error.diagnostics.map(\.description) == ["nesting deeper than 32 levels at 1:417"])
        }
    }

    @Test func refusesParenthesesNestedDeeperThanTheLimit() throws {
        let deepest = "{{ " + String(repeating: "(", count: 32) + "1" + String(repeating: ")", count: 32) + " }}"
        #expect(try Template(parsing: deepest).render([:]).text == "1")
        let tooDeep = "{{ " + String(repeating: "(", count: 33) + "1" + String(repeating: ")", count: 33) + " }}"
        do {
            _ = try Template(parsing: tooDeep)
            Issue.record("parsed parentheses nested 33 deep")
        } catch {
            #expect(error.diagnostics.map(\.description) == ["nesting deeper than 32 levels at 1:36"])
        }
    }

    @Test func reportsEveryBlockOfAHugeUnclosedTemplateWithoutRecursion() {
        let source = String(repeating: "{{ if .a }}", count: 10_000)
        do {
            _ = try Template(parsing: source)
            Issue.record("parsed unclosed blocks")
        } catch {
            #expect(error.diagnostics.count == 10_000 + 1)
            #expect(error.diagnostics.first?.description == "unclosed {{ if }} at 1:1; add {{ end }}")
        }
    }

    static let caps: [(text: String, maxBytes: Int, rendered: String, isTruncated: Bool)] = [
        ("abcdefghij", 10, "abcdefghij", false),
        ("abcdefghijk", 10, "abcdefg…", true),
        ("ééééééé", 10, "ééé…", true),
        ("ab👩‍👩‍👧cdefgh", 12, "ab…", true),
        ("e\u{301}e\u{301}e\u{301}e\u{301}", 9, "e\u{301}e\u{301}…", true),
    ]

    @Test(arguments: caps)
    func cutsOutputOnACharacterBoundary(text: String, maxBytes: Int, rendered: String, isTruncated: Bool) throws {
        let template = try Template(parsing: "{{ .text }}", limits: TemplateLimits(maxOutputBytes: maxBytes))
        let rendering = template.render(["text": .string(text)])
        #expect(rendering.text == rendered)
        #expect(rendering.text.utf8.count <= maxBytes)
        #expect(rendering.isTruncated == isTruncated)
        #expect(rendering.warnings.count == (isTruncated ? 1 : 0))
    }

    @Test func capsOutputAtSixteenKibibytesByDefault() throws {
        let line = TemplateValue.string(String(repeating: "é", count: 50))
        let rendering = try Template(parsing: "{{ range .lines }}{{ . }}\n{{ end }}")
            .render(["lines": .list(Array(repeating: line, count: 1000))])
        #expect(rendering.isTruncated)
        #expect(rendering.text.utf8.count <= 16 * 1024)
        #expect(rendering.text.utf8.count > 16 * 1024 - 8)
        #expect(rendering.text.hasSuffix("…"))
        #expect(rendering.warnings.map(\.description) == ["output longer than 16384 bytes was truncated at 1:1"])
    }

    @Test func boundsTextThatFunctionsMultiply() throws {
        let replaces = String(repeating: " | replace \"a\" \"aaaaaaaaaa\"", count: 8)
        let quotes = String(repeating: " | quote", count: 40)
        let template = try Template(parsing: "{{ .a\(replaces) }}{{ .b\(quotes) | len }}")
        let rendering = template.render(["a": .string(String(repeating: "a", count: 1000)), "b": "\\"])
        #expect(rendering.isTruncated)
        #expect(rendering.text.utf8.count <= 16 * 1024)
    }

    @Test func keepsAtMostTheWarningLimit() throws {
        let template = try Template(parsing: "{{ range .items }}{{ . | upper }}{{ end }}",
                                    limits: TemplateLimits(maxWarnings: 5))
        let rendering = template.render(["items": .list(Array(repeating: ["x"], count: 100))])
        #expect(rendering.text == "")
        #expect(rendering.warnings.count == 5)
    }
}

extension TemplateLimitTests {
    @Test func stopsAfterTheStepBudgetEvenWhenNothingIsPrinted() throws {
        let quietBody = String(repeating: "{{ if false }}x{{ end }}", count: 200)
        let template = try Template(parsing: "{{ range .items }}\(quietBody){{ end }}done",
                                    limits: TemplateLimits(maxSteps: 5000))
        let rendering = template.render(["items": .list(Array(repeating: 1, count: 1000))])
        #expect(rendering.text == "")
        #expect(rendering.warnings.map(\.message) == ["rendering stopped after 5000 steps"])
    }
}
