import Testing
@testable import TocsinEngine

/// The lint that runs when an AlertRule is reconciled: fields the sample context does not have.
@Suite struct TemplateCheckTests {
    static let sample: TemplateContext = [
        "value": 1,
        "rule": "r",
        "labels": ["namespace": "default", "pod": "p"],
        "objects": [["name": "p", "restarts": 0]],
        "empty": [],
    ]

    static let cases: [(source: String, findings: [String])] = [
        ("{{ .labels.namespace }} {{ .value | humanize }}", []),
        ("{{ .labels.nmespace }}", ["no field .labels.nmespace in the sample context at 1:4; did you mean .labels.namespace?"]),
        ("{{ .valu }}", ["no field .valu in the sample context at 1:4; did you mean .value?"]),
        ("{{ .Rule }}", ["no field .Rule in the sample context at 1:4; did you mean .rule?"]),
        ("{{ range .objects }}{{ .nam }}{{ $.rule }}{{ end }}",
         ["no field .nam in the sample context at 1:24; did you mean .name?"]),
        ("{{ range .empty }}{{ .anything }}{{ end }}", []),
        ("{{ if .x }}{{ .labels.pod }}{{ else }}{{ .y }}{{ end }}", [
            "no field .x in the sample context at 1:7",
            "no field .y in the sample context at 1:42",
        ]),
        ("{{ printf \"%s\" (.labels.nodes | upper) }}",
         ["no field .labels.nodes in the sample context at 1:17"]),
        ("{{ $labels.pood }}", ["no field $.labels.pood in the sample context at 1:4; did you mean $.labels.pod?"]),
        ("{{ .rule.name }}", ["cannot read .name of .rule (text) in the sample at 1:4"]),
        ("{{ range .labels }}{{ .key }}={{ .value }}{{ .other }}{{ end }}",
         ["no field .other in the sample context at 1:46"]),
    ]

    @Test(arguments: cases)
    func reportsFieldsTheSampleLacks(source: String, findings: [String]) throws {
        let template = try Template(parsing: source)
        #expect(template.check(against: Self.sample).map(\.description) == findings)
    }
}
