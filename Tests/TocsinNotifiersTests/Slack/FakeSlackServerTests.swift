import AsyncHTTPClient
import Foundation
import NIOCore
import Testing
import TocsinTesting

/// The fake Slack server driven with raw requests: it must answer as Slack does.
@Suite struct FakeSlackServerTests {
    struct Answer {
        var status: Int
        var retryAfter: String?
        var text: String
        var json: FakeJSON? { try? FakeJSON(jsonData: Data(text.utf8)) }
    }

    static func send(
        _ server: FakeSlackServer, _ path: String, body: String?, contentType: String? = "application/json; charset=utf-8",
        token: String? = FakeSlackServer.defaultBotToken
    ) async throws -> Answer {
        var request = HTTPClientRequest(url: server.baseURL.absoluteString + path)
        request.method = .POST
        if let token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        if let contentType { request.headers.add(name: "Content-Type", value: contentType) }
        if let body { request.body = .bytes(ByteBuffer(string: body)) }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(5))
        let bytes = try await response.body.collect(upTo: 1 << 20)
        return Answer(
            status: Int(response.status.code), retryAfter: response.headers.first(name: "Retry-After"),
            text: String(buffer: bytes))
    }

    static func withServer(_ body: (FakeSlackServer) async throws -> Void) async throws {
        let server = try await FakeSlackServer.start()
        do {
            try await body(server)
        } catch {
            await server.shutdown()
            throw error
        }
        await server.shutdown()
    }

    @Test func postMessageAnswersLikeSlack() async throws {
        try await Self.withServer { server in
            let answer = try await Self.send(server, "/api/chat.postMessage", body: #"{"channel":"alerts","text":"hi"}"#)
            #expect(answer.status == 200)
            #expect(
                answer.json == (try slackJSON(
                    #"""
                    {"ok": true, "channel": "C0000ALERTS", "ts": "1700000000.000100",
                     "message": {"type": "message", "text": "hi", "user": "U0FAKEBOT", "bot_id": "B0FAKEBOT",
                                 "app_id": "A0FAKEAPP", "team": "T0FAKE", "ts": "1700000000.000100"}}
                    """#)))
            let second = try await Self.send(server, "/api/chat.postMessage", body: #"{"channel":"C0000ALERTS","text":"again"}"#)
            #expect(second.json?["ts"] == "1700000000.000200")
        }
    }

    @Test(arguments: [
        (nil as String?, "application/json; charset=utf-8", #"{"channel":"alerts","text":"x"}"#, "not_authed"),
        ("xoxb-other", "application/json; charset=utf-8", #"{"channel":"alerts","text":"x"}"#, "invalid_auth"),
        (FakeSlackServer.defaultBotToken, nil, #"{"channel":"alerts","text":"x"}"#, "missing_post_type"),
        (FakeSlackServer.defaultBotToken, "application/x-www-form-urlencoded", "channel=%23alerts&text=x", "invalid_post_type"),
        (FakeSlackServer.defaultBotToken, "application/json", "{not json", "invalid_json"),
        (FakeSlackServer.defaultBotToken, "application/json", #"{"text":"x"}"#, "channel_not_found"),
        (FakeSlackServer.defaultBotToken, "application/json", #"{"channel":"alerts"}"#, "no_text"),
        (FakeSlackServer.defaultBotToken, "application/json", #"{"channel":"alerts","blocks":"[]"}"#, "invalid_blocks_format"),
        (FakeSlackServer.defaultBotToken, "application/json", #"{"channel":"alerts","text":"x","thread_ts":"1.2"}"#, "thread_not_found"),
    ] as [(String?, String?, String, String)])
    func refusals(token: String?, contentType: String?, body: String, error: String) async throws {
        try await Self.withServer { server in
            let answer = try await Self.send(server, "/api/chat.postMessage", body: body, contentType: contentType, token: token)
            #expect(answer.status == 200)
            #expect(answer.json == ["ok": false, "error": .string(error)])
            #expect(server.messages.isEmpty)
        }
    }

    @Test func textLongerThan40000IsTooLong() async throws {
        try await Self.withServer { server in
            let text = String(repeating: "a", count: 40_001)
            let answer = try await Self.send(server, "/api/chat.postMessage", body: #"{"channel":"alerts","text":"\#(text)"}"#)
            #expect(answer.json == ["ok": false, "error": "msg_too_long"])
        }
    }

    @Test func missingCharsetIsAWarning() async throws {
        try await Self.withServer { server in
            let answer = try await Self.send(
                server, "/api/chat.postMessage", body: #"{"channel":"alerts","text":"x"}"#, contentType: "application/json")
            #expect(answer.json?["ok"] == true)
            #expect(answer.json?["warning"] == "missing_charset")
        }
    }

    static let header = #"{"type":"header","text":{"type":"plain_text","text":"H"}}"#

    static func button(_ id: String, text: String = "Go", value: String = "v") -> String {
        #"{"type":"button","text":{"type":"plain_text","text":"\#(text)"},"action_id":"\#(id)","value":"\#(value)"}"#
    }

    @Test(arguments: [
        (Array(repeating: header, count: 51).joined(separator: ","), "no more than 50 items allowed [json-pointer:/blocks]"),
        (#"{"type":"header","text":{"type":"plain_text","text":"\#(String(repeating: "h", count: 151))"}}"#,
         "must be less than 151 characters [json-pointer:/blocks/0/text/text]"),
        (#"{"type":"header","text":{"type":"mrkdwn","text":"h"}}"#, "must be plain_text [json-pointer:/blocks/0/text/type]"),
        (#"{"type":"section","text":{"type":"mrkdwn","text":"\#(String(repeating: "s", count: 3_001))"}}"#,
         "must be less than 3001 characters [json-pointer:/blocks/0/text/text]"),
        (#"{"type":"section","text":{"type":"mrkdwn","text":"s","emoji":true}}"#,
         "emoji is only allowed in plain_text [json-pointer:/blocks/0/text/emoji]"),
        (#"{"type":"section","fields":[\#(Array(repeating: #"{"type":"mrkdwn","text":"f"}"#, count: 11).joined(separator: ","))]}"#,
         "no more than 10 items allowed [json-pointer:/blocks/0/fields]"),
        (#"{"type":"section","fields":[{"type":"mrkdwn","text":"\#(String(repeating: "f", count: 2_001))"}]}"#,
         "must be less than 2001 characters [json-pointer:/blocks/0/fields/0/text]"),
        (#"{"type":"section"}"#, "must provide either text or fields [json-pointer:/blocks/0]"),
        (#"{"type":"actions","elements":[\#(button("a", text: String(repeating: "b", count: 76)))]}"#,
         "must be less than 76 characters [json-pointer:/blocks/0/elements/0/text/text]"),
        (#"{"type":"actions","elements":[\#(button(String(repeating: "i", count: 256)))]}"#,
         "must be less than 256 characters [json-pointer:/blocks/0/elements/0/action_id]"),
        (#"{"type":"actions","elements":[\#(button("a", value: String(repeating: "v", count: 2_001)))]}"#,
         "must be less than 2001 characters [json-pointer:/blocks/0/elements/0/value]"),
        (#"{"type":"actions","elements":[\#(button("a")),\#(button("a"))]}"#,
         "action_id values must be unique within a message [json-pointer:/blocks/0/elements/1/action_id]"),
        (#"{"type":"actions","elements":[{"type":"button","text":{"type":"plain_text","text":"x"},"style":"blue"}]}"#,
         "must be one of primary, danger [json-pointer:/blocks/0/elements/0/style]"),
        (#"{"type":"video"}"#,
         "unsupported type `video` (the fake knows header, section, context, actions, divider) [json-pointer:/blocks/0/type]"),
    ])
    func blockLimits(blocks: String, error: String) async throws {
        try await Self.withServer { server in
            let answer = try await Self.send(
                server, "/api/chat.postMessage", body: #"{"channel":"alerts","text":"t","blocks":[\#(blocks)]}"#)
            #expect(
                answer.json == [
                    "ok": false, "error": "invalid_blocks", "errors": [.string(error)],
                    "response_metadata": ["messages": [.string("[ERROR] \(error)")]],
                ])
        }
    }

    @Test func updateNeedsTheChannelIDAndAKnownTS() async throws {
        try await Self.withServer { server in
            _ = try await Self.send(server, "/api/chat.postMessage", body: #"{"channel":"alerts","text":"x"}"#)
            let byName = try await Self.send(server, "/api/chat.update", body: #"{"channel":"alerts","ts":"1700000000.000100","text":"y"}"#)
            #expect(byName.json == ["ok": false, "error": "channel_not_found"])
            let noTS = try await Self.send(server, "/api/chat.update", body: #"{"channel":"C0000ALERTS","text":"y"}"#)
            #expect(noTS.json == ["ok": false, "error": "message_not_found"])
            let updated = try await Self.send(
                server, "/api/chat.update", body: #"{"channel":"C0000ALERTS","ts":"1700000000.000100","text":"y"}"#)
            #expect(updated.json?["ok"] == true)
            #expect(updated.json?["text"] == "y")
            #expect(updated.json?["ts"] == "1700000000.000100")
            #expect(server.messages.first?.versions.map { $0["text"] } == ["x", "y"])
            #expect(server.messages.first?.updateCount == 1)
        }
    }

    @Test func replyToAReplyJoinsTheParentThread() async throws {
        try await Self.withServer { server in
            _ = try await Self.send(server, "/api/chat.postMessage", body: #"{"channel":"alerts","text":"parent"}"#)
            _ = try await Self.send(
                server, "/api/chat.postMessage", body: #"{"channel":"alerts","text":"r1","thread_ts":"1700000000.000100"}"#)
            let second = try await Self.send(
                server, "/api/chat.postMessage", body: #"{"channel":"alerts","text":"r2","thread_ts":"1700000000.000200"}"#)
            #expect(second.json?["message"]?["thread_ts"] == "1700000000.000100")
            #expect(server.messages.count == 1)
            #expect(server.messages.first?.replies.map(\.text) == ["r1", "r2"])
        }
    }

    @Test func injectedAnswersCountDownThenNormalService() async throws {
        try await Self.withServer { server in
            server.failNext(2, status: 503)
            server.rateLimitNext(retryAfter: 4)
            let body = #"{"channel":"alerts","text":"x"}"#
            let first = try await Self.send(server, "/api/chat.postMessage", body: body)
            let second = try await Self.send(server, "/api/chat.postMessage", body: body)
            let third = try await Self.send(server, "/api/chat.postMessage", body: body)
            let fourth = try await Self.send(server, "/api/chat.postMessage", body: body)
            #expect([first.status, second.status, third.status, fourth.status] == [503, 503, 429, 200] as [Int])
            #expect(third.retryAfter == "4")
            #expect(third.json == ["ok": false, "error": "ratelimited"])
            #expect(server.requests.count == 4)
            #expect(server.messages.count == 1)
        }
    }

    @Test func webhookAnswersPlainText() async throws {
        try await Self.withServer { server in
            let ok = try await Self.send(server, "/services/" + FakeSlackServer.defaultWebhookPath, body: #"{"text":"x"}"#, token: nil)
            #expect((ok.status, ok.text) == (200, "ok"))
            let missing = try await Self.send(server, "/services/T/B/nope", body: #"{"text":"x"}"#, token: nil)
            #expect((missing.status, missing.text) == (404, "no_service"))
            let invalid = try await Self.send(server, "/services/" + FakeSlackServer.defaultWebhookPath, body: "{", token: nil)
            #expect((invalid.status, invalid.text) == (400, "invalid_payload"))
            let empty = try await Self.send(server, "/services/" + FakeSlackServer.defaultWebhookPath, body: "{}", token: nil)
            #expect((empty.status, empty.text) == (400, "missing_text_or_fallback_or_attachments"))
        }
    }

    @Test func unknownMethodAndPath() async throws {
        try await Self.withServer { server in
            let unknown = try await Self.send(server, "/api/chat.delete", body: #"{"channel":"C0000ALERTS","ts":"1"}"#)
            #expect(unknown.json == ["ok": false, "error": "unknown_method"])
            let elsewhere = try await Self.send(server, "/nothing", body: nil)
            #expect(elsewhere.status == 404)
        }
    }
}
