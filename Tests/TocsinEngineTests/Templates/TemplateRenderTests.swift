import Foundation
import Testing
@testable import TocsinEngine

/// What templates render to, for every function, conditionals, range, trimming and missing keys.
@Suite struct TemplateRenderTests {
    static let context: TemplateContext = [
        "rule": "PodCrashLooping",
        "severity": "critical",
        "value": 1_234_567,
        "ratio": 0.1234,
        "seconds": 3903,
        "count": 3,
        "acknowledged": false,
        "age": .duration(.seconds(3903)),
        "since": .date(Date(timeIntervalSince1970: 1_711_846_800)),
        "labels": ["namespace": "payments", "pod": "api-7d9f", "node": "", "app": "api"],
        "annotations": ["runbook": "https://runbooks.example/crashloop"],
        "objects": [["name": "api-1", "restarts": 4], ["name": "api-2", "restarts": 0]],
        "tags": ["a", "b", "c"],
        "empty": [],
        "message": "  Back-off restarting failed container\n",
    ]

    static let cases: [(source: String, text: String)] = [
        ("{{ .labels.namespace }}/{{ .labels.pod }}", "payments/api-7d9f"),
        ("{{ .annotations.runbook }}", "https://runbooks.example/crashloop"),
        ("{{ .value | humanize }}", "1.235M"),
        ("{{ 0.00123 | humanize }}", "1.23m"),
        ("{{ 0 | humanize }} {{ 999 | humanize }} {{ \"2048\" | humanize }}", "0 999 2.048k"),
        ("{{ .seconds | humanizeDuration }}", "1h 5m 3s"),
        ("{{ .age | humanizeDuration }}", "1h 5m 3s"),
        ("{{ 90061 | humanizeDuration }}", "1d 1h 1m 1s"),
        ("{{ 0.25 | humanizeDuration }} {{ 42.5 | humanizeDuration }} {{ 0 | humanizeDuration }}", "250ms 42.5s 0s"),
        ("{{ -65 | humanizeDuration }}", "-1m 5s"),
        ("{{ .ratio | humanizePercentage }}", "12.34%"),
        ("{{ .rule | truncate 7 }}|{{ .rule | truncate 20 }}|{{ .rule | truncate 0 }}", "PodCra…|PodCrashLooping|"),
        ("{{ \"héllo wörld\" | truncate 5 }}", "héll…"),
        ("{{ \"👩‍👩‍👧👩‍👩‍👧 family\" | truncate 2 }}", "👩‍👩‍👧…"),
        ("{{ .severity | upper }} {{ \"ABC\" | lower }} {{ \"straße\" | upper }}", "CRITICAL abc STRASSE"),
        ("{{ \"crash looping-pod on node's disk\" | title }}", "Crash Looping-Pod On Node's Disk"),
        ("{{ .labels.missing | default \"n/a\" }} {{ .labels.node | default \"none\" }} {{ .count | default 9 }}",
         "n/a none 3"),
        ("{{ 0 | default 9 }} {{ false | default true }} {{ .empty | default \"-\" }}", "0 false -"),
        ("{{ .labels.pod | quote }} {{ \"a\\tb\\n\\\"c\\\"\" | quote }}", "\"api-7d9f\" \"a\\tb\\n\\\"c\\\"\""),
        ("{{ .tags | join \", \" }}|{{ .empty | join \",\" }}|{{ .nothing | join \",\" }}", "a, b, c||"),
        ("{{ .tags | len }} {{ .rule | len }} {{ .labels | len }} {{ .nothing | len }} {{ \"👩‍👩‍👧é\" | len }}",
         "3 15 4 0 2"),
        ("{{ printf \"%.2f\" .ratio }}", "0.12"),
        ("{{ printf \"%s has %d restarts (%v) %f 100%%\" .labels.pod .count .severity 1.5 }}",
         "api-7d9f has 3 restarts (critical) 1.500000 100%"),
        ("{{ .value | printf \"%d\" }} {{ printf \"%d\" -2.7 }} {{ -1.26 | printf \"%.1f\" }}", "1234567 -2 -1.3"),
        ("[{{ .message | trimSpace }}]", "[Back-off restarting failed container]"),
        ("{{ .labels.pod | replace \"-\" \"_\" }} {{ \"aaa\" | replace \"a\" \"bb\" }} {{ \"x\" | replace \"\" \"y\" }}",
         "api_7d9f bbbbbb x"),
        ("{{ if .labels.node }}on {{ .labels.node }}{{ else }}unscheduled{{ end }}", "unscheduled"),
        ("{{ if .labels.app }}app {{ .labels.app }}{{ end }}", "app api"),
        ("{{ if eq .severity \"high\" }}P2{{ else if eq .severity \"low\" \"critical\" }}P1{{ else }}P3{{ end }}", "P1"),
        ("{{ if and .count (not .acknowledged) }}page{{ end }}|{{ or .labels.node \"fallback\" }}", "page|fallback"),
        ("{{ gt .count 2 }} {{ le .count 2 }} {{ lt .age 60 }} {{ ge \"b\" \"a\" }} {{ ne .count 3 }} {{ eq .count \"3\" }}",
         "true false false true false true"),
        ("{{ range .objects }}{{ .name }}={{ .restarts }};{{ end }}", "api-1=4;api-2=0;"),
        ("{{ range .empty }}x{{ else }}none{{ end }} {{ range .nothing }}x{{ else }}none{{ end }}", "none none"),
        ("{{ range .labels }}{{ .key }}={{ .value }} {{ end }}", "app=api namespace=payments node= pod=api-7d9f "),
        ("{{ range .objects }}{{ $.labels.namespace }}/{{ .name }} {{ end }}", "payments/api-1 payments/api-2 "),
        ("{{ $labels.pod }} {{ $value }} {{ $.rule }}", "api-7d9f 1234567 PodCrashLooping"),
        ("{{ index .labels \"namespace\" }} {{ index .objects 1 \"name\" }} [{{ index .objects 5 }}]", "payments api-2 []"),
        ("a  {{- .count -}}  b", "a3b"),
        ("a\n  {{- /* a comment */ -}}\n  b{{/* another */}}", "ab"),
        ("{{ -3 }}", "-3"),
        ("[{{ .nothing }}{{ .nothing.deeper }}{{ .labels.missing | upper }}]", "[]"),
        ("{{ .since }} {{ .age }} {{ .acknowledged }} {{ .ratio }} {{ .tags }}",
         "2024-03-31T01:00:00Z 1h5m3s false 0.1234 a, b, c"),
        ("{{ .objects }}", "name=api-1, restarts=4, name=api-2, restarts=0"),
        ("{{ `raw \"text\" {{` }}", "raw \"text\" {{"),
        ("{{ (.rule | lower) | truncate 5 }} {{ printf \"%s!\" (.severity | upper) }}", "podc… CRITICAL!"),
        ("Pod {{ .labels.pod }} in {{ .labels.namespace }} restarted {{ .count }} times in {{ .age | humanizeDuration }}",
         "Pod api-7d9f in payments restarted 3 times in 1h 5m 3s"),
    ]

    @Test(arguments: cases)
    func rendersWithoutWarnings(source: String, text: String) throws {
        let rendering = try Template(parsing: source).render(Self.context)
        #expect(rendering.text == text)
        #expect(rendering.warnings == [])
        #expect(!rendering.isTruncated)
    }

    static let mismatches: [(source: String, text: String, warnings: [String])] = [
        ("x{{ .tags | upper }}y", "xy", ["upper expects text, got a list at 1:13"]),
        ("{{ .rule | humanize }}", "", ["humanize expects a number, got text at 1:12"]),
        ("{{ .since | humanizeDuration }}", "", ["humanizeDuration expects a number, got a date at 1:13"]),
        ("{{ .count | join \",\" }}", "", ["join expects a list, got a number at 1:13"]),
        ("{{ range .rule }}x{{ else }}none{{ end }}", "none", ["range expects a list or a map, got text at 1:1"]),
        ("{{ .rule.name }}", "", ["cannot read .name of .rule (text) at 1:4"]),
        ("{{ range .tags }}{{ .x }}{{ end }}", "", [
            "cannot read .x of . (text) at 1:21", "cannot read .x of . (text) at 1:21", "cannot read .x of . (text) at 1:21",
        ]),
        ("{{ truncate \"x\" .rule }}", "", ["truncate expects a whole number ≥ 0 as length, got text at 1:4"]),
        ("{{ if lt .rule 3 }}a{{ end }}", "", ["lt cannot compare text with a number at 1:7"]),
        ("{{ printf \"%d items\" .rule }}", " items", ["printf expects a number for a numeric verb, got text at 1:4"]),
        ("{{ index .labels 3 }}", "", ["index cannot look up a number in a map at 1:4"]),
        ("{{ .labels | len | upper }}-{{ .objects | quote }}", "4-", ["quote expects text, got a list at 1:43"]),
    ]

    @Test(arguments: mismatches)
    func rendersTypeMismatchesAsEmptyWithWarnings(source: String, text: String, warnings: [String]) throws {
        let rendering = try Template(parsing: source).render(Self.context)
        #expect(rendering.text == text)
        #expect(rendering.warnings.map(\.description) == warnings)
    }

    @Test func rendersTheSameTextEveryTime() throws {
        let template = try Template(parsing: "{{ range .labels }}{{ .key }}{{ end }}")
        let first = template.render(Self.context)
        for _ in 0..<5 { #expect(template.render(Self.context) == first) }
        #expect(template.source == "{{ range .labels }}{{ .key }}{{ end }}")
    }
}
