import Foundation
import Testing
import TocsinAPI
@testable import TocsinServer

@Suite("Opsgenie webhook endpoint")
struct OpsgenieWebhookTests {
    typealias Fixtures = EndpointFixtures

    private func post(
        _ body: String, secret: String? = Fixtures.opsgenieSecret, _ harness: EndpointHarness
    ) async throws -> EndpointResponse {
        var headers = [("Content-Type", "application/json")]
        if let secret { headers.append(("X-Tocsin-Webhook-Secret", secret)) }
        return try await harness.send(.POST, "/opsgenie/webhook", headers: headers, body: body)
    }

    private func event(
        _ action: String, alias: String = "fp-1", username: String = "carol@example.com", note: String? = nil,
        sourceName: String = ""
    ) -> String {
        var alert: [String: Any] = [
            "alertId": "a-1", "alias": alias, "tinyId": "7", "message": "web is crash looping", "username": username,
            "userId": "og-carol",
        ]
        if let note { alert["note"] = note }
        let payload: [String: Any] = [
            "action": action, "alert": alert, "source": ["name": sourceName, "type": "web"],
            "integrationId": "i-1", "integrationName": "Tocsin",
        ]
        let data = (try? JSONSerialization.data(withJSONObject: payload, options: [.sortedKeys])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }

    @Test func closeResolvesTheOpenIncidentWithoutEchoingToOpsgenie() async throws {
        try await withEndpoints { harness in
            try Fixtures.createIncident(harness.server, name: "web-down-1", fingerprint: "fp-1")

            let response = try await post(event("Close"), harness)

            #expect(response.status == 200)
            #expect(response.body == #"{"reason":"shop/web-down-1","result":"applied"}"#)
            let status = try #require(try Fixtures.stored(harness.server, name: "web-down-1").status)
            #expect(status.phase == .resolved)
            #expect(status.resolvedBy == "opsgenie:carol@example.com")
            #expect(status.timeline?.last?.type == .resolved)
            // Slack gets the update; Opsgenie, where it came from, does not.
            #expect(status.deliveries?.first { $0.type == .slack }?.pending?.map(\.action) == [.resolve])
            #expect(status.deliveries?.first { $0.type == .opsgenie }?.pending ?? [] == [])
        }
    }

    @Test func acknowledgeAndAddNoteAreApplied() async throws {
        try await withEndpoints { harness in
            try Fixtures.createIncident(harness.server, name: "web-down-1", fingerprint: "fp-1")

            #expect(try await post(event("Acknowledge"), harness).status == 200)
            #expect(try await post(event("AddNote", note: "rolling back"), harness).status == 200)

            let status = try #require(try Fixtures.stored(harness.server, name: "web-down-1").status)
            #expect(status.phase == .acknowledged)
            #expect(status.acknowledgedBy == "opsgenie:carol@example.com")
            #expect(status.timeline?.last == TimelineEntry(
                time: Timestamp(Fixtures.epoch), type: .note, actor: "opsgenie:carol@example.com", message: "rolling back"))
            #expect(status.deliveries?.first { $0.type == .opsgenie }?.pending ?? [] == [])
        }
    }

    @Test func theOpenIncidentOfTheAliasIsChosenOverAResolvedOne() async throws {
        try await withEndpoints { harness in
            try Fixtures.createIncident(harness.server, name: "web-down-0", fingerprint: "fp-1", phase: .resolved, startOffset: -9000)
            try Fixtures.createIncident(harness.server, name: "web-down-1", fingerprint: "fp-1")
            #expect(try await post(event("Acknowledge"), harness).status == 200)
            #expect(try Fixtures.stored(harness.server, name: "web-down-1").status?.phase == .acknowledged)
            #expect(try Fixtures.stored(harness.server, name: "web-down-0").status?.acknowledgedBy == nil)
        }
    }

    @Test(arguments: [
        ("Close", "fp-unknown", "carol", ""),  // no such alias
        ("Escalate", "fp-1", "carol", ""),  // not applied
        ("Acknowledge", "fp-1", "carol", "tocsin"),  // Tocsin's own API call echoed back
        ("Acknowledge", "fp-1", "Tocsin", ""),
        ("Close", "not a label value!", "carol", ""),
    ])
    func actionsThatDoNotApplyAreAnswered200AndIgnored(
        _ action: String, _ alias: String, _ username: String, _ sourceName: String
    ) async throws {
        try await withEndpoints { harness in
            try Fixtures.createIncident(harness.server, name: "web-down-1", fingerprint: "fp-1")
            let response = try await post(
                event(action, alias: alias, username: username, sourceName: sourceName), harness)
            #expect(response.status == 200)
            #expect(response.body.contains(#""result":"ignored""#))
            #expect(try Fixtures.stored(harness.server, name: "web-down-1").status?.phase == .firing)
        }
    }

    @Test func aRepeatedCloseIsIgnored() async throws {
        try await withEndpoints { harness in
            try Fixtures.createIncident(harness.server, name: "web-down-1", fingerprint: "fp-1", phase: .resolved)
            let response = try await post(event("Close"), harness)
            #expect(response.status == 200)
            #expect(response.body.contains(#""result":"ignored""#))
        }
    }

    @Test(arguments: [nil, "", "wrong-secret", "og-shared-secret-4"])
    func aMissingOrWrongSecretIs401AndNothingIsRead(_ secret: String?) async throws {
        try await withEndpoints { harness in
            try Fixtures.createIncident(harness.server, name: "web-down-1", fingerprint: "fp-1")
            let before = harness.server.requestCount(pathPrefix: "/apis/tocsin.dev")
            let response = try await post(event("Close"), secret: secret, harness)
            #expect(response.status == 401)
            #expect(!response.body.contains(Fixtures.opsgenieSecret))
            #expect(harness.server.requestCount(pathPrefix: "/apis/tocsin.dev") == before)
            #expect(try Fixtures.stored(harness.server, name: "web-down-1").status?.phase == .firing)
        }
    }

    @Test(arguments: ["", "{", "[]", #"{"alert":{}}"#, #"{"action":""}"#, #"{"action":42}"#, "\u{FF}\u{FE}"])
    func malformedBodiesAre400(_ body: String) async throws {
        try await withEndpoints { harness in
            let response = try await post(body, harness)
            #expect(response.status == 400)
        }
    }
}
