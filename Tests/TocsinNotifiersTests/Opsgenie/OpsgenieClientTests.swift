import Foundation
import Testing
import TocsinAPI
import TocsinNotifiers
import TocsinTesting

@Suite struct OpsgenieClientTests {
    @Test func createsAnAlertWithTheExactRequest() async throws {
        try await withFakeOpsgenie { server, client, _ in
            let alert = OpsgenieAlert(
                incident: try opsgenieSampleIncident(), receiver: opsgenieSampleReceiver(),
                options: opsgenieSampleOptions())
            let accepted = try await client.createAlert(
                alert, baseURL: server.baseURL.absoluteString, apiKey: opsgenieTestAPIKey)
            let request = try #require(server.requests.last)
            #expect(request.method == "POST")
            #expect(request.path == "/v2/alerts")
            #expect(request.query == [:])
            #expect(request.headers["authorization"] == "GenieKey \(opsgenieTestAPIKey)")
            #expect(request.headers["content-type"] == "application/json; charset=utf-8")
            #expect(request.headers["accept"] == "application/json")
            #expect(request.json == (try opsgenieJSON(opsgenieSampleAlertJSON)))
            #expect(accepted.result == "Request will be processed")
            #expect(accepted.took == 0.107)
            #expect(!accepted.requestID.isEmpty)
            let stored = try #require(server.alert(alias: "7f3a9c2e4b1d"))
            #expect(stored.priority == "P1")
            #expect(stored.count == 1)
            #expect(stored.status == .open)
        }
    }

    /// An action, the path segment it posts to, and the exact body it sends.
    struct ActionCase: Sendable, CustomTestStringConvertible {
        var name: String
        var segment: String
        var body: String
        var send: @Sendable (OpsgenieClient, String, String) async throws -> OpsgenieAccepted
        var testDescription: String { name }
    }

    static let actions: [ActionCase] = [
        ActionCase(
            name: "acknowledge", segment: "acknowledge",
            body: #"{"user": "slack:U0ALICE (alice)", "source": "tocsin", "note": "Acknowledged in Slack"}"#
        ) { client, alias, baseURL in
            try await client.acknowledge(
                alias: alias, user: "slack:U0ALICE (alice)", note: "Acknowledged in Slack", baseURL: baseURL,
                apiKey: opsgenieTestAPIKey)
        },
        ActionCase(
            name: "add note", segment: "notes", body: #"{"user": "Tocsin", "source": "tocsin", "note": "Restarts: 9"}"#
        ) {
            client, alias, baseURL in
            try await client.addNote(alias: alias, note: "Restarts: 9", baseURL: baseURL, apiKey: opsgenieTestAPIKey)
        },
        ActionCase(
            name: "escalate", segment: "escalate",
            body:
                #"{"user": "Tocsin", "source": "tocsin", "note": "Unacknowledged for 15m", "escalation": {"name": "payments-escalation"}}"#
        ) { client, alias, baseURL in
            try await client.escalate(
                alias: alias, escalation: "payments-escalation", note: "Unacknowledged for 15m", baseURL: baseURL,
                apiKey: opsgenieTestAPIKey)
        },
        ActionCase(name: "close", segment: "close", body: #"{"user": "Tocsin", "source": "tocsin"}"#) {
            client, alias, baseURL in
            try await client.close(alias: alias, baseURL: baseURL, apiKey: opsgenieTestAPIKey)
        },
    ]

    @Test(arguments: actions)
    func sendsAnActionByAliasWithTheExactRequest(action: ActionCase) async throws {
        try await withFakeOpsgenie { server, client, _ in
            let baseURL = server.baseURL.absoluteString
            server.notProcessedPolls = 0
            _ = try await client.createAlert(
                OpsgenieAlert(message: "Pod crash looping", alias: "shop/api crash#1?"), baseURL: baseURL,
                apiKey: opsgenieTestAPIKey)
            let accepted = try await action.send(client, "shop/api crash#1?", baseURL)
            let request = try #require(server.requests.last)
            #expect(request.method == "POST")
            #expect(request.path == "/v2/alerts/shop%2Fapi%20crash%231%3F/\(action.segment)")
            #expect(request.query == ["identifierType": "alias"])
            #expect(request.headers["authorization"] == "GenieKey \(opsgenieTestAPIKey)")
            #expect(request.json == (try opsgenieJSON(action.body)))
            let status = try await client.requestStatus(
                requestID: accepted.requestID, baseURL: baseURL, apiKey: opsgenieTestAPIKey)
            guard case .processed(let processed) = status else {
                Issue.record("expected a processed request, got \(status)")
                return
            }
            #expect(processed.isSuccess)
            #expect(processed.alias == "shop/api crash#1?")
        }
    }

    @Test func actionsChangeTheAlertAsOpsgenieWould() async throws {
        try await withFakeOpsgenie { server, client, _ in
            let baseURL = server.baseURL.absoluteString
            _ = try await client.createAlert(
                OpsgenieAlert(message: "Node NotReady", alias: "node-1"), baseURL: baseURL, apiKey: opsgenieTestAPIKey)
            _ = try await client.acknowledge(
                alias: "node-1", note: "on it", baseURL: baseURL, apiKey: opsgenieTestAPIKey)
            _ = try await client.escalate(
                alias: "node-1", escalation: "infra", baseURL: baseURL, apiKey: opsgenieTestAPIKey)
            _ = try await client.addNote(
                alias: "node-1", note: "kubelet restarted", baseURL: baseURL, apiKey: opsgenieTestAPIKey)
            _ = try await client.close(alias: "node-1", baseURL: baseURL, apiKey: opsgenieTestAPIKey)
            let alert = try #require(server.alert(alias: "node-1"))
            #expect(alert.isAcknowledged)
            #expect(alert.status == .closed)
            #expect(alert.escalations == ["infra"])
            #expect(
                alert.notes == [
                    .init(text: "on it", user: "Tocsin", source: "tocsin"),
                    .init(text: "kubelet restarted", user: "Tocsin", source: "tocsin"),
                ])
        }
    }

    @Test func pollsTheRequestStatusUntilItIsProcessed() async throws {
        try await withFakeOpsgenie { server, client, _ in
            let baseURL = server.baseURL.absoluteString
            server.notProcessedPolls = 2
            let accepted = try await client.createAlert(
                OpsgenieAlert(message: "Pod crash looping", alias: "fp-1"), baseURL: baseURL, apiKey: opsgenieTestAPIKey
            )
            var statuses: [OpsgenieRequestStatus] = []
            for _ in 0..<3 {
                statuses.append(
                    try await client.requestStatus(
                        requestID: accepted.requestID, baseURL: baseURL, apiKey: opsgenieTestAPIKey))
            }
            #expect(statuses[0] == .notProcessed)
            #expect(statuses[1] == .notProcessed)
            guard case .processed(let processed) = statuses[2] else {
                Issue.record("expected a processed request, got \(statuses[2])")
                return
            }
            let alert = try #require(server.alert(alias: "fp-1"))
            #expect(processed.isSuccess)
            #expect(processed.action == "Create")
            #expect(processed.status == "Created alert")
            #expect(processed.alertID == alert.id)
            #expect(processed.alias == "fp-1")
            #expect(processed.processedAt != nil)
            #expect(server.requests(method: "GET", path: "/v2/alerts/requests/\(accepted.requestID)").count == 3)
        }
    }

    @Test func anActionOnAnUnknownAliasIsAcceptedAndFailsLater() async throws {
        try await withFakeOpsgenie { server, client, _ in
            let baseURL = server.baseURL.absoluteString
            server.notProcessedPolls = 0
            let accepted = try await client.acknowledge(
                alias: "no-such-alert", baseURL: baseURL, apiKey: opsgenieTestAPIKey)
            let status = try await client.requestStatus(
                requestID: accepted.requestID, baseURL: baseURL, apiKey: opsgenieTestAPIKey)
            #expect(
                status
                    == .processed(
                        OpsgenieProcessedRequest(
                            isSuccess: false, action: "Acknowledge", status: "Alert does not exist", alertID: nil,
                            alias: nil, processedAt: processedAt(status))))
            #expect(status.isSuccess == false)
        }
    }

    @Test func deduplicatesOnTheAliasOfAnOpenAlertOnly() async throws {
        try await withFakeOpsgenie { server, client, _ in
            let baseURL = server.baseURL.absoluteString
            let alert = OpsgenieAlert(message: "Pod crash looping", alias: "fp-2", priority: "P2")
            _ = try await client.createAlert(alert, baseURL: baseURL, apiKey: opsgenieTestAPIKey)
            _ = try await client.createAlert(alert, baseURL: baseURL, apiKey: opsgenieTestAPIKey)
            #expect(server.alerts(alias: "fp-2").map(\.count) == [2])
            _ = try await client.close(alias: "fp-2", baseURL: baseURL, apiKey: opsgenieTestAPIKey)
            _ = try await client.createAlert(alert, baseURL: baseURL, apiKey: opsgenieTestAPIKey)
            let alerts = server.alerts(alias: "fp-2")
            #expect(alerts.map(\.status) == [.closed, .open])
            #expect(alerts.map(\.count) == [2, 1])
            #expect(server.alert(alias: "fp-2")?.id == alerts.last?.id)
        }
    }

    @Test func sendsAnAPIKeyReadFromASecretWithoutItsLineBreak() async throws {
        try await withFakeOpsgenie { server, client, _ in
            _ = try await client.createAlert(
                OpsgenieAlert(message: "Disk pressure"), baseURL: server.baseURL.absoluteString + "/",
                apiKey: opsgenieTestAPIKey + "\n")
            #expect(server.requests.last?.headers["authorization"] == "GenieKey \(opsgenieTestAPIKey)")
            #expect(server.requests.last?.path == "/v2/alerts")
        }
    }

    private func processedAt(_ status: OpsgenieRequestStatus) -> String? {
        if case .processed(let request) = status { return request.processedAt }
        return nil
    }
}
