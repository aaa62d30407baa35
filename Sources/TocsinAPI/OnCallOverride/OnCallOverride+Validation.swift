import Foundation
import KubeCore

extension OnCallOverride {
    /// The longest an override may last: 90 days.
    public static let maximumLength = KubeDuration.days(90)
    /// How long after its end the operator deletes an override: 7 days.
    public static let retention = KubeDuration.days(7)

    /// Every problem of the override, each with its field path.
    public func validate() -> [ValidationError] {
        var validator = Validator()
        validator.checkMetadata(metadata)
        let path = FieldPath("spec")
        validator.checkReference(spec.scheduleRef, at: path.child("scheduleRef"))
        let maximum = TimeInterval(Self.maximumLength.milliseconds) / 1_000
        if spec.end <= spec.start {
            validator.add(.invalid, at: path.child("end"), "must be after start (\(spec.start))")
        } else if spec.end.date.timeIntervalSince(spec.start.date) > maximum {
            validator.add(.invalid, at: path.child("end"), "must be at most 90d after start (\(spec.start)): split a longer absence into several overrides or change the schedule")
        }
        let participantPath = path.child("participant")
        spec.participant.validate(at: participantPath, into: &validator)
        for (name, value) in [("effectiveFrom", spec.participant.effectiveFrom), ("effectiveUntil", spec.participant.effectiveUntil)]
        where value != nil {
            validator.add(.forbidden, at: participantPath.child(name), "must not be set in an override")
        }
        if let rotation = spec.rotation {
            validator.checkDNSLabel(rotation, at: path.child("rotation"))
        }
        validator.checkMaxLength(spec.reason, 256, at: path.child("reason"))
        return validator.errors
    }

    /// The override unchanged: it has no defaulted fields.
    public func withDefaults() -> OnCallOverride { self }

    /// The override as an entry of a schedule's overrides.
    public var scheduleOverride: ScheduleOverride {
        ScheduleOverride(
            start: spec.start, end: spec.end, participant: spec.participant, rotation: spec.rotation, reason: spec.reason)
    }

    /// When the operator deletes the override: ``retention`` after its end.
    public var deletionTime: Date {
        spec.end.date.addingTimeInterval(TimeInterval(Self.retention.milliseconds) / 1_000)
    }
}

extension Sequence<OnCallOverride> {
    /// The valid overrides (``OnCallOverride/validate()``: those their reconciler refuses are not applied) of the
    /// schedule `name` in `namespace` that are not being deleted, as schedule overrides in
    /// precedence order: earlier `start` first, equal starts by object name (a later entry wins where they overlap).
    public func scheduleOverrides(forSchedule name: String, in namespace: String?) -> [ScheduleOverride] {
        filter {
            $0.spec.scheduleRef.name == name && $0.metadata.namespace == namespace && $0.metadata.deletionTimestamp == nil
                && $0.validate().isEmpty
        }
        .sorted { ($0.spec.start, $0.metadata.name ?? "") < ($1.spec.start, $1.metadata.name ?? "") }
        .map(\.scheduleOverride)
    }
}
