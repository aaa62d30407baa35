import Foundation
import Hummingbird
import NIOCore

/// Answers every request of the fake Slack server: records it, applies injected answers, then routes it.
struct FakeSlackResponder: HTTPResponder {
    typealias Context = BasicRequestContext

    let store: FakeSlackStore
    static let maximumBodySize = 8 * 1024 * 1024

    func respond(to request: Request, context: Context) async throws -> Response {
        let receivedAt = Date()
        var request = request
        let rawBody = Data(buffer: try await request.collectBody(upTo: Self.maximumBodySize))
        let path = request.uri.path
        var headers: [String: String] = [:]
        for field in request.headers { headers[field.name.canonicalName] = field.value }
        let apiMethod = path.hasPrefix("/api/") ? String(path.dropFirst("/api/".count)) : nil
        let recorded = FakeSlackServer.RecordedRequest(
            httpMethod: request.method.rawValue, path: path, apiMethod: apiMethod, headers: headers,
            body: try? FakeJSON(jsonData: rawBody), rawBody: rawBody, receivedAt: receivedAt)
        let injected: FakeSlackServer.InjectedAnswer? = store.withState { state in
            state.record(recorded)
            return state.takeInjection(path: path)
        }
        if let injected {
            return Self.response(injected, isWebhook: path.hasPrefix("/services/"))
        }
        if let apiMethod {
            guard request.method == .post else { return Self.text(405, "method_not_allowed") }
            return store.withState { state in
                FakeSlackWebAPICall(request: recorded, method: apiMethod).answer(in: &state)
            }
        }
        if path.hasPrefix("/services/") {
            guard request.method == .post else { return Self.text(405, "invalid_request") }
            let hookPath = String(path.dropFirst("/services/".count))
            return store.withState { state in
                Self.webhook(path: hookPath, request: recorded, state: &state)
            }
        }
        return Self.text(404, "not found")
    }

    static func json(_ status: Int, _ body: FakeJSON, retryAfter: Int? = nil) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        if let retryAfter { headers[.retryAfter] = String(retryAfter) }
        return Response(
            status: HTTPResponse.Status(code: status), headers: headers,
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: body.jsonData)))
    }

    static func text(_ status: Int, _ text: String, contentType: String = "text/plain; charset=utf-8", retryAfter: Int? = nil)
        -> Response
    {
        var headers = HTTPFields()
        headers[.contentType] = contentType
        if let retryAfter { headers[.retryAfter] = String(retryAfter) }
        return Response(
            status: HTTPResponse.Status(code: status), headers: headers,
            body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    /// A Web API error: HTTP 200 `{"ok":false,"error":…}`, with Slack's details for `invalid_blocks`.
    static func apiError(_ error: String, details: [String] = []) -> Response {
        var body: FakeJSON = ["ok": false, "error": .string(error)]
        if !details.isEmpty {
            body["errors"] = .array(details.map { .string($0) })
            body["response_metadata"] = ["messages": .array(details.map { .string("[ERROR] \($0)") })]
        }
        return json(200, body)
    }

    static func response(_ answer: FakeSlackServer.InjectedAnswer, isWebhook: Bool) -> Response {
        switch answer {
        case .rateLimited(let seconds):
            if isWebhook { return text(429, "rate_limited", retryAfter: seconds) }
            return json(429, ["ok": false, "error": "ratelimited"], retryAfter: seconds)
        case .httpStatus(let status):
            return text(status, HTTPResponse.Status(code: status).reasonPhrase, contentType: "text/html")
        case .slackError(let error):
            if isWebhook { return text(webhookStatus(for: error), error, contentType: "text/html") }
            return apiError(error)
        case .raw(let status, let contentType, let body):
            return text(status, body, contentType: contentType)
        }
    }

    /// The HTTP status an incoming webhook answers with each error.
    static func webhookStatus(for error: String) -> Int {
        switch error {
        case "action_prohibited", "invalid_token", "posting_to_general_channel_denied": 403
        case "channel_not_found", "no_service", "no_team", "team_disabled", "no_active_hooks": 404
        case "channel_is_archived": 410
        case "rollup_error": 500
        default: 400
        }
    }
}
