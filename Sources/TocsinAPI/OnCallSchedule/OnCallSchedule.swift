import KubeCore

/// Who is on call when: rotations (layers) of participants in an IANA time zone, and time-bounded overrides.
public struct OnCallSchedule: TocsinResource, SpecStatusResource {
    /// `tocsin.dev/v1alpha1` on-call schedules.
    public static var resourceType: ResourceType { .onCallSchedules }
    /// `oncall`, `ocs`.
    public static var shortNames: [String] { ["oncall", "ocs"] }

    /// `tocsin.dev/v1alpha1` when set.
    public var apiVersion: String?
    /// `OnCallSchedule` when set.
    public var kind: String?
    /// The object's metadata.
    public var metadata: ObjectMeta
    /// The schedule.
    public var spec: OnCallScheduleSpec
    /// Who is on call now and next; written through the status subresource.
    public var status: OnCallScheduleStatus?

    /// Creates a schedule.
    public init(
        apiVersion: String? = nil, kind: String? = nil, metadata: ObjectMeta = ObjectMeta(), spec: OnCallScheduleSpec,
        status: OnCallScheduleStatus? = nil
    ) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }
}

/// The desired state of an ``OnCallSchedule``.
public struct OnCallScheduleSpec: Codable, Sendable, Hashable {
    /// How rotations combine.
    public enum Layering: String, APIEnum {
        /// At each instant the last rotation with someone on call wins (PagerDuty-style layers).
        case precedence
        /// Everyone on call in any rotation is on call (Opsgenie-style).
        case cumulative
    }

    /// The IANA time zone in which handoff times, restrictions and calendar days are read, e.g.
    /// `Europe/Amsterdam`.
    public var timeZone: String
    /// How rotations combine. Default: `precedence`.
    public var layering: Layering?
    /// The rotations (layers), lowest precedence first.
    public var rotations: [Rotation]
    /// Time-bounded replacements, which win over every rotation.
    public var overrides: [ScheduleOverride]?
    /// Where each change of who is on call is announced.
    public var notifications: OnCallNotifications?

    /// Creates a spec.
    public init(
        timeZone: String, layering: Layering? = nil, rotations: [Rotation], overrides: [ScheduleOverride]? = nil,
        notifications: OnCallNotifications? = nil
    ) {
        self.timeZone = timeZone
        self.layering = layering
        self.rotations = rotations
        self.overrides = overrides
        self.notifications = notifications
    }
}

/// A replacement: `participant` is on call from `start` to `end` instead of whoever the rotations say.
public struct ScheduleOverride: Codable, Sendable, Hashable {
    /// When the override begins (RFC 3339).
    public var start: Timestamp
    /// When it ends (RFC 3339); after ``start``.
    public var end: Timestamp
    /// Who is on call instead (``Participant/effectiveFrom`` and ``Participant/effectiveUntil`` not allowed).
    public var participant: Participant
    /// The rotation whose participant is replaced; unset replaces the whole schedule's result.
    public var rotation: String?
    /// Why, for the record (e.g. "swap with bob").
    public var reason: String?

    /// Creates an override.
    public init(start: Timestamp, end: Timestamp, participant: Participant, rotation: String? = nil, reason: String? = nil) {
        self.start = start
        self.end = end
        self.participant = participant
        self.rotation = rotation
        self.reason = reason
    }
}
