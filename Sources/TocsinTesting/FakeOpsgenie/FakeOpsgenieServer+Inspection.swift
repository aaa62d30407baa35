import Foundation

extension FakeOpsgenieServer {
    /// Every request received so far, oldest first (whatever its answer).
    public var requests: [RecordedRequest] { store.withState { $0.requests } }

    /// The requests with this method and path (the raw, percent-encoded path).
    public func requests(method: String, path: String) -> [RecordedRequest] {
        requests.filter { $0.method == method.uppercased() && $0.path == path }
    }

    /// Every alert, in creation order.
    public var alerts: [Alert] { store.withState { $0.alerts } }

    /// The alert an action by `alias` reaches: the open one with that alias, else the newest closed one.
    public func alert(alias: String) -> Alert? {
        store.withState { state in state.index(identifier: alias, type: "alias").map { state.alerts[$0] } }
    }

    /// Every alert that ever had `alias`, oldest first.
    public func alerts(alias: String) -> [Alert] {
        alerts.filter { $0.alias == alias }
    }

    /// How many status queries of each request are answered `404 RequestNotProcessed` before its outcome.
    /// Default: 1. Applies to requests accepted after it is set.
    public var notProcessedPolls: Int {
        get { store.withState { $0.notProcessedPolls } }
        set { store.withState { $0.notProcessedPolls = max(0, newValue) } }
    }

    /// The API key accepted in `Authorization: GenieKey <key>`; changing it refuses the old one (key rotation).
    public var apiKey: String {
        get { store.withState { $0.apiKey } }
        set { store.withState { $0.apiKey = newValue } }
    }

    /// Makes the next `count` authenticated requests (whose path starts with `pathPrefix`, when given) fail with
    /// `status` and Opsgenie's error body. A 429 also carries `X-RateLimit-State: THROTTLED`; `retryAfter` adds
    /// `Retry-After` (seconds), `rateLimitPeriod` adds `X-RateLimit-Period-In-Sec`.
    public func injectFailure(
        status: Int, count: Int = 1, retryAfter: Int? = nil, rateLimitPeriod: Int? = nil, message: String? = nil,
        pathPrefix: String? = nil
    ) {
        let failure = FakeOpsgenieFailure(
            status: status, remaining: max(0, count), retryAfter: retryAfter, rateLimitPeriod: rateLimitPeriod,
            message: message ?? FakeOpsgenieFailure.defaultMessage(status), pathPrefix: pathPrefix)
        store.withState { $0.failures.append(failure) }
    }

    /// Makes the next `count` requests answer `429 Too Many Requests` with `Retry-After: <retryAfter>`.
    public func rateLimitNextRequests(_ count: Int = 1, retryAfter: Int? = 1) {
        injectFailure(status: 429, count: count, retryAfter: retryAfter)
    }

    /// Makes the next `count` requests answer `status` (500 or 503 for an outage).
    public func failNextRequests(_ count: Int = 1, status: Int = 500) {
        injectFailure(status: status, count: count)
    }
}
