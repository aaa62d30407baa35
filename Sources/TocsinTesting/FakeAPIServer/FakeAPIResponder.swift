import Foundation
import Hummingbird
import NIOCore

/// Answers every request of the fake server: records it, authenticates it, applies injected failures,
/// then dispatches to the verb.
struct FakeAPIResponder: HTTPResponder {
    typealias Context = BasicRequestContext

    let store: ClusterStore
    /// With client-certificate TLS the handshake already authenticated the client.
    let isClientCertificateAuthentication: Bool
    static let maximumBodySize = 64 * 1024 * 1024

    func respond(to request: Request, context: Context) async throws -> Response {
        var request = request
        let body = Data(buffer: try await request.collectBody(upTo: Self.maximumBodySize))
        let method = request.method.rawValue
        let path = request.uri.path
        let query = Self.parseQuery(request.uri.query)
        var headers: [String: String] = [:]
        for field in request.headers { headers[field.name.canonicalName] = field.value }
        let recorded = FakeAPIServer.RecordedRequest(
            method: method, path: path, query: query, headers: headers, body: body)
        let credentials = FakeAPIServer.Credentials(authorizationHeader: headers["authorization"])
        let refusal: FakeAPIError? = store.withState { state in
            state.log.record(recorded)
            if !isClientCertificateAuthentication, !state.log.isAuthenticated(credentials) {
                return FakeAPIError.unauthorized
            }
            return state.log.takeFailure(method: method, path: path)
        }
        if let refusal { return Self.response(refusal) }
        do {
            if let review = try reviewResponse(method: method, path: path, body: body) { return review }
            return try handle(method: method, path: path, query: query, headers: headers, body: body)
        } catch let error as FakeAPIError {
            return Self.response(error)
        }
    }

    private func handle(
        method: String, path: String, query: [String: String], headers: [String: String], body: Data
    ) throws -> Response {
        let target = try store.withState { try $0.target(ofPath: path) }
        switch target {
        case .discovery(let segments):
            guard method == "GET" else { throw Self.methodNotAllowed(method) }
            return Self.response(200, try store.withState { try $0.discovery(segments) })
        case .resource(let resource, let namespace, let name, let subresource):
            guard let name else {
                return try handleCollection(method: method, resource, namespace: namespace, query: query, body: body)
            }
            return try handleObject(
                method: method, resource, namespace: namespace, name: name, subresource: subresource, query: query,
                contentType: headers["content-type"], body: body)
        }
    }

    private func handleCollection(
        method: String, _ resource: FakeAPIServer.Resource, namespace: String?, query: [String: String], body: Data
    ) throws -> Response {
        switch method {
        case "GET":
            let options = try ListOptions(query: query)
            if query["watch"] == "true" || query["watch"] == "1" {
                return try watch(resource, namespace: namespace, options: options)
            }
            return Self.response(200, try store.withState { try $0.list(resource, namespace: namespace, options: options) })
        case "POST":
            if resource.isNamespaced, namespace == nil { throw Self.methodNotAllowed(method) }
            let object = try Self.decode(body)
            return Self.response(201, try store.withState { try $0.create(resource, namespace: namespace, body: object) })
        default:
            throw Self.methodNotAllowed(method)
        }
    }

    private func handleObject(
        method: String, _ resource: FakeAPIServer.Resource, namespace: String?, name: String,
        subresource: Subresource?, query: [String: String], contentType: String?, body: Data
    ) throws -> Response {
        switch method {
        case "GET":
            guard let object = store.withState({ $0.stored(resource, namespace: namespace, name: name) }) else {
                throw FakeAPIError.notFound(resource, name: name)
            }
            return Self.response(200, object)
        case "PUT":
            let object = try Self.decode(body)
            return Self.response(
                200,
                try store.withState {
                    try $0.update(resource, namespace: namespace, name: name, body: object, subresource: subresource)
                })
        case "PATCH":
            let kind = try PatchKind(contentType: contentType)
            let force = query["force"] == "true" || query["force"] == "1"
            let result = try store.withState {
                try $0.patch(
                    resource, namespace: namespace, name: name, kind: kind, body: body, subresource: subresource,
                    fieldManager: query["fieldManager"], force: force)
            }
            return Self.response(result.isCreated ? 201 : 200, result.object)
        case "DELETE" where subresource == nil:
            let options: FakeJSON? = body.isEmpty ? nil : try Self.decode(body)
            var merged = options ?? [:]
            if let policy = query["propagationPolicy"] { merged["propagationPolicy"] = .string(policy) }
            return Self.response(
                200, try store.withState { try $0.delete(resource, namespace: namespace, name: name, options: merged) })
        default:
            throw Self.methodNotAllowed(method)
        }
    }

    static func methodNotAllowed(_ method: String) -> FakeAPIError {
        FakeAPIError(
            code: 405, reason: "MethodNotAllowed",
            message: "the server does not allow this method on the requested resource", details: [:])
    }

    static func decode(_ body: Data) throws -> FakeJSON {
        do {
            return try FakeJSON(jsonData: body)
        } catch {
            throw FakeAPIError.badRequest(
                "the body of the request could not be decoded as JSON (\(body.count) bytes)")
        }
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

    static func response(_ code: Int, _ body: FakeJSON) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        return Response(
            status: HTTPResponse.Status(code: code), headers: headers,
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: body.jsonData)))
    }

    static func response(_ error: FakeAPIError) -> Response {
        var response = response(error.code, error.status)
        if let retryAfter = error.retryAfterSeconds { response.headers[.retryAfter] = String(retryAfter) }
        return response
    }
}
