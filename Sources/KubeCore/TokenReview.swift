/// An `authentication.k8s.io/v1` TokenReview: asks the API server who a bearer token belongs to.
///
/// Create one with the token in ``spec``; the answer comes back in ``status`` (nothing is stored). The token never
/// appears in ``description`` or in debug output.
public struct TokenReview: KubeResource, SpecStatusResource, Hashable, CustomStringConvertible, CustomDebugStringConvertible {
    /// `authentication.k8s.io/v1` tokenreviews.
    public static var resourceType: ResourceType { .tokenReviews }

    /// `authentication.k8s.io/v1` when set.
    public var apiVersion: String?
    /// `TokenReview` when set.
    public var kind: String?
    /// The review's metadata (usually empty).
    public var metadata: ObjectMeta
    /// The token to check.
    public var spec: TokenReviewSpec
    /// The API server's answer.
    public var status: TokenReviewStatus?

    /// Creates a review.
    public init(
        apiVersion: String? = nil, kind: String? = nil, metadata: ObjectMeta = ObjectMeta(), spec: TokenReviewSpec,
        status: TokenReviewStatus? = nil
    ) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }

    /// A review of `token`, for `audiences` when given (else the API server's own audiences).
    public init(token: String, audiences: [String]? = nil) {
        self.init(spec: TokenReviewSpec(token: token, audiences: audiences))
    }

    /// `TokenReview(authenticated: …, user: …)`, never the token.
    public var description: String {
        "TokenReview(authenticated: \(status?.authenticated.map(String.init) ?? "unknown"), "
            + "user: \(status?.user?.username ?? "none"))"
    }

    /// ``description``.
    public var debugDescription: String { description }
}

/// What a ``TokenReview`` checks.
public struct TokenReviewSpec: Codable, Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible {
    /// The opaque bearer token.
    public var token: String?
    /// The audiences the token must be valid for; `nil` means the API server's.
    public var audiences: [String]?

    /// Creates a spec.
    public init(token: String? = nil, audiences: [String]? = nil) {
        self.token = token
        self.audiences = audiences
    }

    /// `TokenReviewSpec(token: <redacted>, audiences: …)`.
    public var description: String {
        "TokenReviewSpec(token: \(token == nil ? "nil" : "<redacted>"), audiences: \(audiences ?? []))"
    }

    /// ``description``.
    public var debugDescription: String { description }
}

/// The answer of a ``TokenReview``.
public struct TokenReviewStatus: Codable, Sendable, Hashable {
    /// Whether the token is valid (and for one of the audiences).
    public var authenticated: Bool?
    /// Who the token belongs to.
    public var user: UserInfo?
    /// The audiences the token is valid for, out of those asked.
    public var audiences: [String]?
    /// Why the token could not be checked, when it could not.
    public var error: String?

    /// Creates a status.
    public init(authenticated: Bool? = nil, user: UserInfo? = nil, audiences: [String]? = nil, error: String? = nil) {
        self.authenticated = authenticated
        self.user = user
        self.audiences = audiences
        self.error = error
    }
}

/// A user as the API server's authenticators describe it.
public struct UserInfo: Codable, Sendable, Hashable {
    /// The user name, e.g. `alice@example.com` or `system:serviceaccount:ops:deployer`.
    public var username: String?
    /// A unique, stable identifier of the user.
    public var uid: String?
    /// The groups the user belongs to, e.g. `system:authenticated`.
    public var groups: [String]?
    /// Further attributes from the authenticator.
    public var extra: [String: [String]]?

    /// Creates a user.
    public init(username: String? = nil, uid: String? = nil, groups: [String]? = nil, extra: [String: [String]]? = nil) {
        self.username = username
        self.uid = uid
        self.groups = groups
        self.extra = extra
    }
}

extension ResourceType {
    /// `authentication.k8s.io/v1` tokenreviews (cluster-scoped, create only).
    public static let tokenReviews = ResourceType(
        group: "authentication.k8s.io", version: "v1", plural: "tokenreviews", kind: "TokenReview", isNamespaced: false
    )
}
