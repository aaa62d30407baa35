import Testing
import TocsinAPI

@Suite struct ManifestDecoderTests {
    static let rule = """
        apiVersion: tocsin.dev/v1alpha1
        kind: AlertRule
        metadata:
          name: crash
        spec:
          monitorRef: {name: production}
          severity: high
          condition:
            podCrashLooping: {}
          routes:
            - slack: {channel: "#alerts", tokenSecretRef: {name: slack, key: token}}
        """

    @Test func decodesEveryDocumentWithIndexAndLine() throws {
        let yaml = """
            # leading comment
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: unrelated
            ---
            ---
            \(Self.rule)
              unknownField: ignored
            """
        let documents = try ManifestDecoder().decode(yaml: yaml)
        #expect(documents.map(\.index) == [0, 2])
        #expect(documents.map(\.line) == [2, 8])
        #expect(documents.map(\.isTocsin) == [false, true])
        #expect(documents.map(\.description) == ["document 0 (line 2) ConfigMap unrelated", "document 2 (line 8) AlertRule crash"])
        #expect(documents[0].errors == [])
        #expect(documents[1].errors == [])
        guard case .alertRule(let rule) = documents[1].object else {
            Issue.record("expected an AlertRule")
            return
        }
        #expect(rule.spec.condition.type == .podCrashLooping)
    }

    static let structuralCases: [(String, String, String)] = [
        ("unknown severity", "severity: high", "spec.severity: unsupported value \"urgent\": supported values are critical, high, moderate, low, info"),
        ("missing monitorRef", "monitorRef: {name: production}", "spec.monitorRef: is required"),
        ("malformed duration", "severity: high", "spec.for: invalid duration \"5 minutes\": unexpected \" \" at offset 1; write a whole number followed by a unit (ms, s, m, h, d, w), e.g. 30s, 5m, 1h30m"),
        ("unknown operator", "podCrashLooping: {}", "spec.condition.field.operator: unsupported value \"=~\": supported values are ==, !=, >, >=, <, <=, in, matches"),
        ("routes not a list", "routes:", "spec.routes: must be a list"),
        ("wrong version", "apiVersion: tocsin.dev/v1alpha1", "apiVersion: unsupported value \"tocsin.dev/v1\": supported values are tocsin.dev/v1alpha1"),
        ("unknown kind", "kind: AlertRule", "kind: unsupported value \"AlertRoute\": supported values are Monitor, AlertRule, OnCallSchedule, OnCallOverride, Incident"),
    ]

    static func broken(_ name: String, _ anchor: String) -> String {
        switch name {
        case "unknown severity": rule.replacingOccurrences(of: anchor, with: "severity: urgent")
        case "missing monitorRef": rule.replacingOccurrences(of: anchor, with: "")
        case "malformed duration": rule.replacingOccurrences(of: anchor, with: "severity: high\n  for: 5 minutes")
        case "unknown operator":
            rule.replacingOccurrences(of: anchor, with: "field: {kind: Pod, path: status.phase, operator: \"=~\", value: Failed}")
        case "routes not a list": rule.replacingOccurrences(of: anchor, with: "routes:\n    slack: {}\n  ignored:")
        case "wrong version": rule.replacingOccurrences(of: anchor, with: "apiVersion: tocsin.dev/v1")
        default: rule.replacingOccurrences(of: anchor, with: "kind: AlertRoute")
        }
    }

    @Test(arguments: structuralCases.map { $0.0 })
    func reportsStructuralProblemsWithTheirPath(name: String) throws {
        let testCase = try #require(Self.structuralCases.first { $0.0 == name })
        let documents = try ManifestDecoder().decode(yaml: Self.broken(name, testCase.1))
        #expect(documents.count == 1)
        #expect(documents.first?.object == nil)
        #expect(documents.first?.errors.map(\.description) == [testCase.2])
    }

    @Test func reportsStructuralErrorsInNestedListsWithIndexes() throws {
        let yaml = """
            apiVersion: tocsin.dev/v1alpha1
            kind: OnCallSchedule
            metadata: {name: sre}
            spec:
              timeZone: UTC
              rotations:
                - {name: a, participants: [{name: x}], shiftLength: 1d, handoffTime: "09:00", start: 2024-01-01T09:00:00Z}
                - {name: b, participants: [{name: y}], shiftLength: 1d, handoffTime: "09:00", start: tomorrow}
            """
        let documents = try ManifestDecoder().decode(yaml: yaml)
        #expect(documents.first?.errors == [
            ValidationError(
                field: "spec.rotations[1].start", code: .invalid,
                message: "invalid time \"tomorrow\": write an RFC 3339 timestamp, e.g. 2024-05-01T09:00:00+02:00"
            )
        ])
    }

    @Test func validatesDecodedObjectsUnlessAskedNotTo() throws {
        let yaml = Self.rule.replacingOccurrences(of: "#alerts", with: "alerts")
        let expected = ["spec.routes[0].slack.channel: must be a channel name such as #alerts or a channel ID such as C0123456789"]
        #expect(try ManifestDecoder().decode(yaml: yaml).first?.errors.map(\.description) == expected)
        #expect(try ManifestDecoder(validates: false).decode(yaml: yaml).first?.errors == [])
    }

    @Test func documentsWithoutKindAreReported() throws {
        let documents = try ManifestDecoder().decode(yaml: "just: a map\n")
        #expect(documents.first?.errors.map(\.description) == ["a manifest needs apiVersion and kind"])
    }

    @Test func syntaxErrorsNameTheLine() {
        let error = #expect(throws: ManifestSyntaxError.self) {
            try ManifestDecoder().decode(yaml: "apiVersion: v1\nkind: [unclosed\nmetadata: {}\n")
        }
        #expect(error?.line == 3)
        #expect(error?.description.hasPrefix("invalid YAML at line 3: ") == true, "\(String(describing: error))")
    }
}
