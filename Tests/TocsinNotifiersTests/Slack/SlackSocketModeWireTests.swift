import Foundation
import Logging
import Synchronization
import Testing
import TocsinNotifiers
import TocsinTesting
import WSClient

@Suite("Slack Socket Mode messages and apps.connections.open")
struct SlackSocketModeWireTests {
    @Test func helloAndDisconnectAreRead() throws {
        let hello = try SlackSocketMessage(
            text: #"{"type":"hello","num_connections":2,"debug_info":{"host":"applink-1"},"connection_info":{"app_id":"A01"}}"#)
        #expect(hello == .hello(appID: "A01", connections: 2))
        #expect(hello.envelopeID == nil)
        #expect(try SlackSocketMessage(text: #"{"type":"disconnect","reason":"warning","debug_info":{}}"#)
            == .disconnect(reason: "warning"))
        #expect(try SlackSocketMessage(text: #"{"type":"disconnect"}"#) == .disconnect(reason: "unknown"))
    }

    @Test func anInteractiveEnvelopeCarriesItsPayloadAsTheInteractionJSON() throws {
        let message = try SlackSocketMessage(text: """
            {"envelope_id":"e-1","type":"interactive","accepts_response_payload":false,"retry_attempt":0,
             "payload":{"type":"block_actions","user":{"id":"U1","username":"ann"},
                        "actions":[{"action_id":"tocsin_resolve","value":"shop/web-down","action_ts":"1.2"}],
                        "response_url":"https://hooks.slack.com/actions/T1/1/x"}}
            """)
        guard case .interactive(let envelopeID, let payload) = message else {
            Issue.record("expected an interactive envelope, got \(message)")
            return
        }
        #expect(envelopeID == "e-1")
        let interaction = try SlackInteraction(payload: payload)
        guard case .blockActions(let click) = interaction else {
            Issue.record("expected block_actions, got \(interaction)")
            return
        }
        #expect(click.userID == "U1")
        #expect(click.actor == "slack:U1 (ann)")
        #expect(click.action.cardAction == .resolve)
        #expect(click.action.incidentKey == SlackIncidentKey(namespace: "shop", name: "web-down"))
        #expect(click.responseURL == "https://hooks.slack.com/actions/T1/1/x")
    }

    @Test func aSlashCommandEnvelopeIsReadAsTheFormTheHTTPEndpointGets() throws {
        let message = try SlackSocketMessage(text: """
            {"envelope_id":"e-2","type":"slash_commands","accepts_response_payload":true,
             "payload":{"token":"t","team_id":"T1","channel_id":"C1","user_id":"U1","user_name":"ann",
                        "command":"/tocsin","text":"ack web-down","response_url":"https://hooks.slack.com/commands/1",
                        "trigger_id":"9.9","is_enterprise_install":false}}
            """)
        #expect(message == .slashCommand(
            envelopeID: "e-2",
            command: SlackSlashCommand(
                command: "/tocsin", text: "ack web-down", userID: "U1", userName: "ann", channelID: "C1", teamID: "T1",
                responseURL: "https://hooks.slack.com/commands/1", triggerID: "9.9")))
        #expect(message.envelopeID == "e-2")
    }

    @Test func otherEnvelopesKeepTheirIDForTheAcknowledgement() throws {
        let message = try SlackSocketMessage(text: #"{"envelope_id":"e-3","type":"events_api","payload":{"event":{}}}"#)
        #expect(message == .other(type: "events_api", envelopeID: "e-3"))
    }

    @Test(arguments: [
        ("not json", SlackPayloadError.Code.malformedJSON, "type"),
        (#"{"envelope_id":"e"}"#, .malformedJSON, "type"),
        (#"{"type":"interactive","payload":{}}"#, .missingField, "envelope_id"),
        (#"{"type":"interactive","envelope_id":"e"}"#, .missingField, "payload"),
        (#"{"type":"slash_commands","envelope_id":"e","payload":{"command":"/tocsin"}}"#, .missingField, "user_id"),
    ])
    func malformedMessagesAreRefusedNamingTheField(text: String, code: SlackPayloadError.Code, field: String) {
        #expect(throws: SlackPayloadError.self) { try SlackSocketMessage(text: text) }
        do {
            _ = try SlackSocketMessage(text: text)
        } catch {
            #expect(error.code == code)
            #expect(error.field == field)
        }
    }

    @Test func acknowledgementsAreTheEnvelopeIDWithTheReplyAsPayload() {
        #expect(SlackSocketAcknowledgement(envelopeID: "e-1").jsonText == #"{"envelope_id":"e-1"}"#)
        #expect(SlackSocketAcknowledgement(envelopeID: "e-2", ephemeralReply: "No open incidents.").jsonText
            == #"{"envelope_id":"e-2","payload":{"response_type":"ephemeral","text":"No open incidents."}}"#)
    }

    @Test func openingAConnectionReturnsTheWebSocketURLFromTheAppToken() async throws {
        try await withFakeSlack { server, client, logs in
            let url = try await client.openSocketModeConnection(appToken: FakeSlackServer.defaultAppToken)

            #expect(url.hasPrefix("ws://127.0.0.1:"))
            #expect(url.contains("/link/?ticket="))
            let request = try #require(server.requests(apiMethod: "apps.connections.open").first)
            #expect(request.headers["authorization"] == "Bearer \(FakeSlackServer.defaultAppToken)")
            #expect(request.httpMethod == "POST")
            #expect(!logs.recorded.joined().contains(FakeSlackServer.defaultAppToken))
            #expect(!logs.recorded.joined().contains("ticket="))
        }
    }

    @Test func aBotTokenIsRefusedBeforeAnyRequest() async throws {
        try await withFakeSlack { server, client, _ in
            let error = await slackDeliveryError {
                _ = try await client.openSocketModeConnection(appToken: slackTestToken)
            }
            #expect(error?.code == .misconfigured)
            #expect(error?.message.contains("app-level token (xapp-…") == true)
            #expect(error?.message.contains(slackTestToken) == false)
            #expect(server.requests.isEmpty)
        }
    }

    @Test func aWrongAppTokenIsUnauthorizedAndNotShown() async throws {
        try await withFakeSlack { _, client, _ in
            let token = "xapp-1-A0000FAKEAPP-9999-wrong"
            let error = await slackDeliveryError { _ = try await client.openSocketModeConnection(appToken: token) }
            #expect(error?.code == .unauthorized)
            #expect(error?.vendorError == "invalid_auth")
            #expect(error?.message.contains(token) == false)
        }
    }

    @Test func theFakeRefusesABotTokenAsSlackDoesAndAnAppTokenOnChatMethods() async throws {
        try await withFakeSlack { server, _, _ in
            for (method, token, expected) in [
                ("apps.connections.open", slackTestToken, "not_allowed_token_type"),
                ("chat.postMessage", FakeSlackServer.defaultAppToken, "not_allowed_token_type"),
            ] {
                let answer = try await FakeSlackServerTests.send(server, "/api/\(method)", body: "{}", token: token)
                #expect(answer.json == ["ok": false, "error": .string(expected)])
            }
        }
    }

    @Test func aTicketConnectsOnceAndTheFakeSaysHello() async throws {
        try await withFakeSlack { server, client, _ in
            let url = try await client.openSocketModeConnection(appToken: FakeSlackServer.defaultAppToken)
            var logger = Logger(label: "test")
            logger.logLevel = .critical
            let first = Mutex<String?>(nil)
            try await WebSocketClient.connect(url: url, logger: logger) { inbound, _, _ in
                for try await message in inbound.messages(maxSize: 1 << 16) {
                    if case .text(let text) = message { first.withLock { $0 = text } }
                    break
                }
            }
            let hello = try SlackSocketMessage(text: try #require(first.withLock { $0 }))
            #expect(hello == .hello(appID: "A0000FAKEAPP", connections: 1))
            await #expect(throws: (any Error).self) {
                try await WebSocketClient.connect(url: url, logger: logger) { _, _, _ in }
            }
            #expect(server.socketConnectionsOpened == 1)
        }
    }
}
