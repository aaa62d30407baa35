import KubeCore

/// One firing of an AlertRule for one group (fingerprint): written only by the operator, owned by its AlertRule.
///
/// The spec is the incident's identity and never changes; everything that evolves is in the status. A condition
/// that fires again after its incident resolved opens a new Incident with its own name.
public struct Incident: TocsinResource, SpecStatusResource {
    /// `tocsin.dev/v1alpha1` incidents.
    public static var resourceType: ResourceType { .incidents }
    /// `inc`.
    public static var shortNames: [String] { ["inc"] }

    /// `tocsin.dev/v1alpha1` when set.
    public var apiVersion: String?
    /// `Incident` when set.
    public var kind: String?
    /// The object's metadata.
    public var metadata: ObjectMeta
    /// The incident's identity.
    public var spec: IncidentSpec
    /// The incident's lifecycle and delivery state; written through the status subresource.
    public var status: IncidentStatus?

    /// Creates an incident.
    public init(
        apiVersion: String? = nil, kind: String? = nil, metadata: ObjectMeta = ObjectMeta(), spec: IncidentSpec,
        status: IncidentStatus? = nil
    ) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }

    /// The incident unchanged: every field is written by the operator, so nothing has a default.
    public func withDefaults() -> Incident { self }
}

/// The identity of an ``Incident``, set at creation and never changed.
public struct IncidentSpec: Codable, Sendable, Hashable {
    /// The AlertRule (same namespace) that opened the incident.
    public var alertRuleRef: LocalObjectReference
    /// The group's fingerprint: a stable hash of the rule and the `groupBy` label values. Also the Opsgenie alias:
    /// Opsgenie de-duplicates an open alias and opens a new alert for a closed one, so a re-fire after the close
    /// is a new Opsgenie alert.
    public var fingerprint: String
    /// The `groupBy` labels and their values, e.g. `namespace: shop, workload: Deployment/api`.
    public var groupLabels: [String: String]?

    /// Creates a spec.
    public init(alertRuleRef: LocalObjectReference, fingerprint: String, groupLabels: [String: String]? = nil) {
        self.alertRuleRef = alertRuleRef
        self.fingerprint = fingerprint
        self.groupLabels = groupLabels
    }
}

/// Where an incident is in its lifecycle. Escalation is a level (``IncidentStatus/escalationLevel``), not a phase.
public enum IncidentPhase: String, APIEnum {
    /// The condition holds and nobody has acknowledged.
    case firing = "Firing"
    /// Someone took it; escalation and repeats stop.
    case acknowledged = "Acknowledged"
    /// The condition stopped holding, or someone resolved it. Final.
    case resolved = "Resolved"
}

/// An object affected by an incident.
public struct AffectedObject: Codable, Sendable, Hashable {
    /// The object's kind, e.g. `Pod`.
    public var kind: String
    /// The object's namespace; unset for nodes.
    public var namespace: String?
    /// The object's name.
    public var name: String
    /// A short detail, e.g. `CrashLoopBackOff`, `restarts: 7`.
    public var detail: String?

    /// Creates an affected object.
    public init(kind: String, namespace: String? = nil, name: String, detail: String? = nil) {
        self.kind = kind
        self.namespace = namespace
        self.name = name
        self.detail = detail
    }
}

/// Someone paged for an incident.
public struct PagedParticipant: Codable, Sendable, Hashable {
    /// The participant's name.
    public var name: String
    /// The participant's Slack user ID.
    public var slackUserID: String?
    /// The participant's Opsgenie username.
    public var opsgenieUser: String?
    /// The OnCallSchedule the participant was on call in.
    public var schedule: String?
    /// The escalation level at which they were paged (0 at firing).
    public var escalationLevel: Int
    /// When they were paged.
    public var pagedTime: Timestamp

    /// Creates a paged participant.
    public init(
        name: String, slackUserID: String? = nil, opsgenieUser: String? = nil, schedule: String? = nil,
        escalationLevel: Int, pagedTime: Timestamp
    ) {
        self.name = name
        self.slackUserID = slackUserID
        self.opsgenieUser = opsgenieUser
        self.schedule = schedule
        self.escalationLevel = escalationLevel
        self.pagedTime = pagedTime
    }
}
