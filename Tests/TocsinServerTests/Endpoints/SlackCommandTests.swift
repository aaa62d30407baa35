import Foundation
import Testing
import TocsinAPI
import TocsinTesting
@testable import TocsinServer

@Suite("Slack /tocsin slash command")
struct SlackCommandTests {
    typealias Fixtures = EndpointFixtures

    /// The ephemeral answer to `/tocsin <text>`.
    private func ask(_ text: String, _ harness: EndpointHarness, userID: String = "U0ALICE") async throws -> String {
        let body = Fixtures.commandForm(text, responseURL: harness.responseURL, userID: userID)
        let response = try await harness.send(
            .POST, "/slack/commands", headers: Fixtures.slackHeaders(body: body), body: body)
        #expect(response.status == 200)
        #expect(response.header("content-type") == "application/json; charset=utf-8")
        let answer = try JSONDecoder().decode([String: String].self, from: Data(response.body.utf8))
        #expect(answer["response_type"] == "ephemeral")
        return try #require(answer["text"])
    }

    private func createThree(_ harness: EndpointHarness) throws {
        try Fixtures.createIncident(harness.server, name: "web-down-1", fingerprint: "fp-1", severity: .critical)
        try Fixtures.createIncident(
            harness.server, namespace: "web", name: "api-slow-1", fingerprint: "fp-2", severity: .high,
            phase: .acknowledged, startOffset: -300, summary: "api p99 > 2s")
        try Fixtures.createIncident(
            harness.server, name: "old-1", fingerprint: "fp-3", severity: .critical, phase: .resolved)
    }

    @Test func statusCountsOpenIncidentsByPhaseAndSeverity() async throws {
        try await withEndpoints { harness in
            #expect(try await ask("status", harness) == "*Tocsin status*: no open incidents :white_check_mark:")
            try createThree(harness)
            #expect(try await ask("status", harness) == """
                *Tocsin status*: 2 open incidents (1 firing, 1 acknowledged)
                critical: 1 · high: 1 · moderate: 0 · low: 0 · info: 0
                """)
        }
    }

    @Test func incidentsListsTheOpenOnesMostSevereFirst() async throws {
        try await withEndpoints { harness in
            try createThree(harness)
            let start1 = Int64(Fixtures.epoch.timeIntervalSince1970) - 600
            let start2 = Int64(Fixtures.epoch.timeIntervalSince1970) - 300
            #expect(try await ask("incidents", harness) == """
                • [critical] `shop/web-down-1` — web is crash looping (Firing since <!date^\(start1)^{date_short_pretty} {time}|2026-07-06T07:50:00Z>)
                • [high] `web/api-slow-1` — api p99 &gt; 2s (Acknowledged since <!date^\(start2)^{date_short_pretty} {time}|2026-07-06T07:55:00Z>)
                """)
        }
    }

    @Test func incidentsStopsAtTwentyLines() async throws {
        try await withEndpoints { harness in
            for index in 0..<23 {
                try Fixtures.createIncident(harness.server, name: "inc-\(index)", fingerprint: "fp-\(index)")
            }
            let lines = try await ask("incidents", harness).split(separator: "\n")
            #expect(lines.count == 21)
            #expect(lines.last == "…and 3 more")
        }
    }

    @Test func onCallShowsWhoIsOnCallWithMentions() async throws {
        try await withEndpoints { harness in
            try Fixtures.createSchedule(harness.server, name: "primary", onCall: [("alice", "U0ALICE"), ("bob", nil)])
            try Fixtures.createSchedule(harness.server, namespace: "web", name: "web-team", onCall: [])
            try Fixtures.createSchedule(harness.server, namespace: "web", name: "fresh", onCall: nil)
            #expect(try await ask("oncall", harness) == """
                *shop/primary*: alice (<@U0ALICE>), bob
                *web/fresh*: not computed yet
                *web/web-team*: nobody is on call
                """)
            #expect(try await ask("oncall primary", harness) == "*shop/primary*: alice (<@U0ALICE>), bob")
            #expect(try await ask("on-call nope", harness) == "No on-call schedule named `nope`.")
        }
    }

    @Test func overrideMakesTheSlackUserOnCallThroughAnOnCallOverride() async throws {
        try await withEndpoints { harness in
            try Fixtures.createSchedule(harness.server, name: "primary", onCall: [("bob", "U0BOB")])
            // A real Slack user ID (the fixture's U0ALICE is too short for an OnCallSchedule participant).
            let alice = "U0ALICE0001"
            #expect(try await ask("override primary 4h", harness, userID: alice) == """
                <@U0ALICE0001> is on call for `shop/primary` until <!date^1783339200^{date_short_pretty} {time}|2026-07-06T12:00:00Z> \
                (OnCallOverride `primary-alice-20260706-0800`).
                """)
            let stored = try #require(harness.server.object(
                FakeAPIServer.Resource.tocsin("oncalloverrides"), namespace: "shop", name: "primary-alice-20260706-0800"))
            #expect(stored["spec"] == [
                "scheduleRef": ["name": "primary"], "start": "2026-07-06T08:00:00Z", "end": "2026-07-06T12:00:00Z",
                "participant": ["name": "alice", "slackUserID": "U0ALICE0001"],
                "reason": "taken in Slack by slack:U0ALICE0001 (alice)",
            ])
            // The same person at the same instant: the name is taken.
            #expect(try await ask("override primary 4h", harness, userID: alice)
                .hasPrefix("Tocsin cannot create that override: "))
            #expect(try await ask("override nope 4h", harness) == "No on-call schedule `nope` found.")
            #expect(try await ask("override primary forever", harness)
                == "“forever” is not a duration from 1m to 90d (e.g. `4h`, `2d`).")
            #expect(try await ask("override primary 91d", harness)
                == "“91d” is not a duration from 1m to 90d (e.g. `4h`, `2d`).")
        }
    }

    @Test func helpAndUnknownCommandsAnswerTheUsage() async throws {
        try await withEndpoints { harness in
            let help = try await ask("help", harness)
            #expect(help == SlackCommandRequestUsage.text)
            #expect(try await ask("", harness) == SlackCommandRequestUsage.text)
            #expect(try await ask("reboot <everything>", harness)
                == "Sorry, I did not understand “reboot &lt;everything&gt;”.\n" + SlackCommandRequestUsage.text)
        }
    }

    @Test func ackByNameIsQueuedAndTheOutcomeArrivesOnTheResponseURL() async throws {
        try await withEndpoints { harness in
            try createThree(harness)

            #expect(try await ask("ack web-down-1", harness) == "Acknowledging `shop/web-down-1`…")

            let incident = try await harness.waitForIncident(name: "web-down-1") { $0.status?.phase == .acknowledged }
            #expect(incident.status?.acknowledgedBy == "slack:U0ALICE (alice)")
            let posted = try await harness.posted.waitFor(count: 1)
            #expect(posted == [#"{"response_type":"ephemeral","text":"Acknowledged `shop/web-down-1`."}"#])
        }
    }

    @Test func resolveByNamespaceAndNameReportsARefusal() async throws {
        try await withEndpoints { harness in
            try createThree(harness)
            #expect(try await ask("resolve shop/old-1", harness) == "Resolving `shop/old-1`…")
            let posted = try await harness.posted.waitFor(count: 1)
            #expect(posted == [
                #"{"response_type":"ephemeral","text":"Could not resolve `shop/old-1`: the incident is already resolved."}"#
            ])
        }
    }

    @Test func unknownAndAmbiguousIncidentsAreAnsweredAtOnce() async throws {
        try await withEndpoints { harness in
            try Fixtures.createIncident(harness.server, name: "twin-1", fingerprint: "fp-a")
            try Fixtures.createIncident(harness.server, namespace: "web", name: "twin-1", fingerprint: "fp-b")
            #expect(try await ask("ack nothing-here", harness) == "No incident `nothing-here` found.")
            #expect(try await ask("ack shop/nothing-here", harness) == "No incident `shop/nothing-here` found.")
            #expect(try await ask("ack Bad/Name!", harness) == "No incident `Bad/Name!` found.")
            #expect(try await ask("escalate twin-1", harness)
                == "Several incidents are named `twin-1` (`shop/twin-1`, `web/twin-1`): name one as `namespace/name`.")
            await harness.drainQueue()
            #expect(harness.posted.all.isEmpty)
        }
    }

    @Test func incidentsOutsideTheWatchedNamespacesAreInvisible() async throws {
        try await withEndpoints(scope: .namespaces(["shop"])) { harness in
            try createThree(harness)
            #expect(try await ask("status", harness).hasPrefix("*Tocsin status*: 1 open incident (1 firing, 0 acknowledged)"))
            #expect(try await ask("ack web/api-slow-1", harness) == "No incident `web/api-slow-1` found.")
        }
    }

    @Test func sslCheckIsAnswered200() async throws {
        try await withEndpoints { harness in
            let body = "ssl_check=1&token=x"
            let response = try await harness.send(
                .POST, "/slack/commands", headers: Fixtures.slackHeaders(body: body), body: body)
            #expect(response.status == 200)
            #expect(response.body == "")
        }
    }

    @Test(arguments: ["", "text=status", "command=%2Ftocsin&text=status"])
    func signedCommandsWithoutCommandOrUserAre400(_ body: String) async throws {
        try await withEndpoints { harness in
            let response = try await harness.send(
                .POST, "/slack/commands", headers: Fixtures.slackHeaders(body: body), body: body)
            #expect(response.status == 400)
        }
    }
}

/// The usage text of `/tocsin`.
enum SlackCommandRequestUsage {
    static let text = """
        *Usage*
        `/tocsin status` — cluster and incident summary
        `/tocsin incidents` — open incidents
        `/tocsin ack <namespace/name>` — acknowledge an incident
        `/tocsin resolve <namespace/name>` — resolve an incident
        `/tocsin escalate <namespace/name>` — escalate an incident now
        `/tocsin oncall [schedule]` — who is on call
        `/tocsin override <schedule> <duration>` — take the on-call from now, e.g. `override payments 4h`
        `/tocsin help` — this list
        """
}
