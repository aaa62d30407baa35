import Foundation
import Hummingbird
import NIOCore

/// An answer of the fake: status, Opsgenie-style JSON body, extra headers.
struct FakeOpsgenieAnswer: Sendable {
    var status: Int
    var body: FakeJSON
    var headers: [(String, String)] = []
}

/// Answers every request of the fake Opsgenie: records it, authenticates it, applies injected failures, then
/// dispatches on method and path.
struct FakeOpsgenieResponder: HTTPResponder {
    typealias Context = BasicRequestContext

    let store: FakeOpsgenieStore
    static let maximumBodySize = 4 * 1024 * 1024

    func respond(to request: Request, context: Context) async throws -> Response {
        var request = request
        let body = Data(buffer: try await request.collectBody(upTo: Self.maximumBodySize))
        var headers: [String: String] = [:]
        for field in request.headers { headers[field.name.canonicalName] = field.value }
        let recorded = FakeOpsgenieServer.RecordedRequest(
            method: request.method.rawValue, path: request.uri.path, query: Self.parseQuery(request.uri.query),
            headers: headers, body: body)
        let answer = store.withState { state in
            state.record(recorded)
            return Self.answer(recorded, state: &state)
        }
        return Self.response(answer)
    }

    static func answer(_ request: FakeOpsgenieServer.RecordedRequest, state: inout FakeOpsgenieState)
        -> FakeOpsgenieAnswer
    {
        let requestID = state.nextID(kind: 0x7e0e57)
        guard request.headers["authorization"] == "GenieKey \(state.apiKey)" else {
            return error(401, "Could not authenticate", requestID: requestID)
        }
        if let failure = state.takeFailure(path: request.path) {
            var answer = error(failure.status, failure.message, requestID: requestID)
            if failure.status == 429 {
                answer.headers += [("X-RateLimit-State", "THROTTLED"), ("X-RateLimit-Reason", "INTEGRATION")]
            }
            if let period = failure.rateLimitPeriod {
                answer.headers.append(("X-RateLimit-Period-In-Sec", "\(period)"))
            }
            if let retryAfter = failure.retryAfter { answer.headers.append(("Retry-After", "\(retryAfter)")) }
            return answer
        }
        let segments = request.path.split(separator: "/", omittingEmptySubsequences: false).dropFirst().map(String.init)
        switch (request.method, segments.count) {
        case ("POST", 2) where segments == ["v2", "alerts"]:
            return write(request, requestID: requestID) { body in
                let errors = FakeOpsgenieValidation.createErrors(body)
                if errors.isEmpty { state.create(body, requestID: requestID) }
                return errors
            }
        case ("POST", 4) where segments[0] == "v2" && segments[1] == "alerts":
            guard let action = FakeOpsgenieAction(rawValue: segments[3]) else { break }
            let identifier = segments[2].removingPercentEncoding ?? segments[2]
            let type = request.query["identifierType"] ?? "id"
            guard ["id", "alias", "tiny"].contains(type) else {
                return error(422, "Invalid identifierType [\(type)]", requestID: requestID)
            }
            return write(request, requestID: requestID) { body in
                let errors = FakeOpsgenieValidation.actionErrors(action, body)
                if errors.isEmpty {
                    state.apply(action, identifier: identifier, type: type, body: body, requestID: requestID)
                }
                return errors
            }
        case ("GET", 4) where segments[0] == "v2" && segments[1] == "alerts" && segments[2] == "requests":
            switch state.poll(requestID: segments[3]) {
            case .unknown: return error(404, "Request does not exist", requestID: requestID)
            case .notProcessed:
                var answer = error(404, "Request not processed yet", requestID: requestID)
                answer.headers.append(("X-Opsgenie-Errortype", "RequestNotProcessed"))
                return answer
            case .processed(let data):
                return FakeOpsgenieAnswer(
                    status: 200, body: ["data": data, "took": .number(0.004), "requestId": .string(requestID)])
            }
        default:
            break
        }
        return error(404, "No handler found for \(request.method) \(request.path)", requestID: requestID)
    }

    /// Checks the content type and the JSON of a write, lets `apply` validate and apply it, and answers 202, 400,
    /// 415 or 422 with the problems by field.
    private static func write(
        _ request: FakeOpsgenieServer.RecordedRequest, requestID: String,
        apply: (_ body: [String: FakeJSON]) -> [String: String]
    ) -> FakeOpsgenieAnswer {
        guard (request.headers["content-type"] ?? "").lowercased().hasPrefix("application/json") else {
            return error(415, "Unsupported Media Type", requestID: requestID)
        }
        guard let body = (try? FakeJSON(jsonData: request.body))?.objectValue else {
            return error(400, "Invalid JSON body", requestID: requestID)
        }
        let errors = apply(body)
        guard errors.isEmpty else {
            var answer = error(422, "Request body is not processable. Please check the errors.", requestID: requestID)
            answer.body["errors"] = .object(errors.mapValues { .string($0) })
            return answer
        }
        return FakeOpsgenieAnswer(
            status: 202,
            body: ["result": "Request will be processed", "took": .number(0.107), "requestId": .string(requestID)])
    }

    static func error(_ status: Int, _ message: String, requestID: String) -> FakeOpsgenieAnswer {
        FakeOpsgenieAnswer(
            status: status,
            body: ["message": .string(message), "took": .number(0.001), "requestId": .string(requestID)])
    }

    static func response(_ answer: FakeOpsgenieAnswer) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        if let requestID = answer.body["requestId"]?.stringValue, let name = HTTPFields.Element.Name("X-Request-Id") {
            headers[name] = requestID
        }
        for (name, value) in answer.headers {
            if let name = HTTPFields.Element.Name(name) { headers[name] = value }
        }
        return Response(
            status: HTTPResponse.Status(code: answer.status), headers: headers,
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: answer.body.jsonData)))
    }

    /// Splits `a=b&c=d`, decoding `+` and percent escapes.
    static func parseQuery(_ query: String?) -> [String: String] {
        var result: [String: String] = [:]
        for pair in (query ?? "").split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let decode = { (text: Substring) in
                String(text).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(text)
            }
            result[decode(parts[0])] = parts.count > 1 ? decode(parts[1]) : ""
        }
        return result
    }
}
