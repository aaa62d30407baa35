import AsyncHTTPClient
import Foundation
import NIOCore
import Testing
import TocsinNotifiers
import TocsinTesting

@Suite struct OpsgenieFakeServerTests {
    /// An alert over one limit, and the field Opsgenie names in its `errors` map.
    struct LimitCase: Sendable, CustomTestStringConvertible {
        var alert: OpsgenieAlert
        var field: String
        var testDescription: String { "\(field) over its limit" }

        init(_ alert: OpsgenieAlert, _ field: String) {
            self.alert = alert
            self.field = field
        }
    }

    static let overLimit: [LimitCase] = [
        LimitCase(OpsgenieAlert(message: ""), "message"),
        LimitCase(OpsgenieAlert(message: String(repeating: "m", count: 131)), "message"),
        LimitCase(OpsgenieAlert(message: String(repeating: "𝄞", count: 66)), "message"),
        LimitCase(OpsgenieAlert(message: "x", alias: String(repeating: "a", count: 513)), "alias"),
        LimitCase(OpsgenieAlert(message: "x", description: String(repeating: "d", count: 15_001)), "description"),
        LimitCase(OpsgenieAlert(message: "x", tags: (1...21).map { "t\($0)" }), "tags"),
        LimitCase(OpsgenieAlert(message: "x", tags: [String(repeating: "t", count: 51)]), "tags"),
        LimitCase(OpsgenieAlert(message: "x", details: ["k": String(repeating: "v", count: 8_000)]), "details"),
        LimitCase(OpsgenieAlert(message: "x", priority: "P6"), "priority"),
        LimitCase(OpsgenieAlert(message: "x", entity: String(repeating: "e", count: 513)), "entity"),
        LimitCase(OpsgenieAlert(message: "x", source: String(repeating: "s", count: 101)), "source"),
        LimitCase(OpsgenieAlert(message: "x", actions: (1...11).map { "a\($0)" }), "actions"),
        LimitCase(OpsgenieAlert(message: "x", responders: [.init(type: .team)]), "responders"),
    ]

    @Test(arguments: overLimit)
    func refusesAnAlertOverALimit(limit: LimitCase) async throws {
        let (alert, field) = (limit.alert, limit.field)
        try await withFakeOpsgenie { server, client, _ in
            var caught: DeliveryError?
            do throws(DeliveryError) {
                _ = try await client.createAlert(
                    alert, baseURL: server.baseURL.absoluteString, apiKey: opsgenieTestAPIKey)
            } catch {
                caught = error
            }
            let error = try #require(caught)
            #expect(error.httpStatus == 422)
            #expect(error.code == .rejected)
            let answer = try #require(server.requests.last)
            #expect(answer.path == "/v2/alerts")
            #expect(error.message.contains("(\(field): "))
            #expect(server.alerts.isEmpty)
        }
    }

    @Test func acceptsAnAlertAtEveryLimit() async throws {
        try await withFakeOpsgenie { server, client, _ in
            let alert = OpsgenieAlert(
                message: String(repeating: "𝄞", count: 65), alias: String(repeating: "a", count: 512),
                description: String(repeating: "d", count: 15_000), actions: (1...10).map { "a\($0)" },
                tags: (1...20).map { "t\($0)" + String(repeating: "-", count: 45) },
                details: ["k": String(repeating: "v", count: 7_999)], entity: String(repeating: "e", count: 512),
                source: String(repeating: "s", count: 100), priority: "P5", user: String(repeating: "u", count: 100))
            _ = try await client.createAlert(alert, baseURL: server.baseURL.absoluteString, apiKey: opsgenieTestAPIKey)
            let stored = try #require(server.alerts.first)
            #expect(stored.message == alert.message)
            #expect(stored.priority == "P5")
            #expect(stored.tags.count == 20)
        }
    }

    @Test func keepsABaseURLPathPrefixAndAnswers404ForAnUnknownPath() async throws {
        try await withFakeOpsgenie { server, client, _ in
            var caught: DeliveryError?
            do throws(DeliveryError) {
                _ = try await client.createAlert(
                    OpsgenieAlert(message: "x"), baseURL: server.baseURL.absoluteString + "/jsm/ops/integration/",
                    apiKey: opsgenieTestAPIKey)
            } catch {
                caught = error
            }
            let error = try #require(caught)
            #expect(server.requests.last?.path == "/jsm/ops/integration/v2/alerts")
            #expect(error.code == .notFound)
            #expect(
                error.message
                    == "Opsgenie create alert failed: HTTP 404 No handler found for POST /jsm/ops/integration/v2/alerts: "
                    + "check the base URL (POST /v2/alerts)")
        }
    }

    /// A raw request (the key in `Authorization` is the test key unless `authorization` says otherwise), and the
    /// status and `message` the fake answers. Described without its headers, so no key reaches the test output.
    struct RawCase: Sendable, CustomTestStringConvertible {
        var path: String
        var authorization: String?
        var contentType: String
        var body: String
        var status: Int
        var message: String
        var testDescription: String { "POST \(path) → \(status) \(message)" }
    }

    static let genieKey = "GenieKey \(opsgenieTestAPIKey)"
    static let rawRequests: [RawCase] = [
        RawCase(
            path: "/v2/alerts", authorization: nil, contentType: "application/json", body: #"{"message":"x"}"#,
            status: 401, message: "Could not authenticate"),
        RawCase(
            path: "/v2/alerts", authorization: "Bearer \(opsgenieTestAPIKey)", contentType: "application/json",
            body: #"{"message":"x"}"#, status: 401, message: "Could not authenticate"),
        RawCase(
            path: "/v2/alerts", authorization: genieKey, contentType: "text/plain", body: #"{"message":"x"}"#,
            status: 415, message: "Unsupported Media Type"),
        RawCase(
            path: "/v2/alerts", authorization: genieKey, contentType: "application/json", body: "{message",
            status: 400, message: "Invalid JSON body"),
        RawCase(
            path: "/v2/alerts/fp/acknowledge?identifierType=name", authorization: genieKey,
            contentType: "application/json", body: "{}", status: 422, message: "Invalid identifierType [name]"),
        RawCase(
            path: "/v2/alerts/fp/notes?identifierType=alias", authorization: genieKey, contentType: "application/json",
            body: "{}", status: 422, message: "Request body is not processable. Please check the errors."),
        RawCase(
            path: "/v2/alerts/fp/escalate?identifierType=alias", authorization: genieKey,
            contentType: "application/json", body: "{}", status: 422,
            message: "Request body is not processable. Please check the errors."),
        RawCase(
            path: "/v2/heartbeats", authorization: genieKey, contentType: "application/json", body: "{}", status: 404,
            message: "No handler found for POST /v2/heartbeats"),
    ]

    @Test(arguments: rawRequests)
    func answersLikeOpsgenie(raw: RawCase) async throws {
        try await withFakeOpsgenie { server, _, _ in
            var request = HTTPClientRequest(url: server.baseURL.absoluteString + raw.path)
            request.method = .POST
            if let authorization = raw.authorization {
                request.headers.add(name: "Authorization", value: authorization)
            }
            request.headers.add(name: "Content-Type", value: raw.contentType)
            request.body = .bytes(ByteBuffer(string: raw.body))
            let response = try await HTTPClient.shared.execute(request, timeout: .seconds(5))
            let bytes = try await response.body.collect(upTo: 1 << 20)
            let answer = try FakeJSON(jsonData: Data(bytes.readableBytesView))
            #expect(Int(response.status.code) == raw.status)
            #expect(answer["message"] == .string(raw.message))
            #expect(answer["requestId"]?.stringValue == response.headers.first(name: "X-Request-Id"))
            #expect(answer["took"] != nil)
            #expect(server.alerts.isEmpty)
            #expect(server.requests.count == 1)
        }
    }

    @Test func refusesTheOldKeyAfterARotation() async throws {
        try await withFakeOpsgenie { server, client, _ in
            server.apiKey = "rotated-key"
            await #expect(throws: DeliveryError.self) {
                try await client.createAlert(
                    OpsgenieAlert(message: "x"), baseURL: server.baseURL.absoluteString, apiKey: opsgenieTestAPIKey)
            }
            _ = try await client.createAlert(
                OpsgenieAlert(message: "x"), baseURL: server.baseURL.absoluteString, apiKey: "rotated-key")
            #expect(server.alerts.count == 1)
        }
    }
}
