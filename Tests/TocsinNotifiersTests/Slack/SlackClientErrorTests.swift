import Foundation
import Testing
import TocsinAPI
import TocsinNotifiers
import TocsinTesting

@Suite struct SlackClientErrorTests {
    static let channels = [
        FakeSlackServer.Channel(id: "C0000ALERTS", name: "alerts"),
        FakeSlackServer.Channel(id: "C0000NOBOT1", name: "no-bot", isMember: false),
        FakeSlackServer.Channel(id: "G0000SECRET", name: "secret", isPrivate: true, isMember: false),
        FakeSlackServer.Channel(id: "C0000OLD001", name: "old", isArchived: true),
    ]

    func post(
        _ client: SlackClient, channel: String = "#alerts", token: String = slackTestToken,
        message: SlackMessage = SlackMessage(text: "hello")
    ) async -> DeliveryError? {
        await slackDeliveryError { _ = try await client.postMessage(message, channel: channel, token: token) }
    }

    @Test func rateLimitedWithRetryAfter() async throws {
        try await withFakeSlack { server, client, _ in
            server.rateLimitNext(retryAfter: 7)
            let error = try #require(await post(client))
            #expect(
                error == DeliveryError(
                    code: .rateLimited, receiver: .slack,
                    message: "Slack chat.postMessage to #alerts failed: rate limited (HTTP 429): retry after 7 s",
                    vendorError: "ratelimited", httpStatus: 429, retryAfter: .seconds(7)))
            #expect(error.isRetryable)
            // The next attempt (the caller's outbox retries) succeeds.
            _ = try await client.postMessage(SlackMessage(text: "hello"), channel: "#alerts", token: slackTestToken)
            #expect(server.messages.count == 1)
        }
    }

    @Test func retryAfterIsCappedAndOptional() async throws {
        try await withFakeSlack { server, client, _ in
            server.rateLimitNext(retryAfter: 3_600)
            #expect(await post(client)?.retryAfter == .seconds(300))
            server.answerNext(with: .raw(status: 429, contentType: "application/json", body: #"{"ok":false,"error":"ratelimited"}"#))
            let error = try #require(await post(client))
            #expect(error.code == .rateLimited)
            #expect(error.retryAfter == nil)
            #expect(error.message == "Slack chat.postMessage to #alerts failed: rate limited (HTTP 429): retry later")
        }
    }

    @Test(arguments: ["ratelimited", "rate_limited"])
    func rateLimitedAsOKFalse(vendorError: String) async throws {
        try await withFakeSlack { server, client, _ in
            server.failNext(error: vendorError)
            let error = try #require(await post(client))
            #expect(error.code == .rateLimited)
            #expect(error.httpStatus == 200)
            #expect(error.vendorError == vendorError)
        }
    }

    @Test(arguments: [500, 502, 503])
    func serverErrors(status: Int) async throws {
        try await withFakeSlack { server, client, _ in
            server.failNext(status: status)
            let error = try #require(await post(client))
            #expect(
                error == DeliveryError(
                    code: .serverError, receiver: .slack,
                    message: "Slack chat.postMessage to #alerts failed: HTTP \(status) from Slack (an outage or a "
                        + "transient failure; retry later)",
                    httpStatus: status))
            #expect(error.isRetryable)
        }
    }

    @Test func okBodyThatIsNotJSONIsAServerError() async throws {
        try await withFakeSlack { server, client, _ in
            server.answerNext(with: .raw(status: 200, contentType: "text/html", body: "<html>maintenance</html>"))
            let error = try #require(await post(client))
            #expect(error.code == .serverError)
            #expect(error.message == "Slack chat.postMessage to #alerts failed: HTTP 200 with a body that is not Slack's JSON answer (24 bytes)")
        }
    }

    @Test func invalidAuthNeverShowsTheToken() async throws {
        try await withFakeSlack { _, client, _ in
            let token = "xoxb-9999-wrong-token"
            let error = try #require(await post(client, token: token))
            #expect(
                error == DeliveryError(
                    code: .unauthorized, receiver: .slack,
                    message: "Slack chat.postMessage to #alerts failed: invalid_auth (check the bot token (xoxb-…) in "
                        + "the Secret referenced by tokenSecretRef; reinstall the Slack app if it was revoked)",
                    vendorError: "invalid_auth", httpStatus: 200))
            #expect(!error.message.contains(token))
            #expect(!error.description.contains(token))
        }
    }

    @Test func tokenQuotedBySlackIsRedacted() async throws {
        try await withFakeSlack { server, client, _ in
            let body = #"{"ok":false,"error":"invalid_arguments","errors":["token \#(slackTestToken) not allowed here"]}"#
            server.answerNext(with: .raw(status: 200, contentType: "application/json", body: body))
            let error = try #require(await post(client))
            #expect(error.code == .rejected)
            #expect(!error.message.contains(slackTestToken))
            #expect(error.message.contains("token <redacted> not allowed here"))
        }
    }

    @Test(arguments: [
        ("not_authed", DeliveryError.Code.unauthorized), ("token_revoked", .unauthorized), ("account_inactive", .unauthorized),
        ("token_expired", .unauthorized), ("missing_scope", .unauthorized), ("internal_error", .serverError),
        ("fatal_error", .serverError), ("service_unavailable", .serverError), ("invalid_arguments", .rejected),
        ("msg_too_long", .rejected), ("brand_new_error", .rejected), ("restricted_action", .notFound),
    ])
    func okFalseErrorsMapToCodes(vendorError: String, code: DeliveryError.Code) async throws {
        try await withFakeSlack { server, client, _ in
            server.failNext(error: vendorError)
            let error = try #require(await post(client))
            #expect(error.code == code)
            #expect(error.vendorError == vendorError)
            #expect(error.message.hasPrefix("Slack chat.postMessage to #alerts failed: \(vendorError)"))
            #expect(!error.message.contains(slackTestToken))
        }
    }

    @Test(arguments: [
        ("#no-bot", "not_in_channel",
         "Slack chat.postMessage to #no-bot failed: not_in_channel (the bot is not a member of #no-bot: invite it "
            + "(/invite @<bot>) or add the chat:write.public scope to the Slack app and reinstall it)"),
        ("#nowhere", "channel_not_found",
         "Slack chat.postMessage to #nowhere failed: channel_not_found (check the channel in the AlertRule's route; a "
            + "private channel needs the bot invited first)"),
        ("#secret", "channel_not_found",
         "Slack chat.postMessage to #secret failed: channel_not_found (check the channel in the AlertRule's route; a "
            + "private channel needs the bot invited first)"),
        ("old", "is_archived",
         "Slack chat.postMessage to old failed: is_archived (#old is archived: unarchive it or route the AlertRule to "
            + "another channel)"),
    ])
    func channelErrorsAreNotFound(channel: String, vendorError: String, message: String) async throws {
        try await withFakeSlack(FakeSlackServer.Configuration(channels: Self.channels)) { server, client, _ in
            let error = try #require(await post(client, channel: channel))
            #expect(
                error == DeliveryError(
                    code: .notFound, receiver: .slack, message: message, vendorError: vendorError, httpStatus: 200))
            #expect(!error.isRetryable)
            #expect(server.messages.isEmpty)
        }
    }

    @Test func updateOfADeletedMessageIsNotFound() async throws {
        try await withFakeSlack { server, client, _ in
            let posted = try await client.postMessage(SlackMessage(text: "a"), channel: "#alerts", token: slackTestToken)
            server.deleteMessage(channelID: posted.channelID, ts: posted.ts)
            let error = try #require(
                await slackDeliveryError {
                    _ = try await client.updateMessage(
                        SlackMessage(text: "b"), channelID: posted.channelID, ts: posted.ts, token: slackTestToken)
                })
            #expect(
                error == DeliveryError(
                    code: .notFound, receiver: .slack,
                    message: "Slack chat.update of 1700000000.000100 in C0000ALERTS failed: message_not_found (the "
                        + "incident's message was deleted; a new message is needed)",
                    vendorError: "message_not_found", httpStatus: 200))
        }
    }

    @Test func invalidBlocksCarrySlacksReason() async throws {
        try await withFakeSlack { _, client, _ in
            let message = SlackMessage(text: "t", blocks: [.header(.plainText(String(repeating: "h", count: 151)))])
            let error = try #require(await post(client, message: message))
            #expect(error.code == .rejected)
            #expect(
                error.message == "Slack chat.postMessage to #alerts failed: invalid_blocks (must be less than 151 "
                    + "characters [json-pointer:/blocks/0/text/text]; Slack refused the message as malformed: report "
                    + "this as a Tocsin bug with the incident)")
        }
    }

    @Test func emptyOrMalformedTokenIsMisconfiguredWithoutARequest() async throws {
        try await withFakeSlack { server, client, _ in
            #expect(await post(client, token: " \n")?.code == .misconfigured)
            #expect(await post(client, token: "xoxb-a b")?.code == .misconfigured)
            #expect(server.requests.isEmpty)
        }
    }

    @Test func unreachableSlackIsATransportError() async throws {
        let client = SlackClient(
            httpClient: .shared, apiBaseURL: "http://127.0.0.1:1/api", logger: .init(label: "test"), timeout: .milliseconds(300))
        let error = try #require(await post(client))
        #expect(error.code == .transport)
        #expect(error.isRetryable)
        #expect(error.message.hasPrefix("Slack chat.postMessage to #alerts failed: no answer from Slack ("))
    }
}
