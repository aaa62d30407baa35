import Foundation
import KubeCore
import Testing
import TocsinAPI

@Suite struct SyntaxTests {
    @Test(arguments: [
        ("team", true), ("app.kubernetes.io/name", true), ("a", true), ("Team_1.x", true),
        ("", false), ("-team", false), ("team-", false), ("work load", false), ("UPPER.example.com/x", false),
        ("example.com/", false), (String(repeating: "a", count: 64), false),
    ])
    func labelKeys(key: String, isValid: Bool) {
        #expect(Syntax.isLabelKey(key) == isValid)
    }

    /// Kubernetes' `IsDNS1123Subdomain`: 253 characters in all, no limit per dot-separated part.
    @Test(arguments: [
        ("web", true), ("web-1.example.com", true), ("0", true), (String(repeating: "a", count: 63), true),
        (String(repeating: "a", count: 64), true), (String(repeating: "a", count: 253), true),
        (String(repeating: "a", count: 100) + "." + String(repeating: "b", count: 100), true),
        (String(repeating: "a", count: 254), false), ("", false), ("-web", false), ("web-", false), ("Web", false),
        ("web..example", false), (".web", false), ("web.", false), ("web.-x", false), ("web_1", false),
    ])
    func dnsSubdomains(name: String, isValid: Bool) {
        #expect(Syntax.isDNSSubdomain(name) == isValid)
    }

    @Test(arguments: [
        ("00:00", false, 0), ("09:30", false, 570), ("23:59", false, 1439), ("24:00", true, 1440),
    ])
    func validTimesOfDay(text: String, allowsEndOfDay: Bool, minutes: Int) {
        #expect(Syntax.minutesOfDay(text, allowsEndOfDay: allowsEndOfDay) == minutes)
    }

    @Test(arguments: ["24:00", "9:00", "09:60", "25:00", "0900", "09:00:00", "ab:cd"])
    func invalidTimesOfDay(text: String) {
        #expect(Syntax.minutesOfDay(text) == nil)
    }

    @Test(arguments: [
        ("Europe/Amsterdam", true), ("America/New_York", true), ("UTC", true), ("Australia/Sydney", true),
        ("Europe/Amsterdm", false), ("CEST", false), ("GMT+2", false), ("", false),
    ])
    func timeZones(name: String, isValid: Bool) {
        #expect(Syntax.isTimeZone(name) == isValid)
    }

    @Test(arguments: [
        ("#alerts", true), ("#alert-critical_1", true), ("C0123456789", true), ("G01234567", true),
        ("alerts", false), ("#Alerts", false), ("#", false), ("C012", false), ("U0123456789", false),
    ])
    func slackChannels(channel: String, isValid: Bool) {
        #expect(Syntax.isSlackChannel(channel) == isValid)
    }

    @Test func fieldPathsParse() {
        #expect(FieldCondition.parsePath("status.phase") == [.field("status"), .field("phase")])
        #expect(FieldCondition.parsePath("status.containerStatuses[*].restartCount") == [
            .field("status"), .field("containerStatuses"), .anyElement, .field("restartCount"),
        ])
        #expect(FieldCondition.parsePath("spec.containers[0].image") == [
            .field("spec"), .field("containers"), .element(0), .field("image"),
        ])
        #expect(FieldCondition.parsePath("metadata.labels[\"app.kubernetes.io/name\"]") == [
            .field("metadata"), .field("labels"), .field("app.kubernetes.io/name"),
        ])
    }

    @Test(arguments: ["", "status.", ".status", "status..phase", "status[x]", "status[*", "a b", "labels[\"\"]", "[0]"])
    func invalidFieldPaths(path: String) {
        #expect(FieldCondition.parsePath(path) == nil)
    }

    @Test func severitiesMapToOpsgeniePriorities() {
        #expect(Severity.allCases.map(\.opsgeniePriority) == ["P1", "P2", "P3", "P4", "P5"])
        #expect(Severity.allCases.map(\.raised) == [.critical, .critical, .high, .moderate, .low])
        #expect(Severity.info < .low && Severity.high < .critical)
        #expect(Severity.allCases.sorted() == [.info, .low, .moderate, .high, .critical])
    }

    @Test func labelSelectorsMatchLikeKubernetes() {
        let selector = LabelSelector(
            matchLabels: ["tier": "web"],
            matchExpressions: [
                LabelSelectorRequirement(key: "env", operator: .in, values: ["prod", "staging"]),
                LabelSelectorRequirement(key: "canary", operator: .doesNotExist),
            ]
        )
        #expect(selector.matches(["tier": "web", "env": "prod"]))
        #expect(!selector.matches(["tier": "web", "env": "dev"]))
        #expect(!selector.matches(["tier": "web", "env": "prod", "canary": "true"]))
        #expect(LabelSelector().matches([:]))
        #expect(LabelSelectorRequirement(key: "env", operator: .notIn, values: ["prod"]).matches([:]))
    }

    @Test func timestampsDecodeAnyOffsetAndEncodeUTC() throws {
        let time = try #require(Timestamp(rfc3339: "2024-03-31T02:30:00+02:00"))
        #expect(time.description == "2024-03-31T00:30:00Z")
        #expect(Timestamp(rfc3339: "2024-03-31T00:30:00.250Z")?.description == "2024-03-31T00:30:00.250000Z")
        #expect(Timestamp(rfc3339: "2024-02-30T00:00:00Z") == nil)
        let json = try KubeJSON.makeEncoder().encode(["t": time])
        #expect(String(decoding: json, as: UTF8.self) == "{\"t\":\"2024-03-31T00:30:00Z\"}")
    }

    @Test func restrictionWindowsCrossingMidnight() {
        #expect(TimeWindow(startTime: "20:00", endTime: "08:00").crossesMidnight)
        #expect(!TimeWindow(startTime: "00:00", endTime: "24:00").crossesMidnight)
        #expect(TimeWindow(startTime: "00:00", endTime: "24:00").endMinute == 1440)
        #expect(DayOfWeek.allCases.map(\.calendarWeekday) == [2, 3, 4, 5, 6, 7, 1])
    }

    @Test func routeMatching() {
        let match = RouteMatch(severities: [.critical, .high], labels: ["team": "payments"])
        #expect(match.matches(severity: .high, labels: ["team": "payments", "namespace": "pay"]))
        #expect(!match.matches(severity: .low, labels: ["team": "payments"]))
        #expect(!match.matches(severity: .critical, labels: ["team": "shop"]))
    }

    @Test func conditionUnionViews() {
        var condition = AlertCondition(.nodePressure(NodePressureCondition()))
        #expect(condition.type == .nodePressure)
        #expect(condition.setTypes == [.nodePressure])
        condition.nodeNotReady = NodeNotReadyCondition()
        #expect(condition.typed == nil)
        #expect(condition.setTypes == [.nodeNotReady, .nodePressure])
        #expect(AlertCondition().setTypes == [])
    }

    @Test func resourceTypes() {
        #expect(AlertRule.resourceType.path(namespace: "tocsin", name: "crash")
            == "/apis/tocsin.dev/v1alpha1/namespaces/tocsin/alertrules/crash")
        #expect([Monitor.resourceType, AlertRule.resourceType, OnCallSchedule.resourceType, Incident.resourceType]
            .map(\.kind) == ["Monitor", "AlertRule", "OnCallSchedule", "Incident"])
        #expect(OnCallSchedule.resourceType.plural == "oncallschedules")
        #expect(Incident.shortNames == ["inc"])
    }

    @Test func fieldConditionValuesReadNumbersAsText() throws {
        let json = Data(#"{"kind":"Pod","path":"status.containerStatuses[*].restartCount","operator":">","value":20}"#.utf8)
        let condition = try KubeJSON.decode(FieldCondition.self, from: json)
        #expect(condition.value == "20")
        #expect(condition.operator == .greaterThan)
    }
}
