import Foundation

/// An API failure as kube-apiserver reports it: an HTTP code and a `Status` body.
///
/// Thrown by the direct store methods of ``FakeAPIServer`` and written as the response body over HTTP.
public struct FakeAPIError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The HTTP status code, also `Status.code`.
    public var code: Int
    /// `Status.reason`, e.g. `NotFound`, `Conflict`, `Expired`.
    public var reason: String
    /// `Status.message`.
    public var message: String
    /// `Status.details` when present.
    public var details: FakeJSON?
    /// `Status.metadata` (a continue token for an expired list).
    public var metadata: FakeJSON = .object([:])
    /// The `Retry-After` header value in seconds, when any.
    public var retryAfterSeconds: Int?

    /// Creates an error from its parts.
    public init(code: Int, reason: String, message: String, details: FakeJSON? = nil, retryAfterSeconds: Int? = nil) {
        self.code = code
        self.reason = reason
        self.message = message
        self.details = details
        self.retryAfterSeconds = retryAfterSeconds
    }

    /// The `Status` object in the exact shape the real server writes.
    public var status: FakeJSON {
        var status: FakeJSON = [
            "kind": "Status", "apiVersion": "v1", "metadata": metadata, "status": "Failure",
            "message": .string(message), "reason": .string(reason), "code": .integer(Int64(code)),
        ]
        if let details { status["details"] = details }
        return status
    }

    /// The code, reason and message.
    public var description: String { "\(code) \(reason): \(message)" }
}

extension FakeAPIError {
    static func details(_ resource: FakeAPIServer.Resource, name: String, kind: String? = nil) -> FakeJSON {
        var details: FakeJSON = ["name": .string(name), "kind": .string(kind ?? resource.plural)]
        if !resource.group.isEmpty { details["group"] = .string(resource.group) }
        return details
    }

    static func notFound(_ resource: FakeAPIServer.Resource, name: String) -> FakeAPIError {
        FakeAPIError(
            code: 404, reason: "NotFound", message: "\(resource.qualifiedPlural) \"\(name)\" not found",
            details: details(resource, name: name))
    }

    static let resourceNotFound = FakeAPIError(
        code: 404, reason: "NotFound", message: "the server could not find the requested resource", details: [:])

    static func alreadyExists(_ resource: FakeAPIServer.Resource, name: String) -> FakeAPIError {
        FakeAPIError(
            code: 409, reason: "AlreadyExists", message: "\(resource.qualifiedPlural) \"\(name)\" already exists",
            details: details(resource, name: name))
    }

    static func conflict(_ resource: FakeAPIServer.Resource, name: String, because cause: String) -> FakeAPIError {
        FakeAPIError(
            code: 409, reason: "Conflict",
            message: "Operation cannot be fulfilled on \(resource.qualifiedPlural) \"\(name)\": \(cause)",
            details: details(resource, name: name))
    }

    static func modified(_ resource: FakeAPIServer.Resource, name: String) -> FakeAPIError {
        conflict(
            resource, name: name,
            because: "the object has been modified; please apply your changes to the latest version and try again")
    }

    static func badRequest(_ message: String) -> FakeAPIError {
        FakeAPIError(code: 400, reason: "BadRequest", message: message)
    }

    /// A 422 `Invalid` error for one field, named as `Kind.group "name" is invalid: field: message`.
    static func invalid(
        _ resource: FakeAPIServer.Resource?, kind: String, name: String, field: String, causeReason: String,
        message: String
    ) -> FakeAPIError {
        let group = resource?.group ?? ""
        let qualifiedKind = group.isEmpty ? kind : "\(kind).\(group)"
        var details: FakeJSON = [
            "kind": .string(kind),
            "causes": [["reason": .string(causeReason), "message": .string(message), "field": .string(field)]],
        ]
        if !name.isEmpty { details["name"] = .string(name) }
        if !group.isEmpty { details["group"] = .string(group) }
        return FakeAPIError(
            code: 422, reason: "Invalid", message: "\(qualifiedKind) \"\(name)\" is invalid: \(field): \(message)",
            details: details)
    }

    static func expired(_ message: String) -> FakeAPIError {
        FakeAPIError(code: 410, reason: "Expired", message: message)
    }

    static func tooLargeResourceVersion(requested: Int64, current: Int64) -> FakeAPIError {
        FakeAPIError(
            code: 504, reason: "Timeout",
            message: "Too large resource version: \(requested), current: \(current)",
            details: [
                "causes": [["reason": "ResourceVersionTooLarge", "message": "Too large resource version"]],
                "retryAfterSeconds": 1,
            ])
    }

    static let unauthorized = FakeAPIError(code: 401, reason: "Unauthorized", message: "Unauthorized")
}
