extension FakeSlackServer {
    /// An answer forced on the next requests, instead of what the fake would answer.
    public enum InjectedAnswer: Sendable, Hashable {
        /// HTTP 429 with `Retry-After: <seconds>`; Web API: `{"ok":false,"error":"ratelimited"}`, webhooks:
        /// `rate_limited`.
        case rateLimited(retryAfter: Int)
        /// This HTTP status (e.g. 500, 503) with a plain-text body.
        case httpStatus(Int)
        /// Web API: HTTP 200 `{"ok":false,"error":<error>}`; webhooks: the error as plain text with its usual status
        /// (400 when unknown).
        case slackError(String)
        /// Exactly this answer.
        case raw(status: Int, contentType: String, body: String)
    }

    /// Answers the next `count` requests whose path starts with `pathPrefix` (any path when `nil`) with `answer`.
    /// The requests are still recorded; nothing else happens to them.
    public func answerNext(_ count: Int = 1, with answer: InjectedAnswer, pathPrefix: String? = nil) {
        guard count > 0 else { return }
        store.withState { $0.injected.append(FakeSlackState.Injection(answer: answer, pathPrefix: pathPrefix, remaining: count)) }
    }

    /// Answers the next `count` requests with HTTP 429 and `Retry-After: retryAfter`.
    public func rateLimitNext(_ count: Int = 1, retryAfter: Int, pathPrefix: String? = nil) {
        answerNext(count, with: .rateLimited(retryAfter: retryAfter), pathPrefix: pathPrefix)
    }

    /// Answers the next `count` requests with HTTP `status` (500 by default).
    public func failNext(_ count: Int = 1, status: Int = 500, pathPrefix: String? = nil) {
        answerNext(count, with: .httpStatus(status), pathPrefix: pathPrefix)
    }

    /// Answers the next `count` requests with Slack's error `error` (`ok:false` for the Web API).
    public func failNext(_ count: Int = 1, error: String, pathPrefix: String? = nil) {
        answerNext(count, with: .slackError(error), pathPrefix: pathPrefix)
    }
}
