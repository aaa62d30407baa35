/// An `authorization.k8s.io/v1` SubjectAccessReview: asks the API server whether a user may do something, so
/// that RBAC (or whatever authorizer the cluster runs) decides.
///
/// Create one with the user and the attributes in ``spec``; the decision comes back in ``status``.
public struct SubjectAccessReview: KubeResource, SpecStatusResource, Hashable {
    /// `authorization.k8s.io/v1` subjectaccessreviews.
    public static var resourceType: ResourceType { .subjectAccessReviews }

    /// `authorization.k8s.io/v1` when set.
    public var apiVersion: String?
    /// `SubjectAccessReview` when set.
    public var kind: String?
    /// The review's metadata (usually empty).
    public var metadata: ObjectMeta
    /// Who wants to do what.
    public var spec: SubjectAccessReviewSpec
    /// The decision.
    public var status: SubjectAccessReviewStatus?

    /// Creates a review.
    public init(
        apiVersion: String? = nil, kind: String? = nil, metadata: ObjectMeta = ObjectMeta(),
        spec: SubjectAccessReviewSpec, status: SubjectAccessReviewStatus? = nil
    ) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }
}

/// Who wants to do what, in a ``SubjectAccessReview``.
public struct SubjectAccessReviewSpec: Codable, Sendable, Hashable {
    /// The request on a resource, when it is one.
    public var resourceAttributes: ResourceAttributes?
    /// The request on a non-resource path (e.g. `/metrics`), when it is one.
    public var nonResourceAttributes: NonResourceAttributes?
    /// The user (as a ``TokenReview`` named them).
    public var user: String?
    /// The user's groups.
    public var groups: [String]?
    /// The user's UID.
    public var uid: String?
    /// The user's further attributes.
    public var extra: [String: [String]]?

    /// Creates a spec.
    public init(
        resourceAttributes: ResourceAttributes? = nil, nonResourceAttributes: NonResourceAttributes? = nil,
        user: String? = nil, groups: [String]? = nil, uid: String? = nil, extra: [String: [String]]? = nil
    ) {
        self.resourceAttributes = resourceAttributes
        self.nonResourceAttributes = nonResourceAttributes
        self.user = user
        self.groups = groups
        self.uid = uid
        self.extra = extra
    }

    /// A review of `attributes` for the user a ``TokenReview`` returned.
    public init(resourceAttributes attributes: ResourceAttributes, for user: UserInfo) {
        self.init(
            resourceAttributes: attributes, user: user.username, groups: user.groups, uid: user.uid, extra: user.extra)
    }
}

/// A request on a resource: verb, API group, resource, namespace and name, as RBAC rules match them.
public struct ResourceAttributes: Codable, Sendable, Hashable {
    /// The namespace; empty or `nil` means all namespaces for namespaced resources.
    public var namespace: String?
    /// The verb: `get`, `list`, `watch`, `create`, `update`, `patch`, `delete`, … or `*`.
    public var verb: String?
    /// The API group; empty for the core group.
    public var group: String?
    /// The API version; `*` or empty for all.
    public var version: String?
    /// The resource, e.g. `incidents`.
    public var resource: String?
    /// The subresource, e.g. `status`.
    public var subresource: String?
    /// The object's name; empty for every object (list, create).
    public var name: String?

    /// Creates attributes.
    public init(
        namespace: String? = nil, verb: String? = nil, group: String? = nil, version: String? = nil,
        resource: String? = nil, subresource: String? = nil, name: String? = nil
    ) {
        self.namespace = namespace
        self.verb = verb
        self.group = group
        self.version = version
        self.resource = resource
        self.subresource = subresource
        self.name = name
    }
}

/// A request on a path that is not a resource.
public struct NonResourceAttributes: Codable, Sendable, Hashable {
    /// The path, e.g. `/metrics`.
    public var path: String?
    /// The verb, e.g. `get`.
    public var verb: String?

    /// Creates attributes.
    public init(path: String? = nil, verb: String? = nil) {
        self.path = path
        self.verb = verb
    }
}

/// The decision of a ``SubjectAccessReview``.
public struct SubjectAccessReviewStatus: Codable, Sendable, Hashable {
    /// Whether the action is allowed.
    public var allowed: Bool
    /// Whether it is explicitly denied (an authorizer said no, rather than none said yes).
    public var denied: Bool?
    /// Why, in the authorizer's words.
    public var reason: String?
    /// Why an authorizer could not decide, when one failed.
    public var evaluationError: String?

    /// Creates a decision.
    public init(allowed: Bool, denied: Bool? = nil, reason: String? = nil, evaluationError: String? = nil) {
        self.allowed = allowed
        self.denied = denied
        self.reason = reason
        self.evaluationError = evaluationError
    }
}

extension ResourceType {
    /// `authorization.k8s.io/v1` subjectaccessreviews (cluster-scoped, create only).
    public static let subjectAccessReviews = ResourceType(
        group: "authorization.k8s.io", version: "v1", plural: "subjectaccessreviews", kind: "SubjectAccessReview",
        isNamespaced: false
    )
}
