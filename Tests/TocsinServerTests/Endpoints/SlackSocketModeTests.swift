import AsyncHTTPClient
import Foundation
import KubeRuntime
import Logging
import Synchronization
import Testing
import TocsinAPI
import TocsinNotifiers
@testable import TocsinServer
import TocsinTesting

/// The delays the service asked to wait, in order (the waits themselves return at once).
final class RecordedDelays: Sendable {
    private let delays = Mutex<[Duration]>([])

    var all: [Duration] { delays.withLock { $0 } }

    func record(_ delay: Duration) { delays.withLock { $0.append(delay) } }
}

/// Runs Socket Mode against a fake Slack for the duration of `body`, handing envelopes to `harness`'s endpoints.
func withSocketMode(
    _ harness: EndpointHarness, appToken: String? = FakeSlackServer.defaultAppToken, logger: Logger = EndpointFixtures.quiet,
    _ body: (FakeSlackServer, RecordedDelays) async throws -> Void
) async throws {
    let slack = try await FakeSlackServer.start()
    let delays = RecordedDelays()
    let service = SlackSocketModeService(
        configuration: .init(appToken: { appToken }),
        slack: SlackClient(httpClient: .shared, apiBaseURL: slack.apiBaseURL, logger: logger), endpoints: harness.slack,
        sleep: { delay in
            delays.record(delay)
            // A tiny real pause keeps a failing loop from spinning hot; tests bound it by what they wait for.
            try await Task.sleep(for: .milliseconds(5))
        }, logger: logger)
    do {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await service.keepConnected() }
            try await body(slack, delays)
            group.cancelAll()
            try await group.waitForAll()
        }
    } catch {
        await slack.shutdown()
        throw error
    }
    await slack.shutdown()
}

@Suite("Slack Socket Mode")
struct SlackSocketModeTests {
    typealias Fixtures = EndpointFixtures

    /// A `block_actions` payload: alice clicks `actionID` on the card of `incident`.
    static func click(_ actionID: String, incident: String, responseURL: String) -> FakeJSON {
        [
            "type": "block_actions",
            "user": ["id": "U0ALICE", "username": "alice", "team_id": "T1"],
            "team": ["id": "T1"],
            "container": ["type": "message", "message_ts": "1.1", "channel_id": "C1"],
            "response_url": .string(responseURL),
            "trigger_id": "1.2.3",
            "actions": [["action_id": .string(actionID), "block_id": "actions", "value": .string(incident), "action_ts": "2.2"]],
        ]
    }

    @Test func connectsWithTheAppTokenAndAcknowledgesAButtonClickAfterQueueingIt() async throws {
        try await withEndpoints { harness in
            try Fixtures.createIncident(harness.server, name: "web-down-1", fingerprint: "fp-1")
            try await withSocketMode(harness) { slack, delays in
                try await slack.waitForSocketConnections(1)
                let open = slack.requests.filter { $0.apiMethod == "apps.connections.open" }
                #expect(open.count == 1)
                #expect(open.first?.headers["authorization"] == "Bearer \(FakeSlackServer.defaultAppToken)")

                let envelope = try slack.sendInteractive(
                    Self.click("tocsin_acknowledge", incident: "shop/web-down-1", responseURL: harness.responseURL))
                let ack = try await slack.acknowledgement(of: envelope)

                #expect(ack.body == ["envelope_id": .string(envelope)])
                let incident = try await harness.waitForIncident(name: "web-down-1") { $0.status?.phase == .acknowledged }
                #expect(incident.status?.phase == .acknowledged)
                #expect(incident.status?.acknowledgedBy == "slack:U0ALICE (alice)")
                #expect(delays.all.isEmpty)
                #expect(slack.socketConnectionsOpened == 1)
            }
        }
    }

    @Test func aSlashCommandIsAnsweredInItsAcknowledgementAsTheHTTPEndpointAnswers() async throws {
        try await withEndpoints { harness in
            try Fixtures.createIncident(harness.server, name: "web-down-1", fingerprint: "fp-1", summary: "web is down")
            let body = Fixtures.commandForm("incidents", responseURL: harness.responseURL)
            let overHTTP = try await harness.send(
                .POST, "/slack/commands", headers: Fixtures.slackHeaders(body: body), body: body)
            let expected = try #require(try JSONSerialization.jsonObject(with: Data(overHTTP.body.utf8)) as? [String: String])

            try await withSocketMode(harness) { slack, _ in
                try await slack.waitForSocketConnections(1)
                let envelope = try slack.sendSlashCommand([
                    "token": "deprecated", "team_id": "T1", "channel_id": "C1", "user_id": "U0ALICE", "user_name": "alice",
                    "command": "/tocsin", "text": "incidents", "response_url": harness.responseURL, "trigger_id": "1.2.3",
                ])
                let ack = try await slack.acknowledgement(of: envelope)

                let text = try #require(expected["text"])
                #expect(text.contains("web-down-1"))
                #expect(ack.body == [
                    "envelope_id": .string(envelope),
                    "payload": ["response_type": "ephemeral", "text": .string(text)],
                ])
            }
        }
    }

    @Test func anAckCommandTypedOverSocketModeQueuesTheOperationAndReportsOnTheResponseURL() async throws {
        try await withEndpoints { harness in
            try Fixtures.createIncident(harness.server, name: "web-down-1", fingerprint: "fp-1")
            try await withSocketMode(harness) { slack, _ in
                try await slack.waitForSocketConnections(1)
                let envelope = try slack.sendSlashCommand([
                    "team_id": "T1", "channel_id": "C1", "user_id": "U0BOB", "user_name": "bob", "command": "/tocsin",
                    "text": "resolve web-down-1", "response_url": harness.responseURL,
                ])
                let ack = try await slack.acknowledgement(of: envelope)
                #expect(ack.body?["payload"]?["response_type"] == "ephemeral")
                let incident = try await harness.waitForIncident(name: "web-down-1") { $0.status?.phase == .resolved }
                #expect(incident.status?.resolvedBy == "slack:U0BOB (bob)")
                let posted = try await harness.posted.waitFor(count: 1)
                #expect(posted.count == 1)
            }
        }
    }

    @Test func aDisconnectMessageMakesItOpenANewConnectionAtOnce() async throws {
        try await withEndpoints { harness in
            try await withSocketMode(harness) { slack, delays in
                try await slack.waitForSocketConnections(1)
                try slack.sendSocketDisconnect(reason: "refresh_requested")

                try await slack.waitForSocketConnections(2)
                #expect(slack.requests.filter { $0.apiMethod == "apps.connections.open" }.count == 2)
                #expect(delays.all.isEmpty)
                // The old connection is closed by the client; the new one serves envelopes.
                let envelope = try slack.sendInteractive(["type": "view_closed"])
                let ack = try await slack.acknowledgement(of: envelope)
                #expect(ack.connection == 2)
                #expect(slack.openSocketConnections == 1)
            }
        }
    }

    @Test func aDroppedConnectionIsReopenedAfterTheFirstBackoffStep() async throws {
        try await withEndpoints { harness in
            try await withSocketMode(harness) { slack, delays in
                try await slack.waitForSocketConnections(1)
                try slack.dropSocketConnection()

                try await slack.waitForSocketConnections(2)
                #expect(delays.all == [.seconds(1)])
            }
        }
    }

    @Test func failedOpensBackOffExponentiallyAndHonourRetryAfter() async throws {
        try await withEndpoints { harness in
            try await withSocketMode(harness) { slack, delays in
                try await slack.waitForSocketConnections(1)
                slack.failNext(2, status: 503, pathPrefix: "/api/apps.connections.open")
                slack.rateLimitNext(1, retryAfter: 7, pathPrefix: "/api/apps.connections.open")
                try slack.sendSocketDisconnect(reason: "warning")

                try await slack.waitForSocketConnections(2)
                // 503 → 1 s, 503 → 2 s, 429 Retry-After 7 → max(4 s, 7 s); then the open succeeds.
                #expect(delays.all == [.seconds(1), .seconds(2), .seconds(7)])
                #expect(slack.requests.filter { $0.apiMethod == "apps.connections.open" }.count == 5)
            }
        }
    }

    @Test func linkDisabledBacksOffInsteadOfReconnectingAtOnce() async throws {
        try await withEndpoints { harness in
            try await withSocketMode(harness) { slack, delays in
                try await slack.waitForSocketConnections(1)
                try slack.sendSocketDisconnect(reason: "link_disabled")
                try await slack.waitForSocketConnections(2)
                #expect(delays.all == [.seconds(1)])
            }
        }
    }

    @Test func aClickTheFullQueueCannotTakeIsLeftUnacknowledgedForSlackToResend() async throws {
        try await withEndpoints { harness in
            try Fixtures.createIncident(harness.server, name: "web-down-1", fingerprint: "fp-1")
            await harness.drainQueue()  // a stopped queue refuses every job, as a full one does
            try await withSocketMode(harness) { slack, _ in
                try await slack.waitForSocketConnections(1)
                let refused = try slack.sendInteractive(
                    Self.click("tocsin_acknowledge", incident: "shop/web-down-1", responseURL: harness.responseURL))
                // Envelopes are handled in order: once the next one is acknowledged, the click was handled.
                let next = try slack.sendInteractive(["type": "view_closed"])
                _ = try await slack.acknowledgement(of: next)

                #expect(!slack.socketReplies.contains { $0.envelopeID == refused })
                #expect(try Fixtures.stored(harness.server, name: "web-down-1").status?.phase == .firing)
            }
        }
    }

    @Test func otherEnvelopesAreAcknowledgedAndIgnored() async throws {
        try await withEndpoints { harness in
            try await withSocketMode(harness) { slack, _ in
                try await slack.waitForSocketConnections(1)
                let foreign = try slack.sendInteractive(
                    Self.click("another_apps_button", incident: "shop/web-down-1", responseURL: harness.responseURL))
                #expect(try await slack.acknowledgement(of: foreign).body == ["envelope_id": .string(foreign)])
                let malformed = try slack.sendInteractive(["type": "block_actions", "actions": "not a list"])
                #expect(try await slack.acknowledgement(of: malformed).body == ["envelope_id": .string(malformed)])
                #expect(harness.server.requestCount(pathPrefix: "/apis/tocsin.dev") == 0)
            }
        }
    }

    @Test func neitherTheTokenNorTheTicketIsLogged() async throws {
        let lines = CollectedLines()
        let logger = jsonLogger(lines, level: .trace)
        try await withEndpoints { harness in
            try await withSocketMode(harness, logger: logger) { slack, _ in
                try await slack.waitForSocketConnections(1)
                slack.failNext(1, error: "invalid_auth", pathPrefix: "/api/apps.connections.open")
                try slack.sendSocketDisconnect()
                try await slack.waitForSocketConnections(2)
            }
        }
        let logged = lines.all.joined(separator: "\n")
        #expect(logged.contains("Connected to Slack Socket Mode"))
        #expect(logged.contains("invalid_auth"))
        #expect(!logged.contains("xapp-"))
        #expect(!logged.contains("fake-ticket"))
    }

    @Test func withoutATokenItWaitsAndSaysWhatIsMissing() async throws {
        let lines = CollectedLines()
        try await withEndpoints { harness in
            try await withSocketMode(harness, appToken: nil, logger: jsonLogger(lines)) { slack, delays in
                for _ in 0..<500 where delays.all.count < 3 { try await Task.sleep(for: .milliseconds(10)) }
                #expect(Array(delays.all.prefix(3)) == [.seconds(1), .seconds(2), .seconds(4)])
                #expect(slack.requests.isEmpty)
            }
        }
        #expect(lines.all.contains { $0.contains("--slack-app-token-file") })
    }
}
