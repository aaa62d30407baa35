import KubeCore

/// Why a reflector's last list or watch request failed, kept until a request succeeds: what a component that
/// depends on the watch (a Monitor's status, a readiness check) reports instead of waiting forever.
public struct WatchFailure: Sendable, Hashable, CustomStringConvertible {
    /// The request that failed: `list` or `watch`.
    public var verb: String
    /// The resource, e.g. `nodes` or `events.k8s.io/events`.
    public var resource: String
    /// The namespace of the request; nil for the whole cluster.
    public var namespace: String?
    /// The HTTP status code of an API error; nil for a transport error.
    public var statusCode: Int?
    /// The API's `Status.reason`, e.g. `Forbidden`.
    public var reason: String?
    /// What the server (or the transport) said.
    public var message: String

    /// Creates a failure.
    public init(
        verb: String, resource: String, namespace: String?, statusCode: Int?, reason: String?, message: String
    ) {
        self.verb = verb
        self.resource = resource
        self.namespace = namespace
        self.statusCode = statusCode
        self.reason = reason
        self.message = message
    }

    /// The failure of `verb` on the resource of `configuration` with `error`.
    init(_ error: any Error, verb: String, configuration: ReflectorConfiguration) {
        let apiError = error as? KubeAPIError
        self.init(
            verb: verb, resource: configuration.resourceName, namespace: configuration.namespace,
            statusCode: apiError?.statusCode, reason: apiError?.reason,
            message: apiError?.message ?? String(describing: error))
    }

    /// Whether the server refused the request for lack of permission (`403`): retrying will not help until
    /// someone changes the RBAC rules.
    public var isForbidden: Bool { statusCode == 403 }

    /// Whether the credentials were refused (`401`).
    public var isUnauthorized: Bool { statusCode == 401 }

    /// Whether two failures are the same problem (the message may differ in details such as a resourceVersion).
    func isSameProblem(as other: WatchFailure) -> Bool {
        verb == other.verb && statusCode == other.statusCode && reason == other.reason
            && (statusCode != nil || message == other.message)
    }

    /// `list nodes: 403 Forbidden: nodes is forbidden: …`.
    public var description: String {
        let scope = namespace.map { " in namespace \($0)" } ?? ""
        let code = statusCode.map { " \($0)\(reason.map { " \($0)" } ?? "")" } ?? ""
        return "\(verb) \(resource)\(scope):\(code) \(message)"
    }
}
