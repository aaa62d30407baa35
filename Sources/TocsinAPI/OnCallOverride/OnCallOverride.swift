import KubeCore

/// A swap made outside git: `participant` is on call on the referenced ``OnCallSchedule`` from `start` to `end`.
///
/// Overrides live in their own objects so that a GitOps sync of the schedule (Argo CD, Flux) never wipes a swap
/// someone made at 3 a.m. Where an OnCallOverride overlaps an override of the schedule's spec, the
/// OnCallOverride wins; where several OnCallOverrides overlap, the one with the later `start` wins (equal starts:
/// the later name). The operator deletes an override 7 days after it ends.
public struct OnCallOverride: TocsinResource, SpecStatusResource {
    /// `tocsin.dev/v1alpha1` on-call overrides.
    public static var resourceType: ResourceType { .onCallOverrides }
    /// `oco`.
    public static var shortNames: [String] { ["oco"] }

    /// `tocsin.dev/v1alpha1` when set.
    public var apiVersion: String?
    /// `OnCallOverride` when set.
    public var kind: String?
    /// The object's metadata.
    public var metadata: ObjectMeta
    /// The override.
    public var spec: OnCallOverrideSpec
    /// Whether the override applies; written through the status subresource.
    public var status: OnCallOverrideStatus?

    /// Creates an override.
    public init(
        apiVersion: String? = nil, kind: String? = nil, metadata: ObjectMeta = ObjectMeta(), spec: OnCallOverrideSpec,
        status: OnCallOverrideStatus? = nil
    ) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }
}

/// The desired state of an ``OnCallOverride``.
public struct OnCallOverrideSpec: Codable, Sendable, Hashable {
    /// The OnCallSchedule (same namespace) whose on-call person is replaced.
    public var scheduleRef: LocalObjectReference
    /// When the override begins (RFC 3339).
    public var start: Timestamp
    /// When it ends (RFC 3339): after ``start``, at most ``OnCallOverride/maximumLength`` later.
    public var end: Timestamp
    /// Who is on call instead (``Participant/effectiveFrom`` and ``Participant/effectiveUntil`` not allowed).
    public var participant: Participant
    /// The rotation whose participant is replaced; unset replaces the whole schedule's result.
    public var rotation: String?
    /// Why, for the record (e.g. "swap with bob").
    public var reason: String?

    /// Creates a spec.
    public init(
        scheduleRef: LocalObjectReference, start: Timestamp, end: Timestamp, participant: Participant,
        rotation: String? = nil, reason: String? = nil
    ) {
        self.scheduleRef = scheduleRef
        self.start = start
        self.end = end
        self.participant = participant
        self.rotation = rotation
        self.reason = reason
    }
}

/// Whether an ``OnCallOverride`` applies, as the operator found it.
public struct OnCallOverrideStatus: Codable, Sendable, Hashable {
    /// The `metadata.generation` this status describes.
    public var observedGeneration: Int64?
    /// `Ready` (reasons `Scheduled`, `Active`, `Expired`, `ScheduleNotFound`, `InvalidSpec`), with
    /// `observedGeneration`.
    public var conditions: [Condition]?

    /// Creates a status.
    public init(observedGeneration: Int64? = nil, conditions: [Condition]? = nil) {
        self.observedGeneration = observedGeneration
        self.conditions = conditions
    }
}
