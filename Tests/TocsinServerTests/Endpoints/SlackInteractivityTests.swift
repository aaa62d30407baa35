import Foundation
import Testing
import TocsinAPI
@testable import TocsinServer

@Suite("Slack interactivity endpoint")
struct SlackInteractivityTests {
    typealias Fixtures = EndpointFixtures

    /// A way a request can fail verification.
    enum Forgery: String, CaseIterable, CustomTestStringConvertible {
        case tamperedBody, wrongSecret, staleTimestamp, futureTimestamp, missingSignature, missingTimestamp
        case malformedSignature

        var testDescription: String { rawValue }

        func headers(for body: String) -> (headers: [(String, String)], body: String) {
            let signed = Fixtures.slackHeaders(body: body)
            switch self {
            case .tamperedBody:
                return (signed, body.replacingOccurrences(of: "tocsin_acknowledge", with: "tocsin_resolve"))
            case .wrongSecret: return (Fixtures.slackHeaders(body: body, secret: "another-apps-secret"), body)
            case .staleTimestamp: return (Fixtures.slackHeaders(body: body, age: 301), body)
            case .futureTimestamp: return (Fixtures.slackHeaders(body: body, age: -301), body)
            case .missingSignature: return (signed.filter { $0.0 != "X-Slack-Signature" }, body)
            case .missingTimestamp: return (signed.filter { $0.0 != "X-Slack-Request-Timestamp" }, body)
            case .malformedSignature:
                return (signed.map { $0.0 == "X-Slack-Signature" ? ($0.0, "v1=abc") : $0 }, body)
            }
        }
    }

    @Test(arguments: Forgery.allCases)
    func forgedRequestsAreRefusedWith401AndNothingIsDone(_ forgery: Forgery) async throws {
        try await withEndpoints { harness in
            try Fixtures.createIncident(harness.server, name: "web-down-1", fingerprint: "fp-1")
            let form = Fixtures.buttonForm(
                actionID: "tocsin_acknowledge", incident: "shop/web-down-1", responseURL: harness.responseURL)
            let (headers, body) = forgery.headers(for: form)

            let response = try await harness.send(.POST, "/slack/interactivity", headers: headers, body: body)

            #expect(response.status == 401)
            #expect(response.body == "invalid request signature")
            await harness.drainQueue()
            #expect(try Fixtures.stored(harness.server, name: "web-down-1").status?.phase == .firing)
            #expect(harness.posted.all.isEmpty)
        }
    }

    @Test func forgedSlashCommandsAreRefusedToo() async throws {
        try await withEndpoints { harness in
            let body = Fixtures.commandForm("status", responseURL: harness.responseURL)
            let response = try await harness.send(
                .POST, "/slack/commands", headers: Fixtures.slackHeaders(body: body, secret: "wrong"), body: body)
            #expect(response.status == 401)
            #expect(harness.server.requestCount(pathPrefix: "/apis/tocsin.dev") == 0)
        }
    }

    @Test func acknowledgeButtonAcknowledgesAsTheSlackUserAfterAnswering200() async throws {
        try await withEndpoints { harness in
            try Fixtures.createIncident(harness.server, name: "web-down-1", fingerprint: "fp-1")
            let body = Fixtures.buttonForm(
                actionID: "tocsin_acknowledge", incident: "shop/web-down-1", responseURL: harness.responseURL)

            let response = try await harness.send(
                .POST, "/slack/interactivity", headers: Fixtures.slackHeaders(body: body), body: body)

            #expect(response.status == 200)
            #expect(response.body == "")
            let incident = try await harness.waitForIncident(name: "web-down-1") { $0.status?.phase == .acknowledged }
            let status = try #require(incident.status)
            #expect(status.phase == .acknowledged)
            #expect(status.acknowledgedBy == "slack:U0ALICE (alice)")
            #expect(status.acknowledgedTime == Timestamp(Fixtures.epoch))
            #expect(status.timeline?.last == TimelineEntry(
                time: Timestamp(Fixtures.epoch), type: .acknowledged, actor: "slack:U0ALICE (alice)",
                message: "Acknowledged by slack:U0ALICE (alice)"))
            // The outbox tells both receivers (the Slack card update comes from there).
            #expect(status.deliveries?.map { $0.pending?.map(\.action) ?? [] } == [[.acknowledge], [.acknowledge]])
            // A success is not reported ephemerally: the card shows it.
            await harness.drainQueue()
            #expect(harness.posted.all.isEmpty)
        }
    }

    @Test func aRefusedClickIsReportedEphemerallyOnTheResponseURL() async throws {
        try await withEndpoints { harness in
            try Fixtures.createIncident(harness.server, name: "web-down-1", fingerprint: "fp-1", phase: .resolved)
            let body = Fixtures.buttonForm(
                actionID: "tocsin_acknowledge", incident: "shop/web-down-1", responseURL: harness.responseURL)

            let response = try await harness.send(
                .POST, "/slack/interactivity", headers: Fixtures.slackHeaders(body: body), body: body)

            #expect(response.status == 200)
            let posted = try await harness.posted.waitFor(count: 1)
            #expect(posted == [
                #"{"response_type":"ephemeral","text":"Could not acknowledge `shop/web-down-1`: the incident is already resolved."}"#
            ])
        }
    }

    @Test func aClickOnAMissingIncidentIsReportedAsNotFound() async throws {
        try await withEndpoints { harness in
            let body = Fixtures.buttonForm(
                actionID: "tocsin_resolve", incident: "shop/gone-1", responseURL: harness.responseURL)
            let response = try await harness.send(
                .POST, "/slack/interactivity", headers: Fixtures.slackHeaders(body: body), body: body)
            #expect(response.status == 200)
            let posted = try await harness.posted.waitFor(count: 1)
            #expect(posted.first?.contains("Could not resolve `shop/gone-1`: there is no such incident.") == true)
        }
    }

    @Test func otherButtonsAndInteractionsAreAnswered200AndIgnored() async throws {
        try await withEndpoints { harness in
            try Fixtures.createIncident(harness.server, name: "web-down-1", fingerprint: "fp-1")
            let bodies = [
                Fixtures.buttonForm(actionID: "open_dashboard", incident: "shop/web-down-1", responseURL: harness.responseURL),
                Fixtures.buttonForm(actionID: "tocsin_resolve", incident: "not-a-key", responseURL: harness.responseURL),
                Fixtures.form([("payload", #"{"type":"view_submission","user":{"id":"U1"}}"#)]),
            ]
            for body in bodies {
                let response = try await harness.send(
                    .POST, "/slack/interactivity", headers: Fixtures.slackHeaders(body: body), body: body)
                #expect(response.status == 200)
            }
            await harness.drainQueue()
            #expect(try Fixtures.stored(harness.server, name: "web-down-1").status?.phase == .firing)
        }
    }

    @Test(arguments: [
        "", "payload=", "payload=%7Bnot-json", "payload=%7B%22type%22%3A%22block_actions%22%7D",
        "payload=%7B%22type%22%3A%22block_actions%22%2C%22user%22%3A%7B%22id%22%3A%22U1%22%7D%2C%22actions%22%3A%5B%5D%7D",
        "%%%&&&==", "payload=%FF%FE",
    ])
    func malformedSignedPayloadsAre400(_ body: String) async throws {
        try await withEndpoints { harness in
            let response = try await harness.send(
                .POST, "/slack/interactivity", headers: Fixtures.slackHeaders(body: body), body: body)
            #expect(response.status == 400)
            #expect(response.body == "malformed interaction payload")
        }
    }

    @Test func bodiesAbove64KiBAreRefusedBeforeVerification() async throws {
        try await withEndpoints { harness in
            let body = "payload=" + String(repeating: "a", count: 70 * 1024)
            let response = try await harness.send(
                .POST, "/slack/interactivity", headers: Fixtures.slackHeaders(body: body), body: body)
            #expect(response.status == 413)
        }
    }

    @Test func aStoppedQueueAnswers503SoSlackShowsTheFailure() async throws {
        try await withEndpoints { harness in
            try Fixtures.createIncident(harness.server, name: "web-down-1", fingerprint: "fp-1")
            harness.queue.finish()
            let body = Fixtures.buttonForm(
                actionID: "tocsin_acknowledge", incident: "shop/web-down-1", responseURL: harness.responseURL)
            let response = try await harness.send(
                .POST, "/slack/interactivity", headers: Fixtures.slackHeaders(body: body), body: body)
            #expect(response.status == 503)
        }
    }
}
