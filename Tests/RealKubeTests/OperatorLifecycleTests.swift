import Foundation
import KubeClient
import KubeCore
import Testing
import TocsinAPI
import TocsinTesting

extension RealServer {
    /// What the operator does with people's changes and its own restarts, on the real server.
    @Suite struct OperatorLifecycleTests {
        /// An OnCallOverride that covers now puts bob on call: the incident pages bob, not alice.
        @Test func anOnCallOverridePagesTheStandIn() async throws {
            try await OperatorHarness.with("override") { harness in
                let start = RFC3339.format(Date().addingTimeInterval(-3600))
                let end = RFC3339.format(Date().addingTimeInterval(3600))
                try await harness.apply(
                    """
                    apiVersion: tocsin.dev/v1alpha1
                    kind: OnCallOverride
                    metadata: {name: bob-covers}
                    spec:
                      scheduleRef: {name: primary}
                      start: "\(start)"
                      end: "\(end)"
                      participant: {name: bob, slackUserID: U04BOB00002, opsgenieUser: bob@example.com}
                      reason: swap with alice
                    """)
                try await harness.apply(harness.rule("pod-failed", condition: "{podFailed: {}}"))
                _ = try await harness.controlPlane.createPod("job-1", namespace: harness.namespace, client: harness.client)
                try await harness.runOperator { assembly in
                    try await harness.waitForSync(assembly)
                    try await eventually("the schedule to name bob on call") {
                        let schedule = try await harness.client.get(
                            GenericObject.self, name: "primary", namespace: harness.namespace, resource: .onCallSchedules)
                        return "\(schedule["status"] ?? .null)".contains("bob") ? true : nil
                    }
                    try await harness.failPod("job-1")
                    let firing = try await harness.incident(of: "pod-failed", in: .firing)
                    #expect(firing.status?.paged?.map(\.name) == ["bob"])
                }
            }
        }

        /// Deleting an AlertRule resolves its Incidents and still updates the Slack card and closes the Opsgenie
        /// alert; the finalizer holds the rule until then.
        @Test func deletingAnAlertRuleClosesItsIncidentsEverywhere() async throws {
            try await OperatorHarness.with("rule-delete") { harness in
                try await harness.apply(harness.rule("pod-failed", condition: "{podFailed: {}}"))
                _ = try await harness.controlPlane.createPod("job-1", namespace: harness.namespace, client: harness.client)
                try await harness.runOperator { assembly in
                    try await harness.waitForSync(assembly)
                    try await harness.failPod("job-1")
                    _ = try await harness.incident(of: "pod-failed", in: .firing)
                    try await eventually("the Slack card") { harness.slack.messages(in: OperatorHarness.channelID).first }
                    try await eventually("the Opsgenie alert") {
                        harness.opsgenie.requests.first { $0.method == "POST" && $0.path == "/v2/alerts" }
                    }
                    try await harness.client.delete(AlertRule.self, name: "pod-failed", namespace: harness.namespace)
                    let resolved = try await harness.incident(of: "pod-failed", in: .resolved)
                    #expect(resolved.status?.resolvedBy?.contains("AlertRule deleted") == true, "\(String(describing: resolved.status?.resolvedBy))")
                    try await eventually("the Opsgenie close") {
                        harness.opsgenie.requests.first { $0.method == "POST" && $0.path.hasSuffix("/close") }
                    }
                    try await eventually("the card's update") { harness.slack.requests(apiMethod: "chat.update").first }
                    try await eventually("the AlertRule to be gone") { () async throws -> Bool? in
                        do {
                            _ = try await harness.client.get(AlertRule.self, name: "pod-failed", namespace: harness.namespace)
                            return nil
                        } catch let error as KubeAPIError where error.isNotFound {
                            return true
                        }
                    }
                }
            }
        }

        /// A template error is in the rule's status as the server stores it.
        @Test func aTemplateErrorShowsInTheRulesStatus() async throws {
            try await OperatorHarness.with("template") { harness in
                try await harness.apply(
                    harness.rule("bad-template", condition: "{podFailed: {}}")
                        .replacingOccurrences(of: "summary: '{{ .labels.namespace }}: bad-template'", with: "summary: '{{ .labels.pod | humanise }}'"))
                try await harness.runOperator { _ in
                    let ready = try await eventually("the rule's Ready condition") {
                        let rule = try await harness.client.get(
                            GenericObject.self, name: "bad-template", namespace: harness.namespace, resource: .alertRules)
                        return rule["status"]?["conditions"]?.arrayValue?.first { $0["type"] == "Ready" && $0["status"] == "False" }
                    }
                    #expect(ready["reason"] == "InvalidTemplate")
                    #expect(ready["message"]?.stringValue?.contains("humanise") == true, "\(ready)")
                }
            }
        }

        /// A person resolved an incident while its condition still held: a restarted operator does not open it
        /// again (a second rule that fires after the restart proves the engine has evaluated by then).
        @Test func aManualResolveSurvivesAnOperatorRestart() async throws {
            try await OperatorHarness.with("manual") { harness in
                try await harness.apply(harness.rule("pod-failed", condition: "{podFailed: {}}"))
                _ = try await harness.controlPlane.createPod("job-1", namespace: harness.namespace, client: harness.client)
                try await harness.runOperator { assembly in
                    try await harness.waitForSync(assembly)
                    try await harness.failPod("job-1")
                    let firing = try await harness.incident(of: "pod-failed", in: .firing)
                    _ = try await harness.client.patch(
                        Incident.self, name: firing.metadata.name ?? "", namespace: harness.namespace,
                        patch: .merge(["metadata": ["annotations": ["tocsin.dev/resolve": "alice"]]]))
                    _ = try await harness.incident(of: "pod-failed", in: .resolved)
                }
                try await harness.apply(
                    harness.rule("marker", condition: "{podFailed: {}}", severity: "info")
                        .replacingOccurrences(of: "monitorRef: {name: shop}", with: "monitorRef: {name: shop}\n  labels: {marker: \"yes\"}"))
                try await harness.runOperator { _ in
                    _ = try await harness.incident(of: "marker", in: .firing)
                    let ofRule = try await harness.incidents().filter { $0.spec.alertRuleRef.name == "pod-failed" }
                    #expect(ofRule.count == 1)
                    #expect(ofRule.first?.status?.phase == .resolved)
                }
            }
        }

        /// `tocsin kube get secrets -o json` shows no Secret value, not even in kubectl's last-applied annotation.
        @Test func kubeGetSecretsRedactsEveryValue() async throws {
            let binary = RealCluster.repositoryRoot.appendingPathComponent(".build/debug/tocsin").path
            try #require(FileManager.default.isExecutableFile(atPath: binary), "build the tocsin executable first")
            try await RealCluster.withNamespace("redact") { controlPlane, client, namespace in
                let value = "s3cr3t-value-\(UUID().uuidString.prefix(6))"
                _ = try await client.create(
                    Secret(
                        metadata: ObjectMeta(
                            name: "creds", namespace: namespace,
                            annotations: [
                                "kubectl.kubernetes.io/last-applied-configuration":
                                    "{\"apiVersion\":\"v1\",\"kind\":\"Secret\",\"stringData\":{\"token\":\"\(value)\"}}"
                            ]),
                        data: ["token": Data(value.utf8)]))
                for output in ["json", "table"] {
                    let process = Process()
                    process.executableURL = URL(fileURLWithPath: binary)
                    process.arguments = [
                        "--kubeconfig", controlPlane.kubeconfigPath, "kube", "get", "secrets", "-n", namespace, "-o", output,
                    ]
                    let pipe = Pipe()
                    process.standardOutput = pipe
                    process.standardError = pipe
                    try process.run()
                    let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                    process.waitUntilExit()
                    #expect(process.terminationStatus == 0, "\(text)")
                    #expect(text.contains("creds"))
                    #expect(!text.contains(value), "-o \(output) shows the secret")
                    #expect(!text.contains(Data(value.utf8).base64EncodedString()), "-o \(output) shows the secret")
                }
            }
        }
    
        /// A long name (64–253 characters) is a valid AlertRule name; a schedule the reconciler refuses (a Slack
        /// ID that is not one) pages nobody rather than a person it cannot address.
        @Test func aLongRuleNameWorksAndARefusedSchedulePagesNobody() async throws {
            try await OperatorHarness.with("refused") { harness in
                let longName = "pod-failed-" + String(repeating: "x", count: 80)
                try await harness.apply(
                    """
                    apiVersion: tocsin.dev/v1alpha1
                    kind: OnCallSchedule
                    metadata: {name: broken}
                    spec:
                      timeZone: Europe/Amsterdam
                      rotations:
                        - name: weekly
                          participants:
                            - {name: carol, slackUserID: U0CAROL, opsgenieUser: carol@example.com}
                          shiftLength: 1w
                          handoffTime: "09:00"
                          start: "2026-01-05T09:00:00Z"
                    """)
                try await harness.apply(
                    harness.rule(longName, condition: "{podFailed: {}}")
                        .replacingOccurrences(of: "onCallScheduleRef: {name: primary}", with: "onCallScheduleRef: {name: broken}"))
                _ = try await harness.controlPlane.createPod("job-1", namespace: harness.namespace, client: harness.client)
                try await harness.runOperator { assembly in
                    let refused = try await eventually("the schedule's Ready=False") {
                        let schedule = try await harness.client.get(
                            GenericObject.self, name: "broken", namespace: harness.namespace, resource: .onCallSchedules)
                        return schedule["status"]?["conditions"]?.arrayValue?.first { $0["type"] == "Ready" && $0["status"] == "False" }
                    }
                    #expect(refused["message"]?.stringValue?.contains("slackUserID") == true, "\(refused)")
                    try await harness.waitForSync(assembly)
                    try await harness.failPod("job-1")
                    let firing = try await harness.incident(of: longName, in: .firing)
                    let paged: [PagedParticipant] = firing.status?.paged ?? []
                    #expect(paged.isEmpty, "\(paged)")
                }
            }
        }

        /// A probe-down incident survives an operator restart: no Resolved update, no second card.
        @Test func aProbeIncidentSurvivesAnOperatorRestart() async throws {
            try await OperatorHarness.with("probe-restart") { harness in
                try await harness.applyClosedPortProbe(consecutiveFailures: 2)
                try await harness.runOperator { _ in
                    _ = try await harness.incident(of: "api-down", in: .firing)
                    try await eventually("the Slack card") { harness.slack.messages(in: OperatorHarness.channelID).first }
                }
                let restarted = Date()
                try await harness.runOperator { _ in
                    // Two probe results after the restart: the engine has judged the probe again by then.
                    try await eventually("two probe checks after the restart", timeout: .seconds(90)) { () async throws -> Bool? in
                        let monitor = try await harness.client.get(Monitor.self, name: "api-probe", namespace: harness.namespace)
                        guard let probe = monitor.status?.probes?.first(where: { $0.name == "api" }),
                            let checked = probe.lastCheckTime?.date, checked > restarted.addingTimeInterval(6)
                        else { return nil }
                        return true
                    }
                }
                let incidents = try await harness.incidents().filter { $0.spec.alertRuleRef.name == "api-down" }
                #expect(incidents.count == 1)
                #expect(incidents.first?.status?.phase == .firing)
                #expect(harness.slack.messages(in: OperatorHarness.channelID).count == 1)
                #expect(harness.slack.requests(apiMethod: "chat.update").isEmpty)
            }
        }
    }
}
