import Foundation
import KubeCore
import Testing
import TocsinAPI

@Suite struct MonitorValidationTests {
    typealias Case = InvalidCase<Monitor>

    static let cases: [Case] = [
        Case("namespaces by names and selector", ["spec.namespaces: must set exactly one of names, selector"]) {
            $0.spec.namespaces = MonitorNamespaces(names: ["shop"], selector: LabelSelector())
        },
        Case("namespace names", [
            "spec.namespaces.names[0]: must be a DNS label: at most 63 lowercase letters, digits and '-', starting and ending with a letter or digit",
            "spec.namespaces.names[2]: duplicate value \"shop\"",
        ]) {
            $0.spec.namespaces = MonitorNamespaces(names: ["Shop", "shop", "shop"])
        },
        Case("probe URL not http", ["spec.probes[0].url: must be an absolute http or https URL, e.g. https://api.example.com/healthz"]) {
            $0.spec.probes?[0].url = "ftp://files.example.com/"
        },
        Case("probe timings", [
            "spec.probes[0].interval: must be at least 5s",
            "spec.probes[0].timeout: must not exceed the interval (1s)",
        ]) {
            $0.spec.probes?[0].interval = .seconds(1)
            $0.spec.probes?[0].timeout = .seconds(2)
        },
        Case("probe expected status", ["spec.probes[0].expectedStatus[1]: must be between 100 and 599"]) {
            $0.spec.probes?[0].expectedStatus = [200, 700]
        },
        Case("duplicate probe names", ["spec.probes[1].name: duplicate value \"api\""]) {
            $0.spec.probes?.append(HTTPProbe(name: "api", url: "http://api.shop.svc:8080/"))
        },
        Case("selector operators", [
            "spec.podSelector.matchExpressions[0].values: must have at least one item for In and NotIn",
            "spec.podSelector.matchExpressions[1].values: must be empty for Exists and DoesNotExist",
        ]) {
            $0.spec.podSelector = LabelSelector(matchExpressions: [
                LabelSelectorRequirement(key: "app", operator: .in),
                LabelSelectorRequirement(key: "tier", operator: .exists, values: ["web"]),
            ])
        },
        Case("empty ownership, duplicate kinds", [
            "spec.kinds[1]: duplicate value \"Pod\"",
            "spec.ownership: must set at least one of podAnnotation, podLabel, namespaceLabel",
        ]) {
            $0.spec.kinds = [.pod, .pod]
            $0.spec.ownership = Ownership(label: "team")
        },
        Case("ownership annotation that is not cached", [
            "spec.ownership.podAnnotation: must end in \"team\" or \"owner\" (e.g. tocsin.dev/team): only those annotations are cached",
        ]) {
            $0.spec.ownership = Ownership(podAnnotation: "example.com/squad")
        },
    ]

    @Test func fixtureIsValid() {
        #expect(Fixtures.monitor.validate() == [])
    }

    @Test(arguments: cases)
    func reportsEveryProblem(_ testCase: Case) {
        #expect(testCase.apply(to: Fixtures.monitor).validate().map(\.description) == testCase.expected)
    }
}

@Suite struct OnCallScheduleValidationTests {
    typealias Case = InvalidCase<OnCallSchedule>

    static let cases: [Case] = [
        Case("unknown time zone", ["spec.timeZone: unknown time zone \"Europe/Amsterdm\": use an IANA name such as Europe/Amsterdam or UTC"]) {
            $0.spec.timeZone = "Europe/Amsterdm"
        },
        Case("abbreviation is not an IANA zone", ["spec.timeZone: unknown time zone \"CEST\": use an IANA name such as Europe/Amsterdam or UTC"]) {
            $0.spec.timeZone = "CEST"
        },
        Case("postAt times", [
            "spec.notifications.slack.postAt.times[0]: must be a time HH:MM between 00:00 and 23:59",
            "spec.notifications.slack.postAt.times[2]: duplicate value \"09:00\"",
            "spec.notifications.slack.postAt.daysOfWeek[1]: duplicate value \"Friday\"",
        ]) {
            $0.spec.notifications = OnCallNotifications(slack: HandoffSlackNotification(
                channel: "#sre", tokenSecretRef: SecretKeySelector(name: "slack", key: "token"),
                postAt: HandoffPostTimes(times: ["24:00", "09:00", "09:00"], daysOfWeek: [.friday, .friday])))
        },
        Case("postAt without times", ["spec.notifications.slack.postAt.times: must list at least one HH:MM time (or omit postAt)"]) {
            $0.spec.notifications = OnCallNotifications(slack: HandoffSlackNotification(
                channel: "#sre", tokenSecretRef: SecretKeySelector(name: "slack", key: "token"), postAt: HandoffPostTimes(times: [])))
        },
        Case("nothing to announce", [
            "spec.notifications.slack.onChange: is false and neither postAt nor userGroupID is set: nothing would be announced"
        ]) {
            $0.spec.notifications = OnCallNotifications(slack: HandoffSlackNotification(
                channel: "#sre", tokenSecretRef: SecretKeySelector(name: "slack", key: "token"), onChange: false))
        },
        Case("no rotations", ["spec.rotations: must have at least one item"]) { $0.spec.rotations = [] },
        Case("zero shift length", ["spec.rotations[0].shiftLength: must be positive"]) { $0.spec.rotations[0].shiftLength = .zero },
        Case("shift length not dividing a day", [
            "spec.rotations[0].shiftLength: must be whole hours dividing a day (1h, 2h, 3h, 4h, 6h, 8h, 12h) or whole days (1d, 1w, 14d)"
        ]) { $0.spec.rotations[0].shiftLength = .hours(5) },
        Case("handoff time format", ["spec.rotations[0].handoffTime: must be a time HH:MM between 00:00 and 23:59"]) {
            $0.spec.rotations[0].handoffTime = "9:00"
        },
        Case("restriction days and equal times", [
            "spec.rotations[0].restrictions[0].daysOfWeek[1]: duplicate value \"Monday\"",
            "spec.rotations[0].restrictions[0].endTime: must differ from startTime (use 00:00 to 24:00 for a whole day)",
        ]) {
            $0.spec.rotations[0].restrictions = [TimeWindow(daysOfWeek: [.monday, .monday], startTime: "08:00", endTime: "08:00")]
        },
        Case("participants", [
            "spec.rotations[0].participants[0].slackUserID: must be a Slack user ID such as U0123456789",
            "spec.rotations[0].participants[1].opsgenieUser: must be an Opsgenie username (an e-mail address)",
            "spec.rotations[0].participants[1].effectiveUntil: must be after effectiveFrom (2024-03-04T08:00:00Z)",
            "spec.rotations[0].participants[2].name: duplicate value \"alice\"",
        ]) {
            $0.spec.rotations[0].participants = [
                Participant(name: "alice", slackUserID: "alice"),
                Participant(
                    name: "bob", opsgenieUser: "bob", effectiveFrom: Fixtures.time("2024-03-04T09:00:00+01:00"),
                    effectiveUntil: Fixtures.time("2024-03-01T09:00:00+01:00")
                ),
                Participant(name: "alice"),
            ]
        },
        Case("duplicate and invalid rotation names", [
            "spec.rotations[1].name: must be a DNS label: at most 63 lowercase letters, digits and '-', starting and ending with a letter or digit",
            "spec.rotations[2].name: duplicate value \"primary\"",
        ]) {
            var bad = $0.spec.rotations[0]
            bad.name = "Night Shift"
            $0.spec.rotations += [bad, $0.spec.rotations[0]]
        },
        Case("override end before start", ["spec.overrides[0].end: must be after start (2024-03-15T12:00:00Z)"]) {
            $0.spec.overrides = [
                ScheduleOverride(
                    start: Fixtures.time("2024-03-15T13:00:00+01:00"), end: Fixtures.time("2024-03-15T12:00:00+01:00"),
                    participant: Participant(name: "bob")
                )
            ]
        },
        Case("override participant and rotation", [
            "spec.overrides[0].participant.name: is required",
            "spec.overrides[0].participant.effectiveFrom: must not be set in an override",
            "spec.overrides[0].rotation: must name a rotation of this schedule: primary",
        ]) {
            $0.spec.overrides = [
                ScheduleOverride(
                    start: Fixtures.time("2024-03-15T13:00:00+01:00"), end: Fixtures.time("2024-03-15T20:00:00+01:00"),
                    participant: Participant(name: "", effectiveFrom: Fixtures.time("2024-03-15T13:00:00+01:00")),
                    rotation: "secondary"
                )
            ]
        },
    ]

    @Test func fixtureIsValid() {
        #expect(Fixtures.schedule.validate() == [])
    }

    @Test(arguments: cases)
    func reportsEveryProblem(_ testCase: Case) {
        #expect(testCase.apply(to: Fixtures.schedule).validate().map(\.description) == testCase.expected)
    }
}

@Suite struct IncidentValidationTests {
    typealias Case = InvalidCase<Incident>

    static let cases: [Case] = [
        Case("identity", [
            "spec.alertRuleRef.name: is required",
            "spec.fingerprint: is required",
        ]) {
            $0.spec = IncidentSpec(alertRuleRef: LocalObjectReference(name: ""), fingerprint: "")
        },
        Case("acknowledged without time", ["status.acknowledgedTime: is required when phase is Acknowledged"]) {
            $0.status?.phase = .acknowledged
        },
        Case("resolved before it started", ["status.resolvedTime: must not be before startTime (2024-03-12T10:15:00Z)"]) {
            $0.status?.phase = .resolved
            $0.status?.resolvedTime = Fixtures.time("2024-03-12T10:00:00Z")
        },
        Case("bounded timeline and duplicate receivers", [
            "status.timeline: must have at most 50 items",
            "status.deliveries[1].receiver: duplicate value \"opsgenie\"",
        ]) {
            let entry = TimelineEntry(time: Fixtures.time("2024-03-12T10:15:00Z"), type: .note)
            $0.status?.timeline = Array(repeating: entry, count: 51)
            $0.status?.deliveries = [
                ReceiverDelivery(receiver: "opsgenie", type: .opsgenie), ReceiverDelivery(receiver: "opsgenie", type: .opsgenie),
            ]
        },
    ]

    @Test func fixtureIsValid() {
        #expect(Fixtures.incident.validate() == [])
    }

    @Test(arguments: cases)
    func reportsEveryProblem(_ testCase: Case) {
        #expect(testCase.apply(to: Fixtures.incident).validate().map(\.description) == testCase.expected)
    }
}
