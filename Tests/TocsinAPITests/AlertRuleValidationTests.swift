import KubeCore
import Testing
import TocsinAPI

@Suite struct AlertRuleValidationTests {
    typealias Case = InvalidCase<AlertRule>

    static let secret = SecretKeySelector(name: "tocsin-opsgenie", key: "api-key")

    static let cases: [Case] = [
        Case("no condition", [
            "spec.condition: must set exactly one condition type: podCrashLooping, containerWaiting, containerOOMKilled, podFailed, podNotReady, podPending, podRestarts, nodeNotReady, nodePressure, nodeUnschedulable, warningEvent, workloadPodsNotReady, probeDown, probeSlow, field, onCallGap"
        ]) { $0.spec.condition = AlertCondition() },
        Case("two conditions", ["spec.condition: must set exactly one condition type, found 2: podCrashLooping, podFailed"]) {
            $0.spec.condition.podFailed = PodFailedCondition()
        },
        Case("for too long", ["spec.for: must be at most 1d"]) { $0.spec.for = .hours(25) },
        Case("groupBy syntax and duplicates", [
            "spec.groupBy[0]: must be a label key: an optional DNS subdomain prefix and '/', then at most 63 letters, digits, '-', '_' and '.', starting and ending with a letter or digit",
            "spec.groupBy[2]: duplicate value \"namespace\"",
        ]) { $0.spec.groupBy = ["work load", "namespace", "namespace"] },
        Case("no routes", ["spec.routes: must have at least one item"]) { $0.spec.routes = [] },
        Case("route without receiver", ["spec.routes[0]: must set at least one of slack, opsgenie"]) {
            $0.spec.routes = [Route(onCallScheduleRef: LocalObjectReference(name: "sre"))]
        },
        Case("slack with both secrets", ["spec.routes[0].slack: must set exactly one of tokenSecretRef, webhookSecretRef"]) {
            $0.spec.routes[0].slack?.webhookSecretRef = SecretKeySelector(name: "hook", key: "url")
        },
        Case("slack channel without #", ["spec.routes[0].slack.channel: must be a channel name such as #alerts or a channel ID such as C0123456789"]) {
            $0.spec.routes[0].slack?.channel = "alerts"
        },
        Case("secret key with a space", ["spec.routes[0].slack.tokenSecretRef.key: must be a Secret key: at most 253 letters, digits, '-', '_' and '.'"]) {
            $0.spec.routes[0].slack?.tokenSecretRef?.key = "bot token"
        },
        Case("route after a catch-all", ["spec.routes[1]: is unreachable: spec.routes[0] has no match and takes every incident"]) {
            $0.spec.routes.append(Route(match: RouteMatch(severities: [.critical]), slack: Fixtures.slack))
        },
        Case("empty match", ["spec.routes[0].match: must set at least one of severities, labels (omit match to take every incident)"]) {
            $0.spec.routes[0].match = RouteMatch()
        },
        Case("opsgenie region with an http baseURL", [
            "spec.routes[0].opsgenie.baseURL: must not be set together with region",
            "spec.routes[0].opsgenie.baseURL: must use https (plain http only to a loopback address)",
        ]) {
            $0.spec.routes[0].opsgenie = OpsgenieReceiver(apiKeySecretRef: secret, region: .eu, baseURL: "http://ops.example.com")
        },
        Case("opsgenie tag too long and empty responder", [
            "spec.routes[0].opsgenie.responders[0].name: is required",
            "spec.routes[0].opsgenie.tags[0]: must have at most 50 characters",
        ]) {
            $0.spec.routes[0].opsgenie = OpsgenieReceiver(
                apiKeySecretRef: secret, responders: [OpsgenieResponder(type: .team, name: "")],
                tags: [String(repeating: "t", count: 51)]
            )
        },
        Case("escalation out of order and lowering severity", [
            "spec.escalation[1].after: must be longer than the previous step's (30m)",
            "spec.escalation[1].severity: must not be lower than spec.severity (high)",
        ]) {
            $0.spec.escalation = [
                EscalationStep(after: .minutes(30), onCallScheduleRef: LocalObjectReference(name: "sre")),
                EscalationStep(after: .minutes(15), severity: .low),
            ]
        },
        Case("escalation step without action", ["spec.escalation[0]: must set at least one of onCallScheduleRef, severity"]) {
            $0.spec.escalation = [EscalationStep(after: .minutes(10))]
        },
        Case("warning event parameters", [
            "spec.condition.warningEvent.reasonPattern: must not be set together with reasons",
            "spec.condition.warningEvent.reasonPattern: must be a valid regular expression",
            "spec.condition.warningEvent.minCount: must be at least 1",
            "spec.condition.warningEvent.window: must be at most 1h",
        ]) {
            $0.spec.condition = AlertCondition(
                .warningEvent(WarningEventCondition(reasons: ["BackOff"], reasonPattern: "Failed(", minCount: 0, window: .hours(2)))
            )
        },
        Case("workload percent out of range", ["spec.condition.workloadPodsNotReady.percent: must be between 1 and 100"]) {
            $0.spec.condition = AlertCondition(.workloadPodsNotReady(WorkloadPodsNotReadyCondition(percent: 150)))
        },
        Case("podRestarts count and window", [
            "spec.condition.podRestarts.count: must be at least 1",
            "spec.condition.podRestarts.window: must be at least 1m",
        ]) {
            $0.spec.condition = AlertCondition(.podRestarts(PodRestartsCondition(count: 0, window: .seconds(30))))
        },
        Case("field path and non-numeric threshold", [
            "spec.condition.field.path: must be a field path such as status.phase, status.containerStatuses[*].restartCount or metadata.labels[\"app.kubernetes.io/name\"]",
            "spec.condition.field.value: must be a number for operator >",
        ]) {
            $0.spec.condition = AlertCondition(.field(FieldCondition(kind: .pod, path: "status..phase", operator: .greaterThan, value: "many")))
        },
        Case("field in with value", [
            "spec.condition.field.values: must have at least one item",
            "spec.condition.field.value: must not be set for operator in (use values)",
        ]) {
            $0.spec.condition = AlertCondition(.field(FieldCondition(kind: .pod, path: "status.phase", operator: .in, value: "Failed")))
        },
        Case("field matches with a broken pattern", ["spec.condition.field.value: must be a valid regular expression"]) {
            $0.spec.condition = AlertCondition(.field(FieldCondition(kind: .node, path: "metadata.name", operator: .matches, value: "[a-")))
        },
        Case("probe name not a DNS label", [
            "spec.condition.probeDown.probe: must be a DNS label: at most 63 lowercase letters, digits and '-', starting and ending with a letter or digit",
            "spec.condition.probeDown.consecutiveFailures: must be between 1 and 100",
        ]) {
            $0.spec.condition = AlertCondition(.probeDown(ProbeDownCondition(probe: "Shop_API", consecutiveFailures: 0)))
        },
        Case("onCallGap schedule name and within", [
            "spec.condition.onCallGap.schedule: must be a DNS subdomain: at most 253 lowercase letters, digits, '-' and '.', starting and ending with a letter or digit",
            "spec.condition.onCallGap.within: must be at most 2w",
        ]) {
            $0.spec.condition = AlertCondition(.onCallGap(OnCallGapCondition(schedule: "Primary", within: .days(15))))
        },
        Case("mute window zone and time", [
            "spec.muteWindows[0].timeZone: unknown time zone \"Mars/Olympus\": use an IANA name such as Europe/Amsterdam or UTC",
            "spec.muteWindows[0].startTime: must be a time HH:MM between 00:00 and 23:59",
        ]) {
            $0.spec.muteWindows = [MuteWindow(timeZone: "Mars/Olympus", startTime: "25:00", endTime: "06:00")]
        },
        Case("inhibited by itself", ["spec.inhibitedBy[0].alertRuleRef.name: must not refer to the rule itself"]) {
            $0.spec.inhibitedBy = [Inhibition(alertRuleRef: LocalObjectReference(name: "crash"), equal: ["node"])]
        },
        Case("repeat interval too short, retention too long", [
            "spec.repeatInterval: must be at least 1m",
            "spec.incidentRetention: must be at most 52w",
        ]) {
            $0.spec.repeatInterval = .seconds(30)
            $0.spec.incidentRetention = .days(400)
        },
        Case("labels and missing name", [
            "metadata.name: is required",
            "spec.labels[bad key]: must be a label key: an optional DNS subdomain prefix and '/', then at most 63 letters, digits, '-', '_' and '.', starting and ending with a letter or digit",
        ]) {
            $0.metadata.name = nil
            $0.spec.labels = ["bad key": "x"]
        },
    ]

    @Test func fixtureIsValid() {
        #expect(Fixtures.alertRule.validate() == [])
    }

    @Test(arguments: cases)
    func reportsEveryProblem(_ testCase: Case) {
        let errors = testCase.apply(to: Fixtures.alertRule).validate()
        #expect(errors.map(\.description) == testCase.expected)
    }

    @Test func errorsCarryCodesAndFields() {
        var rule = Fixtures.alertRule
        rule.spec.routes = []
        rule.spec.condition.podFailed = PodFailedCondition()
        #expect(rule.validate() == [
            ValidationError(field: "spec.condition", code: .forbidden, message: "must set exactly one condition type, found 2: podCrashLooping, podFailed"),
            ValidationError(field: "spec.routes", code: .required, message: "must have at least one item"),
        ])
    }
}
