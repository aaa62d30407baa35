import Foundation
import KubeClient
import KubeCore
import Logging
import Synchronization

/// Authenticates bearer tokens with the Kubernetes API (`TokenReview`), so that the incidents API accepts exactly
/// the tokens the cluster accepts: service-account tokens, OIDC tokens, whatever the API server is configured for.
///
/// Positive answers are cached for ``cacheTTL`` (30 s by default, as kube-rbac-proxy does) in a bounded cache, so
/// a burst of requests costs one review; refusals are not cached. Tokens are kept only in memory and never logged.
public final class KubernetesTokenAuthenticator: Sendable {
    /// How long a positive answer is reused.
    public let cacheTTL: Duration
    /// How many tokens are remembered at most.
    public let cacheCapacity: Int

    private let review: @Sendable (TokenReview) async throws -> TokenReview
    private let audiences: [String]?
    private let now: @Sendable () -> ContinuousClock.Instant
    private let cache = Mutex([String: Entry]())

    private struct Entry {
        var user: UserInfo
        var expiry: ContinuousClock.Instant
    }

    /// Creates an authenticator asking `client`'s API server.
    /// - Parameters:
    ///   - audiences: the audiences tokens must be valid for; `nil` means the API server's own.
    ///   - cacheTTL: how long a positive answer is reused.
    ///   - cacheCapacity: how many tokens are remembered at most.
    public convenience init(
        client: KubernetesClient, audiences: [String]? = nil, cacheTTL: Duration = .seconds(30),
        cacheCapacity: Int = 1_000
    ) {
        self.init(
            review: { try await client.create($0) }, audiences: audiences, cacheTTL: cacheTTL,
            cacheCapacity: cacheCapacity, now: { ContinuousClock.now })
    }

    /// Creates an authenticator with its own review call and clock (tests).
    init(
        review: @escaping @Sendable (TokenReview) async throws -> TokenReview, audiences: [String]?, cacheTTL: Duration,
        cacheCapacity: Int, now: @escaping @Sendable () -> ContinuousClock.Instant
    ) {
        self.review = review
        self.audiences = audiences
        self.cacheTTL = cacheTTL
        self.cacheCapacity = max(1, cacheCapacity)
        self.now = now
    }

    /// The user `token` belongs to.
    /// - Throws: ``IncidentsAPIError`` 401 when the API server does not accept the token, 503 when it cannot be
    ///   asked.
    public func authenticate(token: String) async throws(IncidentsAPIError) -> UserInfo {
        let instant = now()
        if let cached = cache.withLock({ $0[token] }), cached.expiry > instant { return cached.user }
        let answer: TokenReview
        do {
            answer = try await review(TokenReview(token: token, audiences: audiences))
        } catch {
            throw .unavailable(
                "could not check the bearer token with the Kubernetes API (TokenReview failed: \(Self.describe(error))); "
                    + "try again later")
        }
        guard let status = answer.status, status.authenticated == true, let user = status.user,
            let username = user.username, !username.isEmpty
        else {
            throw .unauthorized("the bearer token is not valid for this cluster")
        }
        remember(user, for: token, at: instant)
        return user
    }

    private func remember(_ user: UserInfo, for token: String, at instant: ContinuousClock.Instant) {
        let entry = Entry(user: user, expiry: instant.advanced(by: cacheTTL))
        cache.withLock { cache in
            if cache[token] == nil, cache.count >= cacheCapacity {
                cache = cache.filter { $0.value.expiry > instant }
                if cache.count >= cacheCapacity, let oldest = cache.min(by: { $0.value.expiry < $1.value.expiry }) {
                    cache[oldest.key] = nil
                }
            }
            cache[token] = entry
        }
    }

    /// How many tokens are cached (tests).
    var cachedCount: Int { cache.withLock { $0.count } }

    /// A short description of a failed review that cannot contain the token.
    static func describe(_ error: any Error) -> String {
        if let error = error as? KubeAPIError { return "HTTP \(error.statusCode)" }
        return "\(type(of: error))"
    }
}
