import Foundation
import Testing
import TocsinNotifiers

@Suite struct SlackFormTests {
    @Test(arguments: [
        ("a=1&b=2", ["a": "1", "b": "2"]),
        ("text=ack+shop%2Fcrashloop-7f3a", ["text": "ack shop/crashloop-7f3a"]),
        ("a=1&a=2", ["a": "1"]),
        ("flag&empty=&=nameless", ["flag": "", "empty": "", "": "nameless"]),
        ("&&a=%E2%9C%85%20ok&", ["a": "✅ ok"]),
        ("bad=%zz%4&plus=%2B", ["bad": "%zz%4", "plus": "+"]),
        ("invalid=%FF", ["invalid": "\u{FFFD}"]),
        ("", [:]),
    ] as [(String, [String: String])])
    func decoding(body: String, expected: [String: String]) {
        #expect(SlackForm(decoding: body).values == expected)
    }

    @Test func bytesAndTextDecodeAlike() {
        let body = "payload=%7B%22type%22%3A%22block_actions%22%7D"
        #expect(SlackForm(decoding: Array(body.utf8)) == SlackForm(decoding: body))
        #expect(SlackForm(decoding: body)["payload"] == #"{"type":"block_actions"}"#)
    }
}

@Suite struct SlackInteractionTests {
    /// A button click on an incident card, shaped like Slack's block_actions payload reference.
    static let blockActionsPayload = #"""
        {
          "type": "block_actions",
          "user": {"id": "U0ALICE01", "username": "alice", "name": "alice", "team_id": "T0TEAM001"},
          "api_app_id": "A0TOCSIN1",
          "token": "verification-token-not-used",
          "container": {"type": "message", "message_ts": "1700000000.000100", "channel_id": "C0000ALERTS", "is_ephemeral": false},
          "trigger_id": "1388105719492.1379717998065.9bc163894734c1f415a2c504e81dec91",
          "team": {"id": "T0TEAM001", "domain": "example"},
          "enterprise": null,
          "is_enterprise_install": false,
          "channel": {"id": "C0000ALERTS", "name": "alerts"},
          "message": {"type": "message", "ts": "1700000000.000100", "text": "[CRITICAL] api is crash looping", "blocks": []},
          "state": {"values": {}},
          "response_url": "https://hooks.slack.com/actions/T0TEAM001/1388105719492/AbCdEfGh",
          "actions": [
            {"action_id": "tocsin_acknowledge", "block_id": "Xq9Lk", "text": {"type": "plain_text", "text": "Acknowledge", "emoji": true},
             "value": "shop/crashloop-7f3a", "style": "primary", "type": "button", "action_ts": "1700000042.123456"}
          ]
        }
        """#

    static func form(payload: String) -> SlackForm {
        let encoded = payload.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
        return SlackForm(decoding: "payload=" + encoded)
    }

    @Test func buttonClickIsParsed() throws {
        let interaction = try SlackInteraction(form: Self.form(payload: Self.blockActionsPayload))
        let expected = SlackBlockActions(
            userID: "U0ALICE01", userName: "alice", teamID: "T0TEAM001",
            action: SlackAction(actionID: "tocsin_acknowledge", blockID: "Xq9Lk", value: "shop/crashloop-7f3a", actionTS: "1700000042.123456"),
            responseURL: "https://hooks.slack.com/actions/T0TEAM001/1388105719492/AbCdEfGh", channelID: "C0000ALERTS",
            messageTS: "1700000000.000100", triggerID: "1388105719492.1379717998065.9bc163894734c1f415a2c504e81dec91")
        #expect(interaction == .blockActions(expected))
        #expect(expected.action.cardAction == .acknowledge)
        #expect(expected.action.incidentKey == SlackIncidentKey(namespace: "shop", name: "crashloop-7f3a"))
        #expect(expected.actor == "slack:U0ALICE01 (alice)")
    }

    @Test func minimalPayloadFallsBackToChannelAndMessage() throws {
        let payload = #"""
            {"type": "block_actions", "user": {"id": "U0BOB0001", "name": "bob"},
             "channel": {"id": "C0000ALERTS"}, "message": {"ts": "1700000000.000300"},
             "actions": [{"action_id": "tocsin_escalate", "value": "shop/x"}]}
            """#
        guard case .blockActions(let actions) = try SlackInteraction(payload: payload) else {
            Issue.record("expected block_actions")
            return
        }
        #expect(actions.userName == "bob")
        #expect(actions.channelID == "C0000ALERTS")
        #expect(actions.messageTS == "1700000000.000300")
        #expect(actions.responseURL == nil)
        #expect(actions.action.cardAction == .escalate)
    }

    @Test(arguments: ["view_submission", "shortcut", "message_action", "interactive_message"])
    func otherTypesAreUnsupported(type: String) throws {
        #expect(try SlackInteraction(payload: #"{"type": "\#(type)", "user": {"id": "U1"}}"#) == .unsupported(type: type))
    }

    @Test(arguments: [
        ("", SlackPayloadError.Code.missingPayload, "payload" as String?),
        ("{not json", .malformedJSON, "payload"),
        (#"{"user": {"id": "U1"}}"#, .malformedJSON, "payload"),
        (#"{"type": "block_actions", "actions": [{"action_id": "a"}]}"#, .missingField, "user.id"),
        (#"{"type": "block_actions", "user": {"id": "U1"}, "actions": []}"#, .missingField, "actions[0].action_id"),
        (#"{"type": "block_actions", "user": {"id": 42}, "actions": [{"action_id": "a"}]}"#, .malformedJSON, "user.id"),
    ])
    func malformedPayloads(payload: String, code: SlackPayloadError.Code, field: String?) {
        do {
            _ = try SlackInteraction(form: Self.form(payload: payload))
            Issue.record("expected a SlackPayloadError")
        } catch {
            #expect(error.code == code)
            #expect(error.field == field)
            #expect(!error.message.contains("verification-token"))
        }
    }

    @Test func incidentKeyParsing() {
        #expect(SlackIncidentKey(value: "shop/crashloop-7f3a")?.value == "shop/crashloop-7f3a")
        #expect(SlackIncidentKey(value: "crashloop") == nil)
        #expect(SlackIncidentKey(value: "a/b/c") == nil)
        #expect(SlackIncidentKey(value: "/b") == nil)
        #expect(SlackCardAction(rawValue: "tocsin_resolve") == .resolve)
    }
}

@Suite struct SlackSlashCommandTests {
    /// A slash command request body, with the parameters Slack documents.
    static let body =
        "token=gIkuvaNzQIHg97ATvDxqgjtO&team_id=T0TEAM001&team_domain=example&enterprise_id=E0001&enterprise_name=Globular"
        + "&channel_id=C0000ALERTS&channel_name=alerts&user_id=U0ALICE01&user_name=alice&command=%2Ftocsin"
        + "&text=ack+shop%2Fcrashloop-7f3a&api_app_id=A0TOCSIN1&is_enterprise_install=false"
        + "&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT0TEAM001%2F1234%2FAbCd"
        + "&trigger_id=13345224609.738474920.8088930838d88f008e0"

    @Test func requestIsParsed() throws {
        let command = try SlackSlashCommand(form: SlackForm(decoding: Self.body))
        #expect(
            command == SlackSlashCommand(
                command: "/tocsin", text: "ack shop/crashloop-7f3a", userID: "U0ALICE01", userName: "alice",
                channelID: "C0000ALERTS", teamID: "T0TEAM001",
                responseURL: "https://hooks.slack.com/commands/T0TEAM001/1234/AbCd",
                triggerID: "13345224609.738474920.8088930838d88f008e0"))
        #expect(command.request == .acknowledge(incident: "shop/crashloop-7f3a"))
        #expect(command.actor == "slack:U0ALICE01 (alice)")
    }

    @Test(arguments: [("command=%2Ftocsin", "user_id"), ("user_id=U1&text=help", "command")])
    func missingFields(body: String, field: String) {
        do {
            _ = try SlackSlashCommand(form: SlackForm(decoding: body))
            Issue.record("expected a SlackPayloadError")
        } catch {
            #expect(error.code == .missingField)
            #expect(error.field == field)
        }
    }

    @Test(arguments: [
        ("", SlackCommandRequest.help),
        ("  help  ", .help),
        ("help ack", .help),
        ("status", .status),
        ("STATUS", .status),
        ("incidents", .incidents),
        ("ack shop/crashloop-7f3a", .acknowledge(incident: "shop/crashloop-7f3a")),
        ("acknowledge  crashloop-7f3a", .acknowledge(incident: "crashloop-7f3a")),
        ("resolve shop/x", .resolve(incident: "shop/x")),
        ("escalate shop/x", .escalate(incident: "shop/x")),
        ("oncall", .onCall(schedule: nil)),
        ("on-call platform", .onCall(schedule: "platform")),
        ("ack", .unknown("ack")),
        ("ack a b", .unknown("ack a b")),
        ("status now", .unknown("status now")),
        ("reboot  the\tcluster", .unknown("reboot the cluster")),
    ])
    func commandText(text: String, expected: SlackCommandRequest) {
        #expect(SlackCommandRequest(text: text) == expected)
    }

    @Test func unknownCommandsGetTheUsage() {
        let message = SlackCommandRequest(text: "<!channel> panic").usageMessage()
        #expect(message?.hasPrefix("Sorry, I did not understand “&lt;!channel&gt; panic”.\n*Usage*\n`/tocsin status`") == true)
        #expect(SlackCommandRequest.status.usageMessage() == nil)
        #expect(SlackCommandRequest.usage().split(separator: "\n").count == 9)
    }
}
