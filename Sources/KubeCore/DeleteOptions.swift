/// Whether and how dependents are garbage-collected when an object is deleted.
public enum PropagationPolicy: String, Codable, Sendable, Hashable {
    /// Delete dependents first, then the object.
    case foreground = "Foreground"
    /// Delete the object now and dependents in the background.
    case background = "Background"
    /// Leave dependents in place.
    case orphan = "Orphan"
}

/// Conditions that must hold for a delete to proceed.
public struct Preconditions: Codable, Sendable, Hashable {
    /// The object must have this UID.
    public var uid: String?
    /// The object must have this resourceVersion.
    public var resourceVersion: String?

    /// Creates preconditions.
    public init(uid: String? = nil, resourceVersion: String? = nil) {
        self.uid = uid
        self.resourceVersion = resourceVersion
    }
}

/// The body of a delete request (`metav1.DeleteOptions`); encodes `"kind":"DeleteOptions","apiVersion":"v1"`.
public struct DeleteOptions: Codable, Sendable, Hashable {
    /// How dependents are handled.
    public var propagationPolicy: PropagationPolicy?
    /// Conditions on the object being deleted.
    public var preconditions: Preconditions?
    /// The grace period; `0` deletes immediately.
    public var gracePeriodSeconds: Int64?
    /// `["All"]` for a dry run.
    public var dryRun: [String]?

    /// Creates delete options.
    public init(
        propagationPolicy: PropagationPolicy? = nil, preconditions: Preconditions? = nil,
        gracePeriodSeconds: Int64? = nil, dryRun: [String]? = nil
    ) {
        self.propagationPolicy = propagationPolicy
        self.preconditions = preconditions
        self.gracePeriodSeconds = gracePeriodSeconds
        self.dryRun = dryRun
    }

    enum CodingKeys: String, CodingKey {
        case kind, apiVersion, propagationPolicy, preconditions, gracePeriodSeconds, dryRun
    }

    /// Decodes delete options, ignoring `kind` and `apiVersion`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        propagationPolicy = try container.decodeIfPresent(PropagationPolicy.self, forKey: .propagationPolicy)
        preconditions = try container.decodeIfPresent(Preconditions.self, forKey: .preconditions)
        gracePeriodSeconds = try container.decodeIfPresent(Int64.self, forKey: .gracePeriodSeconds)
        dryRun = try container.decodeIfPresent([String].self, forKey: .dryRun)
    }

    /// Encodes `kind`, `apiVersion` and the set fields.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode("DeleteOptions", forKey: .kind)
        try container.encode("v1", forKey: .apiVersion)
        try container.encodeIfPresent(propagationPolicy, forKey: .propagationPolicy)
        try container.encodeIfPresent(preconditions, forKey: .preconditions)
        try container.encodeIfPresent(gracePeriodSeconds, forKey: .gracePeriodSeconds)
        try container.encodeIfPresent(dryRun, forKey: .dryRun)
    }
}
