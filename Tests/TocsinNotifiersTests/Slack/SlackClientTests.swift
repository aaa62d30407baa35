import Foundation
import Testing
import TocsinAPI
import TocsinNotifiers
import TocsinTesting

@Suite struct SlackClientTests {
    @Test func postMessageSendsTheCardAndReturnsChannelIDAndTS() async throws {
        try await withFakeSlack { server, client, _ in
            let card = SlackMessage.incidentCard(for: slackSampleIncident())
            let posted = try await client.postMessage(card, channel: "#alerts", token: slackTestToken)
            #expect(posted == SlackPostedMessage(channelID: "C0000ALERTS", ts: "1700000000.000100"))

            let request = try #require(server.requests.first)
            #expect(server.requests.count == 1)
            #expect(request.httpMethod == "POST")
            #expect(request.path == "/api/chat.postMessage")
            #expect(request.headers["authorization"] == "Bearer \(slackTestToken)")
            #expect(request.headers["content-type"] == "application/json; charset=utf-8")
            var expected = try slackEncodedJSON(card)
            expected["channel"] = "#alerts"
            expected["unfurl_links"] = false
            expected["unfurl_media"] = false
            #expect(request.body == expected)

            let stored = try #require(server.message(channelID: "C0000ALERTS", ts: posted.ts))
            #expect(stored.versions == [try slackEncodedJSON(card)])
        }
    }

    @Test func updateMessageReplacesTheCardInPlace() async throws {
        try await withFakeSlack { server, client, _ in
            let firing = SlackMessage.incidentCard(for: slackSampleIncident())
            let posted = try await client.postMessage(firing, channel: "alerts", token: slackTestToken)
            let acknowledged = SlackMessage.incidentCard(for: slackSampleIncident(phase: .acknowledged))
            let updated = try await client.updateMessage(
                acknowledged, channelID: posted.channelID, ts: posted.ts, token: slackTestToken)
            #expect(updated == posted)

            let request = try #require(server.requests(apiMethod: "chat.update").first)
            var expected = try slackEncodedJSON(acknowledged)
            expected["channel"] = "C0000ALERTS"
            expected["ts"] = .string(posted.ts)
            #expect(request.body == expected)
            let stored = try #require(server.message(channelID: posted.channelID, ts: posted.ts))
            #expect(stored.versions == [try slackEncodedJSON(firing), try slackEncodedJSON(acknowledged)])
            #expect(server.messages.count == 1)
        }
    }

    @Test func timelineEntriesGoToTheThread() async throws {
        try await withFakeSlack { server, client, _ in
            let posted = try await client.postMessage(
                SlackMessage.incidentCard(for: slackSampleIncident()), channel: "#alerts", token: slackTestToken)
            let entry = TimelineEntry(time: slackSampleStart, type: .acknowledged, actor: "slack:U0ALICE01 (alice)")
            let reply = try await client.postMessage(
                .timelineReply(entry), channel: posted.channelID, threadTS: posted.ts, token: slackTestToken)
            #expect(reply.ts == "1700000000.000200")
            #expect(server.requests.last?.body?["thread_ts"] == .string(posted.ts))
            let parent = try #require(server.message(channelID: posted.channelID, ts: posted.ts))
            #expect(parent.replies.map(\.text) == [":eyes: Acknowledged by <@U0ALICE01>"])
            #expect(parent.replies.first?.threadTS == posted.ts)
        }
    }

    @Test func postingWithChatWritePublicWorksWithoutJoining() async throws {
        let configuration = FakeSlackServer.Configuration(
            channels: [FakeSlackServer.Channel(id: "C0000CRIT01", name: "alert-critical", isMember: false)],
            canPostToPublicChannels: true)
        try await withFakeSlack(configuration) { server, client, _ in
            let posted = try await client.postMessage(
                SlackMessage(text: "hello"), channel: "#alert-critical", token: slackTestToken)
            #expect(posted.channelID == "C0000CRIT01")
            #expect(server.messages(in: "#alert-critical").count == 1)
        }
    }

    @Test func tokenWithTrailingNewlineFromASecretIsTrimmed() async throws {
        try await withFakeSlack { server, client, _ in
            _ = try await client.postMessage(SlackMessage(text: "hi"), channel: "#alerts", token: slackTestToken + "\n")
            #expect(server.requests.first?.headers["authorization"] == "Bearer \(slackTestToken)")
        }
    }

    @Test func webhookPostsTheMessageWithoutCredentialsHeader() async throws {
        try await withFakeSlack { server, client, logs in
            let card = SlackMessage.incidentCard(for: slackSampleIncident(), options: SlackCardOptions(showsButtons: false))
            try await client.postWebhook(card, url: server.webhookURL())
            let request = try #require(server.requests.first)
            #expect(request.path == "/services/\(FakeSlackServer.defaultWebhookPath)")
            #expect(request.headers["authorization"] == nil)
            #expect(request.body == (try slackEncodedJSON(card)))
            let stored = try #require(server.messages(in: "C0000ALERTS").first)
            #expect(stored.isFromWebhook)
            #expect(stored.content == (try slackEncodedJSON(card)))
            #expect(!logs.recorded.joined().contains(FakeSlackServer.defaultWebhookPath))
        }
    }

    @Test func logsNeverContainTheToken() async throws {
        try await withFakeSlack { _, client, logs in
            let posted = try await client.postMessage(SlackMessage(text: "a"), channel: "#alerts", token: slackTestToken)
            _ = try await client.updateMessage(SlackMessage(text: "b"), channelID: posted.channelID, ts: posted.ts, token: slackTestToken)
            _ = await slackDeliveryError {
                _ = try await client.postMessage(SlackMessage(text: "c"), channel: "#alerts", token: "xoxb-wrong-token-123")
            }
            #expect(logs.recorded.count >= 2)
            #expect(logs.recorded.allSatisfy { !$0.contains(slackTestToken) && !$0.contains("xoxb-wrong-token-123") })
        }
    }
}
