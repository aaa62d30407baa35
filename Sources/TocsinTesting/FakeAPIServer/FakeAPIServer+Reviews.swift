import Foundation
import Hummingbird

extension FakeAPIServer {
    /// Who a bearer token belongs to, as the fake's TokenReview answers.
    public struct ReviewedUser: Sendable, Hashable {
        /// The user name, e.g. `alice@example.com`.
        public var username: String
        /// The user's UID.
        public var uid: String?
        /// The user's groups (`system:authenticated` is what real clusters add to every user).
        public var groups: [String]
        /// Further attributes.
        public var extra: [String: [String]]?

        /// Creates a user.
        public init(
            username: String, uid: String? = nil, groups: [String] = ["system:authenticated"],
            extra: [String: [String]]? = nil
        ) {
            self.username = username
            self.uid = uid
            self.groups = groups
            self.extra = extra
        }
    }

    /// One SubjectAccessReview as the fake received it (`spec.resourceAttributes` and the user).
    public struct AccessReviewRequest: Sendable, Hashable {
        /// `spec.user`.
        public var user: String?
        /// `spec.groups`.
        public var groups: [String]
        /// `spec.resourceAttributes.verb`.
        public var verb: String?
        /// `spec.resourceAttributes.group`.
        public var group: String?
        /// `spec.resourceAttributes.resource`.
        public var resource: String?
        /// `spec.resourceAttributes.subresource`.
        public var subresource: String?
        /// `spec.resourceAttributes.namespace`.
        public var namespace: String?
        /// `spec.resourceAttributes.name`.
        public var name: String?

        /// Creates a request.
        public init(
            user: String?, groups: [String] = [], verb: String?, group: String?, resource: String?,
            subresource: String? = nil, namespace: String?, name: String? = nil
        ) {
            self.user = user
            self.groups = groups
            self.verb = verb
            self.group = group
            self.resource = resource
            self.subresource = subresource
            self.namespace = namespace
            self.name = name
        }
    }

    /// Decides who a token passed to `POST /apis/authentication.k8s.io/v1/tokenreviews` belongs to; `nil` answers
    /// `authenticated: false`. Without a reviewer every token is unauthenticated.
    public var tokenReviewer: (@Sendable (_ token: String) -> ReviewedUser?)? {
        get { store.withState { $0.log.reviews.tokenReviewer } }
        set { store.withState { $0.log.reviews.tokenReviewer = newValue } }
    }

    /// Decides `POST /apis/authorization.k8s.io/v1/subjectaccessreviews`: `true` allows. Without a reviewer every
    /// request is denied (no RBAC rule matched).
    public var accessReviewer: (@Sendable (AccessReviewRequest) -> Bool)? {
        get { store.withState { $0.log.reviews.accessReviewer } }
        set { store.withState { $0.log.reviews.accessReviewer = newValue } }
    }

    /// Every SubjectAccessReview received, oldest first.
    public var accessReviews: [AccessReviewRequest] { store.withState { $0.log.reviews.accessReviews } }

    /// How many TokenReviews were received.
    public var tokenReviewCount: Int { store.withState { $0.log.reviews.tokenReviewCount } }
}

/// The review hooks of a fake server and what they saw.
struct ReviewHooks: Sendable {
    var tokenReviewer: (@Sendable (String) -> FakeAPIServer.ReviewedUser?)?
    var accessReviewer: (@Sendable (FakeAPIServer.AccessReviewRequest) -> Bool)?
    var accessReviews: [FakeAPIServer.AccessReviewRequest] = []
    var tokenReviewCount = 0

    static let tokenReviewsPath = "/apis/authentication.k8s.io/v1/tokenreviews"
    static let accessReviewsPath = "/apis/authorization.k8s.io/v1/subjectaccessreviews"
}

extension FakeAPIResponder {
    /// The answer to a TokenReview or SubjectAccessReview create, as the real API server gives it (201 with the
    /// review and its `status`; nothing is stored); `nil` for any other request.
    /// - Throws: `FakeAPIError` 405 for another method, 400 for a body that is not JSON or a TokenReview without a
    ///   token, 422 for a SubjectAccessReview without attributes or subject.
    func reviewResponse(method: String, path: String, body: Data) throws -> Response? {
        let trimmed = path.hasSuffix("/") ? String(path.dropLast()) : path
        guard trimmed == ReviewHooks.tokenReviewsPath || trimmed == ReviewHooks.accessReviewsPath else { return nil }
        guard method == "POST" else { throw Self.methodNotAllowed(method) }
        var review = try Self.decode(body)
        if trimmed == ReviewHooks.tokenReviewsPath {
            review["status"] = try tokenReviewStatus(review)
            review["apiVersion"] = "authentication.k8s.io/v1"
            review["kind"] = "TokenReview"
        } else {
            review["status"] = try accessReviewStatus(review)
            review["apiVersion"] = "authorization.k8s.io/v1"
            review["kind"] = "SubjectAccessReview"
        }
        review["metadata"] = ["creationTimestamp": .null]
        return Self.response(201, review)
    }

    private func tokenReviewStatus(_ review: FakeJSON) throws -> FakeJSON {
        guard let token = review[path: ["spec", "token"]]?.stringValue, !token.isEmpty else {
            throw FakeAPIError.badRequest("token is required for TokenReview in authentication")
        }
        let reviewer = store.withState { state in
            state.log.reviews.tokenReviewCount += 1
            return state.log.reviews.tokenReviewer
        }
        guard let user = reviewer?(token) else { return ["user": [:]] }
        var userJSON: FakeJSON = [
            "username": .string(user.username), "groups": .array(user.groups.map { .string($0) }),
        ]
        if let uid = user.uid { userJSON["uid"] = .string(uid) }
        if let extra = user.extra {
            userJSON["extra"] = .object(extra.mapValues { .array($0.map { .string($0) }) })
        }
        var status: FakeJSON = ["authenticated": true, "user": userJSON]
        if let audiences = review[path: ["spec", "audiences"]] { status["audiences"] = audiences }
        return status
    }

    private func accessReviewStatus(_ review: FakeJSON) throws -> FakeJSON {
        let attributes = review[path: ["spec", "resourceAttributes"]]
        let user = review[path: ["spec", "user"]]?.stringValue
        let groups = review[path: ["spec", "groups"]]?.arrayValue?.compactMap(\.stringValue) ?? []
        if (attributes == nil) == (review[path: ["spec", "nonResourceAttributes"]] == nil) {
            throw FakeAPIError.invalid(
                nil, kind: "SubjectAccessReview", name: "", field: "spec.resourceAttributes", causeReason: "FieldValueInvalid",
                message: "exactly one of nonResourceAttributes or resourceAttributes must be specified")
        }
        if (user ?? "").isEmpty, groups.isEmpty {
            throw FakeAPIError.invalid(
                nil, kind: "SubjectAccessReview", name: "", field: "spec.user", causeReason: "FieldValueInvalid",
                message: "at least one of user or group must be specified")
        }
        let request = FakeAPIServer.AccessReviewRequest(
            user: user, groups: groups, verb: attributes?["verb"]?.stringValue, group: attributes?["group"]?.stringValue,
            resource: attributes?["resource"]?.stringValue, subresource: attributes?["subresource"]?.stringValue,
            namespace: attributes?["namespace"]?.stringValue, name: attributes?["name"]?.stringValue)
        let reviewer = store.withState { state in
            state.log.reviews.accessReviews.append(request)
            return state.log.reviews.accessReviewer
        }
        if reviewer?(request) == true {
            return ["allowed": true, "reason": "allowed by the fake API server's access reviewer"]
        }
        return ["allowed": false]
    }
}
