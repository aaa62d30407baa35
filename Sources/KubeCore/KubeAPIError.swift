import Foundation

/// An error response of the Kubernetes API: the HTTP status, the decoded `Status` when the body is one, and
/// the request it answered.
public struct KubeAPIError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The HTTP status code.
    public var statusCode: Int
    /// The decoded `Status` body, when the body was one.
    public var status: Status?
    /// The first 512 bytes of a body that was not a `Status`, as text.
    public var bodyExcerpt: String?
    /// How long to wait before retrying: the `Retry-After` header, else `details.retryAfterSeconds`.
    public var retryAfter: Duration?
    /// The request's HTTP method, e.g. `GET`.
    public var method: String
    /// The request's path.
    public var path: String

    /// The largest body prefix kept when the body is not a `Status`.
    public static let maximumExcerptLength = 512

    /// Creates an error from its parts.
    public init(
        statusCode: Int, status: Status?, bodyExcerpt: String? = nil, retryAfter: Duration? = nil,
        method: String, path: String
    ) {
        self.statusCode = statusCode
        self.status = status
        self.bodyExcerpt = bodyExcerpt
        self.retryAfter = retryAfter
        self.method = method
        self.path = path
    }

    /// Creates an error from a response: decodes `body` as a `Status` when it is one, else keeps its first 512
    /// bytes as text; `retryAfterHeader` is the `Retry-After` header (whole seconds).
    public init(statusCode: Int, body: Data?, method: String, path: String, retryAfterHeader: String?) {
        var status: Status?
        var excerpt: String?
        if let body, !body.isEmpty {
            if let decoded = try? KubeJSON.makeDecoder().decode(Status.self, from: body),
                decoded.kind == "Status" || decoded.status != nil
            {
                status = decoded
            } else {
                excerpt = String(decoding: body.prefix(Self.maximumExcerptLength), as: UTF8.self)
                    .trimmingCharacters(in: .whitespacesAndNewlines)
            }
        }
        var retryAfter: Duration?
        if let header = retryAfterHeader?.trimmingCharacters(in: .whitespaces), let seconds = Int64(header),
            seconds >= 0
        {
            retryAfter = .seconds(seconds)
        } else if let seconds = status?.details?.retryAfterSeconds, seconds >= 0 {
            retryAfter = .seconds(Int64(seconds))
        }
        self.init(
            statusCode: statusCode, status: status, bodyExcerpt: excerpt, retryAfter: retryAfter,
            method: method, path: path
        )
    }

    /// The `Status` reason, e.g. `NotFound`.
    public var reason: String? {
        status?.reason
    }

    /// The `Status` message, else the body excerpt.
    public var message: String? {
        status?.message ?? bodyExcerpt
    }

    /// 404, or reason `NotFound`.
    public var isNotFound: Bool {
        statusCode == 404 || reason == "NotFound"
    }

    /// Reason `AlreadyExists` (a create of an existing name, HTTP 409).
    public var isAlreadyExists: Bool {
        reason == "AlreadyExists"
    }

    /// A write on a stale resourceVersion: 409 with reason `Conflict` or no reason, or reason `Conflict`.
    public var isConflict: Bool {
        reason == "Conflict" || (statusCode == 409 && (reason == nil || reason == ""))
    }

    /// The requested resourceVersion is too old (410, or reason `Expired` or `Gone`): relist.
    public var isGone: Bool {
        statusCode == 410 || reason == "Expired" || reason == "Gone"
    }

    /// 403, or reason `Forbidden`.
    public var isForbidden: Bool {
        statusCode == 403 || reason == "Forbidden"
    }

    /// 401, or reason `Unauthorized`.
    public var isUnauthorized: Bool {
        statusCode == 401 || reason == "Unauthorized"
    }

    /// 422, or reason `Invalid`.
    public var isInvalid: Bool {
        statusCode == 422 || reason == "Invalid"
    }

    /// 429, or reason `TooManyRequests`.
    public var isTooManyRequests: Bool {
        statusCode == 429 || reason == "TooManyRequests"
    }

    /// Any 5xx.
    public var isServerError: Bool {
        (500...599).contains(statusCode)
    }

    /// 504, or reason `Timeout`.
    public var isTimeout: Bool {
        statusCode == 504 || reason == "Timeout"
    }

    /// `GET /api/v1/namespaces/x/pods/y: 404 NotFound: pods "y" not found`.
    public var description: String {
        var text = "\(method) \(path): \(statusCode)"
        if let reason, !reason.isEmpty { text += " \(reason)" }
        if let message, !message.isEmpty { text += ": \(message)" }
        return text
    }
}
