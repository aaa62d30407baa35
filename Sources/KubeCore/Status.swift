/// The API server's `Status` object: the body of error responses and of watch ERROR events.
public struct Status: Codable, Sendable, Hashable {
    /// `Status`.
    public var kind: String?
    /// `v1`.
    public var apiVersion: String?
    /// List metadata (usually empty).
    public var metadata: ListMeta?
    /// `Success` or `Failure`.
    public var status: String?
    /// A human-readable description.
    public var message: String?
    /// A machine-readable reason, e.g. `NotFound`, `Conflict`, `Expired`.
    public var reason: String?
    /// Details about the object concerned.
    public var details: StatusDetails?
    /// The HTTP status code.
    public var code: Int32?

    /// Creates a status.
    public init(
        kind: String? = "Status", apiVersion: String? = "v1", metadata: ListMeta? = nil, status: String? = nil,
        message: String? = nil, reason: String? = nil, details: StatusDetails? = nil, code: Int32? = nil
    ) {
        self.kind = kind
        self.apiVersion = apiVersion
        self.metadata = metadata
        self.status = status
        self.message = message
        self.reason = reason
        self.details = details
        self.code = code
    }
}

/// Details of a `Status`: the object concerned and the causes of a failure.
public struct StatusDetails: Codable, Sendable, Hashable {
    /// The object's name.
    public var name: String?
    /// The object's API group.
    public var group: String?
    /// The object's kind (or resource name).
    public var kind: String?
    /// The object's UID.
    public var uid: String?
    /// Field-level causes, e.g. validation failures.
    public var causes: [StatusCause]?
    /// How long the client should wait before retrying.
    public var retryAfterSeconds: Int32?

    /// Creates details.
    public init(
        name: String? = nil, group: String? = nil, kind: String? = nil, uid: String? = nil,
        causes: [StatusCause]? = nil, retryAfterSeconds: Int32? = nil
    ) {
        self.name = name
        self.group = group
        self.kind = kind
        self.uid = uid
        self.causes = causes
        self.retryAfterSeconds = retryAfterSeconds
    }
}

/// One cause of a failure.
public struct StatusCause: Codable, Sendable, Hashable {
    /// A machine-readable reason, e.g. `FieldValueRequired`.
    public var reason: String?
    /// A human-readable description.
    public var message: String?
    /// The field concerned, e.g. `spec.containers[0].image`.
    public var field: String?

    /// Creates a cause.
    public init(reason: String? = nil, message: String? = nil, field: String? = nil) {
        self.reason = reason
        self.message = message
        self.field = field
    }
}
