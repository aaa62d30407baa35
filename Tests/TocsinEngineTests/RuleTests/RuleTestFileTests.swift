import Foundation
import Testing
import TocsinAPI
import TocsinEngine

@Suite("Rule test files")
struct RuleTestFileTests {
    @Test("A test file parses into offsets, changes, operations and expectations")
    func parses() throws {
        let test = try RuleTestFile(yaml: """
            name: demo
            rules: [rules.yaml]
            schedules: [oncall.yaml]
            start: 2026-03-01T09:00:00Z
            steps:
              - at: 1h30m
                delete: [{kind: Node, name: node-a}]
                resolve: [{rule: shop/crash, by: bob}]
            expect:
              - at: 0
                incidents: [{rule: crash, groupLabels: {namespace: shop}, severity: HIGH, paged: [alice]}]
            """)
        #expect(test.name == "demo")
        #expect(test.manifestFiles == ["rules.yaml", "oncall.yaml"])
        #expect(test.start == Date(timeIntervalSince1970: 1_772_355_600))
        #expect(test.steps.map(\.at) == [.minutes(90)])
        #expect(test.steps.first?.changes == [.deleted(ObservedObjectID(kind: .node, namespace: "", name: "node-a"))])
        #expect(test.steps.first?.operations == [
            RuleTestOperation(
                kind: .resolve, group: IncidentGroupReference(rule: "crash", ruleNamespace: "shop"), actor: "bob", line: 8)
        ])
        var expected = ExpectedIncident(group: IncidentGroupReference(rule: "crash", groupLabels: ["namespace": "shop"]))
        expected.severity = .high
        expected.paged = ["alice"]
        #expect(test.expectations.first?.incidents == [expected])
        #expect(test.expectations.first?.at == .zero)
    }

    @Test(
        "Malformed test files are refused with the line and field",
        arguments: [
            ("start: 2026-03-01T09:00:00Z\nexpect:\n  - at: 20x\n    incidents: []\n", 3, "expect[0].at: \"20x\" is not an offset: write a duration such as 0s, 90s, 16m or 1h30m"),
            ("start: yesterday\nexpect: [{at: 0s, incidents: []}]\n", 1, "start: \"yesterday\" is not an RFC 3339 timestamp: write e.g. 2026-03-01T09:00:00Z"),
            ("start: 2026-03-01T09:00:00Z\nexpcet: []\n", 2, "unknown field \"expcet\": the fields are name, rules, schedules, manifests, start, steps, expect"),
            ("start: 2026-03-01T09:00:00Z\nsteps:\n  - at: 0s\n    objects:\n      - {apiVersion: apps/v1, kind: Deployment}\nexpect: [{at: 0s, incidents: []}]\n", 5, "steps[0].objects[0]: kind \"Deployment\": objects are Pods, Nodes and Events (core v1)"),
            ("start: 2026-03-01T09:00:00Z\nexpect:\n  - at: 0s\n    incidents: [{groupLabels: {}}]\n", 4, "expect[0].incidents[0]: rule is required: the AlertRule's name"),
            ("start: 2026-03-01T09:00:00Z\nsteps: [{at: 0s}]\n", 1, "expect is required: list the incidents open at given offsets (incidents: [] for none)"),
            ("start: [\n", 2, "invalid YAML: while parsing a flow node did not find expected node content"),
        ])
    func malformed(yaml: String, line: Int, message: String) {
        #expect(throws: RuleTestError.self) { try RuleTestFile(yaml: yaml) }
        do {
            _ = try RuleTestFile(yaml: yaml)
        } catch {
            #expect(error.line == line)
            #expect(error.description == message)
        }
    }

    @Test("A Pod that does not decode is reported with its field path")
    func badPod() {
        let yaml = """
            start: 2026-03-01T09:00:00Z
            steps:
              - at: 0s
                objects:
                  - {apiVersion: v1, kind: Pod, metadata: {name: p, namespace: shop}, status: {containerStatuses: [{restartCount: 1}]}}
            expect: [{at: 0s, incidents: []}]
            """
        do {
            _ = try RuleTestFile(yaml: yaml)
            Issue.record("expected an error")
        } catch {
            #expect(error.line == 5)
            #expect(error.field == "steps[0].objects[0].status.containerStatuses[0].name")
        }
    }

    @Test("Problems in manifests are reported as file:line: Kind/name: problem")
    func manifestProblems() {
        var manifests = RuleTestManifests()
        manifests.add(
            yaml: "apiVersion: tocsin.dev/v1alpha1\nkind: AlertRule\nmetadata: {name: r, namespace: shop}\nspec:\n  monitorRef: {name: m}\n  severity: urgent\n  condition: {podFailed: {}}\n",
            source: "rules.yaml", firstLine: 10)
        #expect(manifests.problems == [
            "rules.yaml:10: AlertRule/r: spec.severity: unsupported value \"urgent\": supported values are critical, high, moderate, low, info"
        ])
    }
}
