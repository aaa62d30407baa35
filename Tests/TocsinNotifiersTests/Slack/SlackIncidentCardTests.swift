import Foundation
import KubeCore
import Testing
import TocsinAPI
import TocsinNotifiers
import TocsinTesting

@Suite struct SlackIncidentCardTests {
    static let options = SlackCardOptions(links: [
        SlackLink(title: "Dashboard", url: "https://grafana.example.com/d/pods?var-namespace=shop&var-pod=api")
    ])

    static let commonBlocks = #"""
        {"type": "section", "fields": [
          {"type": "mrkdwn", "text": "*Namespace*\nshop"},
          {"type": "mrkdwn", "text": "*Subject*\nDeployment shop/api"},
          {"type": "mrkdwn", "text": "*Since*\n<!date^1763632800^{date_short_pretty} {time}|2025-11-20T10:00:00Z>"},
          {"type": "mrkdwn", "text": "*Status*\nSTATUS"},
          {"type": "mrkdwn", "text": "*On call*\n<@U0ALICE01>, bob"}
        ]},
        {"type": "section", "text": {"type": "mrkdwn",
          "text": "Container app restarted 7 times in 10 minutes &amp; exited &lt;OOMKilled&gt;."}},
        {"type": "section", "text": {"type": "mrkdwn",
          "text": "*Affected objects (5)*\n• Pod shop/api-7d9f-abcde — CrashLoopBackOff\n• Pod shop/api-7d9f-fghij — restarts: 7\nand 3 more"}},
        {"type": "context", "elements": [
          {"type": "mrkdwn", "text": "Incident `shop/crashloop-7f3a` · AlertRule `crashloop`"},
          {"type": "mrkdwn", "text": "<https://grafana.example.com/d/pods?var-namespace=shop&amp;var-pod=api|Dashboard>"}
        ]}
        """#

    static func button(_ title: String, _ id: String, style: String?) -> String {
        let styleMember = style.map { #", "style": "\#($0)""# } ?? ""
        return #"{"type": "button", "text": {"type": "plain_text", "text": "\#(title)", "emoji": true}, "action_id": "\#(id)", "value": "shop/crashloop-7f3a"\#(styleMember)}"#
    }

    static func expected(text: String, emoji: String, status: String, buttons: [String]) throws -> FakeJSON {
        let actions = buttons.isEmpty ? "" : #", {"type": "actions", "elements": [\#(buttons.joined(separator: ", "))]}"#
        return try slackJSON(
            #"""
            {"text": "\#(text)", "blocks": [
              {"type": "header", "text": {"type": "plain_text", "text": "\#(emoji) [CRITICAL] api is crash looping", "emoji": true}},
              \#(commonBlocks.replacingOccurrences(of: "STATUS", with: status))\#(actions)
            ]}
            """#)
    }

    @Test func firingCard() throws {
        let message = SlackMessage.incidentCard(for: slackSampleIncident(), options: Self.options)
        let expected = try Self.expected(
            text: "[CRITICAL] api is crash looping — Deployment shop/api", emoji: ":rotating_light:", status: "Firing",
            buttons: [
                Self.button("Acknowledge", "tocsin_acknowledge", style: "primary"),
                Self.button("Resolve", "tocsin_resolve", style: nil),
                Self.button("Escalate", "tocsin_escalate", style: "danger"),
            ])
        #expect(try slackEncodedJSON(message) == expected)
    }

    @Test func acknowledgedCard() throws {
        let message = SlackMessage.incidentCard(for: slackSampleIncident(phase: .acknowledged), options: Self.options)
        let expected = try Self.expected(
            text: "[CRITICAL] api is crash looping — Deployment shop/api (Acknowledged)", emoji: ":eyes:",
            status: "Acknowledged by <@U0ALICE01>",
            buttons: [
                Self.button("Resolve", "tocsin_resolve", style: nil),
                Self.button("Escalate", "tocsin_escalate", style: "danger"),
            ])
        #expect(try slackEncodedJSON(message) == expected)
    }

    @Test func resolvedCard() throws {
        let message = SlackMessage.incidentCard(for: slackSampleIncident(phase: .resolved), options: Self.options)
        let expected = try Self.expected(
            text: "[CRITICAL] api is crash looping — Deployment shop/api (Resolved)", emoji: ":white_check_mark:",
            status: "Resolved by kubectl:bob@example.com", buttons: [])
        #expect(try slackEncodedJSON(message) == expected)
    }

    @Test func webhookCardHasNoButtons() {
        let message = SlackMessage.incidentCard(for: slackSampleIncident(), options: SlackCardOptions(showsButtons: false))
        #expect(message.blocks?.map(\.type) == ["header", "section", "section", "section", "context"])
    }

    @Test func escalatedFiringStatusAndSeverityEmoji() throws {
        var incident = slackSampleIncident()
        incident.status?.escalationLevel = 2
        incident.status?.severity = .moderate
        let message = SlackMessage.incidentCard(for: incident)
        guard case .header(let header) = message.blocks?.first, case .section(_, let fields) = message.blocks?[1] else {
            Issue.record("unexpected layout \(String(describing: message.blocks))")
            return
        }
        #expect(header.text == ":large_orange_circle: [MODERATE] api is crash looping")
        #expect(fields?[3].text == "*Status*\nFiring (escalation level 2)")
        #expect(message.text == "[MODERATE] api is crash looping — Deployment shop/api")
    }

    @Test func minimalIncidentFallsBackToRuleAndKey() throws {
        let incident = Incident(
            metadata: ObjectMeta(name: "probe-down-1", namespace: "web"),
            spec: IncidentSpec(alertRuleRef: LocalObjectReference(name: "probe-down"), fingerprint: "f1"),
            status: IncidentStatus(phase: .firing, severity: .info, startTime: slackSampleStart))
        let message = SlackMessage.incidentCard(for: incident)
        #expect(message.text == "[INFO] AlertRule probe-down fired — web/probe-down-1")
        #expect(message.blocks?.map(\.type) == ["header", "section", "context", "actions"])
        #expect(message.blocks?.first == .header(.plainText(":large_blue_circle: [INFO] AlertRule probe-down fired")))
    }

    @Test func userTextIsEscapedEverywhere() throws {
        var incident = slackSampleIncident()
        incident.status?.summary = "<!channel> & <@U999>"
        incident.status?.subject = "Pod <x>"
        let message = SlackMessage.incidentCard(for: incident)
        #expect(message.text == "[CRITICAL] &lt;!channel&gt; &amp; &lt;@U999&gt; — Pod &lt;x&gt;")
        #expect(message.blocks?.first == .header(.plainText(":rotating_light: [CRITICAL] &lt;!channel&gt; &amp; &lt;@U999&gt;")))
    }

    @Test func longTextsAreTruncatedToSlackLimits() throws {
        var incident = slackSampleIncident()
        incident.status?.summary = String(repeating: "s", count: 500)
        incident.status?.description = String(repeating: "d", count: 5_000)
        incident.status?.affectedObjects = (0..<20).map { AffectedObject(kind: "Pod", namespace: "shop", name: "api-\($0)") }
        incident.status?.affectedObjectCount = 250
        let message = SlackMessage.incidentCard(for: incident, options: SlackCardOptions(affectedObjectLimit: 50))
        let blocks = try #require(message.blocks)
        guard case .header(let header) = blocks[0], case .section(let description?, nil) = blocks[2],
            case .section(let affected?, nil) = blocks[3]
        else {
            Issue.record("unexpected layout \(blocks)")
            return
        }
        #expect(header.text.utf16.count == 150)
        #expect(header.text.hasSuffix("s…"))
        #expect(description.text.utf16.count == 3_000)
        #expect(description.text.hasSuffix("d…"))
        let lines = affected.text.split(separator: "\n")
        #expect(lines.count == 22)
        #expect(lines.last == "and 230 more")
        #expect(message.text.utf16.count <= SlackMessage.maximumTextLength)
    }

    @Test func nonWebLinksAreDropped() throws {
        let options = SlackCardOptions(links: [
            SlackLink(title: "Bad", url: "javascript:alert(1)"), SlackLink(title: "Runbook <v2>", url: "https://runbooks.example.com/a|b"),
        ])
        let message = SlackMessage.incidentCard(for: slackSampleIncident(), options: options)
        guard case .context(let elements) = message.blocks?[4] else {
            Issue.record("no context block")
            return
        }
        #expect(elements.map(\.text) == [
            "Incident `shop/crashloop-7f3a` · AlertRule `crashloop`", "<https://runbooks.example.com/a%7Cb|Runbook &lt;v2&gt;>",
        ])
    }

    @Test(arguments: [
        (TimelineEntry.EventType.acknowledged, "slack:U0ALICE01 (alice)", nil, ":eyes: Acknowledged by <@U0ALICE01>"),
        (.resolved, "kubectl:bob@example.com", nil, ":white_check_mark: Resolved by kubectl:bob@example.com"),
        (.escalated, nil, "unacknowledged for 15m: paging the secondary", ":arrow_double_up: Escalated: unacknowledged for 15m: paging the secondary"),
        (.note, "slack:U0BOB0001", "rolled back to v41 & <restarted>", ":memo: Note from <@U0BOB0001>: rolled back to v41 &amp; &lt;restarted&gt;"),
        (.deliveryFailed, nil, "opsgenie: HTTP 422", ":warning: Delivery failed: opsgenie: HTTP 422"),
        (.fired, nil, nil, ":rotating_light: Fired"),
        (.notified, nil, nil, ":bell: Notified again"),
    ] as [(TimelineEntry.EventType, String?, String?, String)])
    func timelineReplies(type: TimelineEntry.EventType, actor: String?, message: String?, expected: String) {
        let reply = SlackMessage.timelineReply(TimelineEntry(time: slackSampleStart, type: type, actor: actor, message: message))
        #expect(reply == SlackMessage(text: expected))
    }

    @Test func blockModelRoundTrips() throws {
        let message = SlackMessage.incidentCard(for: slackSampleIncident(), options: Self.options)
        let decoded = try JSONDecoder().decode(SlackMessage.self, from: JSONEncoder().encode(message))
        #expect(decoded == message)
    }
}
