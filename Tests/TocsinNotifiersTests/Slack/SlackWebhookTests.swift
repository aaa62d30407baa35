import Testing
import TocsinNotifiers
import TocsinTesting

@Suite struct SlackWebhookTests {
    func postWebhook(_ client: SlackClient, url: String, message: SlackMessage = SlackMessage(text: "hi")) async
        -> DeliveryError?
    {
        await slackDeliveryError { try await client.postWebhook(message, url: url) }
    }

    @Test func unknownWebhookIsUnauthorizedWithoutShowingTheURL() async throws {
        try await withFakeSlack { server, client, _ in
            let url = server.webhookURL(path: "T0000/B0000/REVOKED")
            let error = try #require(await postWebhook(client, url: url))
            #expect(
                error == DeliveryError(
                    code: .unauthorized, receiver: .slack,
                    message: "Slack incoming webhook failed: HTTP 404 no_service (the incoming-webhook URL was revoked "
                        + "or is wrong: create a new incoming webhook and update the Secret referenced by webhookSecretRef)",
                    vendorError: "no_service", httpStatus: 404))
            #expect(!error.message.contains("REVOKED"))
        }
    }

    @Test(arguments: [
        ("invalid_payload", 400, DeliveryError.Code.rejected), ("user_not_found", 400, .rejected),
        ("action_prohibited", 403, .notFound), ("invalid_token", 403, .unauthorized),
        ("channel_not_found", 404, .notFound), ("channel_is_archived", 410, .notFound),
        ("posting_to_general_channel_denied", 403, .notFound), ("rollup_error", 500, .serverError),
        ("something_else", 400, .rejected),
    ])
    func webhookErrorsMapToCodes(vendorError: String, status: Int, code: DeliveryError.Code) async throws {
        try await withFakeSlack { server, client, _ in
            server.failNext(error: vendorError)
            let error = try #require(await postWebhook(client, url: server.webhookURL()))
            #expect(error.code == code)
            #expect(error.httpStatus == status)
            #expect(error.vendorError == vendorError)
            #expect(!error.message.contains(FakeSlackServer.defaultWebhookPath))
        }
    }

    @Test func archivedChannelAndInvalidBlocksThroughTheFake() async throws {
        var configuration = FakeSlackServer.Configuration()
        configuration.channels.append(FakeSlackServer.Channel(id: "C0000OLD001", name: "old", isArchived: true))
        configuration.webhooks["T0000/B0001/OLD"] = "C0000OLD001"
        try await withFakeSlack(configuration) { server, client, _ in
            let archived = try #require(await postWebhook(client, url: server.webhookURL(path: "T0000/B0001/OLD")))
            #expect(archived.code == .notFound)
            #expect(archived.vendorError == "channel_is_archived")
            #expect(archived.httpStatus == 410)

            let tooLong = SlackMessage(text: "t", blocks: [.section(text: .markdown(String(repeating: "x", count: 3_001)), fields: nil)])
            let invalid = try #require(await postWebhook(client, url: server.webhookURL(), message: tooLong))
            #expect(invalid.code == .rejected)
            #expect(invalid.vendorError == "invalid_blocks")
            #expect(invalid.httpStatus == 400)
            #expect(server.messages.isEmpty)
        }
    }

    @Test func rateLimitAndOutage() async throws {
        try await withFakeSlack { server, client, _ in
            server.rateLimitNext(retryAfter: 30)
            let limited = try #require(await postWebhook(client, url: server.webhookURL()))
            #expect(limited.code == .rateLimited)
            #expect(limited.retryAfter == .seconds(30))
            #expect(limited.vendorError == "rate_limited")
            server.failNext(status: 503)
            let outage = try #require(await postWebhook(client, url: server.webhookURL()))
            #expect(outage.code == .serverError)
            #expect(outage.httpStatus == 503)
            try await client.postWebhook(SlackMessage(text: "finally"), url: server.webhookURL())
            #expect(server.messages.map(\.text) == ["finally"])
        }
    }

    @Test(arguments: ["", "not a url", "ftp://hooks.slack.com/services/x", "https://"])
    func malformedURLIsMisconfigured(url: String) async throws {
        try await withFakeSlack { server, client, _ in
            let error = try #require(await postWebhook(client, url: url))
            #expect(error.code == .misconfigured)
            #expect(
                error.message == "Slack incoming webhook failed: the incoming-webhook URL in the Secret referenced by "
                    + "webhookSecretRef is not an http(s) URL")
            #expect(server.requests.isEmpty)
        }
    }

    @Test func webhookMessagesCannotBeUpdated() async throws {
        try await withFakeSlack { server, client, _ in
            try await client.postWebhook(SlackMessage(text: "hi"), url: server.webhookURL())
            let ts = try #require(server.messages.first?.ts)
            let error = try #require(
                await slackDeliveryError {
                    _ = try await client.updateMessage(SlackMessage(text: "b"), channelID: "C0000ALERTS", ts: ts, token: slackTestToken)
                })
            #expect(error.code == .notFound)
            #expect(error.vendorError == "cant_update_message")
        }
    }
}
