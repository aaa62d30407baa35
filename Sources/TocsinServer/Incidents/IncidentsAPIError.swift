import Foundation
import Hummingbird

/// An error answer of the incidents API: an HTTP status and `{"error": {"code": …, "message": …}}`.
public struct IncidentsAPIError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The HTTP status code, e.g. 404.
    public var status: Int
    /// A stable code: `Unauthorized`, `Forbidden`, `NotFound`, `Conflict`, `BadRequest`, `PayloadTooLarge`, `Expired`,
    /// `ServiceUnavailable`.
    public var code: String
    /// What failed and what to do.
    public var message: String

    /// Creates an error.
    public init(status: Int, code: String, message: String) {
        self.status = status
        self.code = code
        self.message = message
    }

    /// `<code>: <message>`.
    public var description: String { "\(code): \(message)" }

    /// 400.
    static func badRequest(_ message: String) -> IncidentsAPIError {
        IncidentsAPIError(status: 400, code: "BadRequest", message: message)
    }

    /// 401.
    static func unauthorized(_ message: String) -> IncidentsAPIError {
        IncidentsAPIError(status: 401, code: "Unauthorized", message: message)
    }

    /// 403.
    static func forbidden(user: String, verb: String, namespace: String?) -> IncidentsAPIError {
        let scope = namespace.map { "in namespace \"\($0)\"" } ?? "in all namespaces"
        return IncidentsAPIError(
            status: 403, code: "Forbidden",
            message: "user \"\(user)\" cannot \(verb) incidents.tocsin.dev \(scope): ask for an RBAC role that grants it")
    }

    /// 404.
    static func notFound(namespace: String, name: String) -> IncidentsAPIError {
        IncidentsAPIError(status: 404, code: "NotFound", message: "incident \"\(namespace)/\(name)\" not found")
    }

    /// 503: the Kubernetes API could not be asked.
    static func unavailable(_ message: String) -> IncidentsAPIError {
        IncidentsAPIError(status: 503, code: "ServiceUnavailable", message: message)
    }

    /// The JSON response.
    var response: Response {
        var headers: HTTPFields = [.contentType: "application/json"]
        if status == 401 { headers[.wwwAuthenticate] = "Bearer realm=\"tocsin\"" }
        let data = (try? EndpointJSON.encoder.encode(Body(error: .init(code: code, message: message)))) ?? Data()
        return Response(
            status: HTTPResponse.Status(code: status), headers: headers,
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    struct Body: Codable, Equatable {
        struct Detail: Codable, Equatable {
            var code: String
            var message: String
        }

        var error: Detail
    }
}
