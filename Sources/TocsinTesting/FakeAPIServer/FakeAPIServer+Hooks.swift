import Foundation

extension FakeAPIServer {
    /// Makes the next `count` requests whose path starts with `pathPrefix` (and whose method is `method`,
    /// when given) fail with a `Status` of that code, reason and message; `retryAfter` adds a `Retry-After`
    /// header and `details.retryAfterSeconds` (as 429 and 503 answers carry).
    public func injectFailure(
        method: String? = nil, pathPrefix: String, status: Int, reason: String, message: String,
        retryAfter: Int? = nil, count: Int = 1
    ) {
        var error = FakeAPIError(code: status, reason: reason, message: message, retryAfterSeconds: retryAfter)
        if let retryAfter { error.details = ["retryAfterSeconds": .integer(Int64(retryAfter))] }
        let failure = InjectedFailure(method: method, pathPrefix: pathPrefix, error: error, remaining: count)
        store.withState { $0.log.failures.append(failure) }
    }

    /// Holds back the events of every watch (they queue, up to 10,000 per watch) until
    /// ``releaseWatchEvents()``: a client then receives them as one burst, as after a network stall.
    public func holdWatchEvents() {
        store.watchGate.close()
    }

    /// Delivers the held watch events and stops holding.
    public func releaseWatchEvents() {
        store.watchGate.open()
    }

    /// Every request received so far, oldest first (at most the last 50,000).
    public var requests: [RecordedRequest] { store.withState { $0.log.requests } }

    /// How many requests matched the method (when given) and the path prefix (when given).
    public func requestCount(method: String? = nil, pathPrefix: String? = nil) -> Int {
        store.withState { state in
            state.log.requests.count { request in
                (method.map { $0.uppercased() == request.method } ?? true)
                    && (pathPrefix.map { request.path.hasPrefix($0) } ?? true)
            }
        }
    }

    /// When set, requests without `Authorization: Bearer <token>` get a 401 `Status`.
    /// Ignored when an ``authenticator`` is set or client certificates are required.
    public var requiredBearerToken: String? {
        get { store.withState { $0.log.requiredBearerToken } }
        set { store.withState { $0.log.requiredBearerToken = newValue } }
    }

    /// Decides which credentials are accepted (others get a 401 `Status`); `nil` falls back to
    /// ``requiredBearerToken``. Ignored when client certificates are required.
    public var authenticator: (@Sendable (Credentials) -> Bool)? {
        get { store.withState { $0.log.authenticator } }
        set { store.withState { $0.log.authenticator = newValue } }
    }
}
