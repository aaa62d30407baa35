import Foundation
import KubeCore
import Testing
import TocsinAPI
import TocsinNotifiers
import TocsinTesting

@Suite struct OpsgenieAlertBuilderTests {
    @Test func buildsTheExactAlertOfAnIncident() throws {
        let alert = OpsgenieAlert(
            incident: try opsgenieSampleIncident(), receiver: opsgenieSampleReceiver(), options: opsgenieSampleOptions()
        )
        #expect(try opsgenieEncodedJSON(alert) == opsgenieJSON(opsgenieSampleAlertJSON))
    }

    @Test(arguments: [
        (Severity.critical, "P1"), (.high, "P2"), (.moderate, "P3"), (.low, "P4"), (.info, "P5"),
    ])
    func mapsTheCurrentSeverityToAPriority(severity: Severity, priority: String) throws {
        var incident = try opsgenieSampleIncident()
        incident.status?.severity = severity
        let alert = OpsgenieAlert(incident: incident, receiver: opsgenieSampleReceiver())
        #expect(alert.priority == priority)
        #expect(alert.tags?.contains("severity:\(severity.rawValue)") == true)
    }

    @Test func mergesConfiguredRespondersWithPagedUsersWithoutRepeats() throws {
        var incident = try opsgenieSampleIncident()
        let time = incident.status?.startTime ?? Timestamp(Date(timeIntervalSince1970: 0))
        incident.status?.paged = [
            PagedParticipant(name: "Alice", opsgenieUser: "Alice@Example.com", escalationLevel: 0, pagedTime: time),
            PagedParticipant(name: "Carol", slackUserID: "U0CAROL", escalationLevel: 0, pagedTime: time),
            PagedParticipant(name: "Dan", opsgenieUser: "dan@example.com", escalationLevel: 2, pagedTime: time),
            PagedParticipant(name: "Dan again", opsgenieUser: "dan@example.com", escalationLevel: 3, pagedTime: time),
        ]
        var receiver = opsgenieSampleReceiver()
        receiver.responders = [
            OpsgenieResponder(type: .team, name: "payments-oncall"),
            OpsgenieResponder(type: .schedule, name: "payments-primary"),
            OpsgenieResponder(type: .escalation, name: "payments-escalation"),
            OpsgenieResponder(type: .user, name: "alice@example.com"),
            OpsgenieResponder(type: .team, name: "payments-oncall"),
            OpsgenieResponder(type: .team, name: "  "),
        ]
        let alert = OpsgenieAlert(incident: incident, receiver: receiver)
        #expect(
            alert.responders == [
                .team("payments-oncall"), .schedule("payments-primary"), .escalation("payments-escalation"),
                .user("alice@example.com"), .user("dan@example.com"),
            ])
    }

    @Test func leavesRespondersOutWhenThereAreNone() throws {
        var incident = try opsgenieSampleIncident()
        incident.status?.paged = nil
        var receiver = opsgenieSampleReceiver()
        receiver.responders = nil
        #expect(OpsgenieAlert(incident: incident, receiver: receiver).responders == nil)
    }

    @Test func truncatesTheSummaryIntoAOneLineMessage() throws {
        var incident = try opsgenieSampleIncident()
        incident.status?.summary = "Pods\ncrash  looping: " + String(repeating: "👍🏽", count: 100)
        let message = OpsgenieAlert(incident: incident, receiver: opsgenieSampleReceiver()).message
        // "Pods crash looping: " is 20 UTF-16 units, each thumb 4: 27 thumbs (108) + "…" (1) = 129 ≤ 130.
        #expect(message == "Pods crash looping: " + String(repeating: "👍🏽", count: 27) + "…")
        #expect(message.utf16.count <= OpsgenieLimits.message)
    }

    @Test func namesTheRuleAndSubjectWhenThereIsNoSummary() throws {
        var incident = try opsgenieSampleIncident()
        incident.status?.summary = " "
        #expect(
            OpsgenieAlert(incident: incident, receiver: opsgenieSampleReceiver()).message
                == "pod-crashlooping: Deployment shop/api")
        incident.status?.subject = nil
        #expect(OpsgenieAlert(incident: incident, receiver: opsgenieSampleReceiver()).message == "pod-crashlooping")
    }

    @Test func shortensTheFreeTextDescriptionFirstAndKeepsTheListAndLinks() throws {
        var incident = try opsgenieSampleIncident()
        incident.status?.description = String(repeating: "log line\n", count: 3_000)
        let description = try #require(
            OpsgenieAlert(incident: incident, receiver: opsgenieSampleReceiver(), options: opsgenieSampleOptions())
                .description)
        #expect(description.utf16.count == OpsgenieLimits.description)
        #expect(description.hasPrefix("Pod shop/api-7d9f crash looping\n\nlog line\nlog line"))
        #expect(description.contains("…\n\nAffected objects (1):\n• Pod shop/api-7d9f-abcde: CrashLoopBackOff"))
        #expect(description.hasSuffix("Links:\n• Dashboard: https://grafana.example.com/d/pods?var-namespace=shop"))
    }

    @Test func listsAtMostFiftyAffectedObjectsAndCountsTheRest() throws {
        var incident = try opsgenieSampleIncident()
        incident.status?.affectedObjects = (1...60).map {
            AffectedObject(kind: "Pod", namespace: "shop", name: "api-\($0)")
        }
        incident.status?.affectedObjectCount = 75
        let description = try #require(
            OpsgenieAlert(incident: incident, receiver: opsgenieSampleReceiver()).description)
        #expect(description.contains("Affected objects (50 of 75):\n• Pod shop/api-1\n"))
        #expect(description.contains("• Pod shop/api-50\n… and 25 more\n\nSeverity"))
        #expect(!description.contains("api-51"))
    }

    @Test func keepsAtMostTwentyTagsOfFiftyCharactersWithItsOwnLast() throws {
        var receiver = opsgenieSampleReceiver()
        receiver.tags = (1...25).map { "tag-\($0)" } + ["tag-1", String(repeating: "x", count: 60)]
        var incident = try opsgenieSampleIncident()
        incident.metadata.namespace = String(repeating: "n", count: 63)
        let tags = try #require(OpsgenieAlert(incident: incident, receiver: receiver).tags)
        #expect(tags.count == OpsgenieLimits.tagCount)
        #expect(tags.prefix(18) == ArraySlice((1...18).map { "tag-\($0)" }))
        #expect(tags[18] == "severity:critical")
        #expect(tags[19] == "namespace:" + String(repeating: "n", count: 39) + "…")
        #expect(tags.allSatisfy { $0.utf16.count <= OpsgenieLimits.tag })
    }

    @Test func dropsTheLabelsWithTheLongestValuesFirstToFitTheDetails() throws {
        var incident = try opsgenieSampleIncident()
        incident.status?.labels = [
            "team": "payments", "a-big": String(repeating: "a", count: 5_000),
            "b-big": String(repeating: "b", count: 5_000),
            "c-medium": String(repeating: "c", count: 3_000),
        ]
        let details = try #require(OpsgenieAlert(incident: incident, receiver: opsgenieSampleReceiver()).details)
        // Ties drop the greatest key first: "b-big" goes, then "a-big"; 3,000 + the rest fits.
        #expect(Set(details.keys) == ["team", "c-medium", "incident"])
        #expect(details["incident"] == "shop/pod-crashlooping-7f3a9c")
        #expect(OpsgenieLimits.length(ofDetails: details) <= OpsgenieLimits.detailsTotal)
    }

    @Test func theIncidentDetailWinsOverALabelOfTheSameName() throws {
        var incident = try opsgenieSampleIncident()
        incident.status?.labels = ["incident": "spoofed"]
        let details = OpsgenieAlert(incident: incident, receiver: opsgenieSampleReceiver()).details
        #expect(details == ["incident": "shop/pod-crashlooping-7f3a9c"])
    }

    @Test func sendsOnlyTenCustomActionsAndTheVisibleToEntries() throws {
        let options = OpsgenieAlertOptions(
            source: "tocsin-prod", user: nil, note: "Opened by Tocsin", actions: (1...12).map { "Action \($0)" },
            visibleTo: [.team("sre"), .team("sre")])
        let alert = OpsgenieAlert(
            incident: try opsgenieSampleIncident(), receiver: opsgenieSampleReceiver(), options: options)
        #expect(alert.actions == (1...10).map { "Action \($0)" })
        #expect(alert.visibleTo == [.team("sre")])
        #expect(alert.source == "tocsin-prod")
        #expect(alert.user == nil)
        #expect(alert.note == "Opened by Tocsin")
    }

    @Test func buildsAnAlertForAnIncidentWithoutStatus() throws {
        var incident = try opsgenieSampleIncident()
        incident.status = nil
        let alert = OpsgenieAlert(incident: incident, receiver: opsgenieSampleReceiver())
        #expect(alert.message == "pod-crashlooping")
        #expect(alert.priority == nil)
        #expect(alert.tags == ["k8s", "prod", "namespace:shop"])
        #expect(alert.details == ["incident": "shop/pod-crashlooping-7f3a9c"])
        #expect(alert.description == "Incident: shop/pod-crashlooping-7f3a9c\nAlertRule: shop/pod-crashlooping")
    }

    @Test(arguments: [
        ("short", 10, "short"), ("abcdefghij", 10, "abcdefghij"), ("abcdefghijk", 10, "abcdefghi…"),
        ("🇫🇷🇫🇷🇫🇷", 9, "🇫🇷🇫🇷…"), ("🇫🇷🇫🇷🇫🇷", 8, "🇫🇷…"), ("e\u{301}e\u{301}e\u{301}", 4, "e\u{301}…"),
        ("𝄞𝄞𝄞", 4, "𝄞…"), ("abc", 1, "…"),
    ])
    func truncatesOnCharacterBoundaries(text: String, limit: Int, expected: String) {
        let truncated = OpsgenieLimits.truncate(text, to: limit)
        #expect(truncated == expected)
        #expect(truncated.utf16.count <= limit)
    }
}
