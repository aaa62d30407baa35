import Foundation
import TocsinAPI

/// The OnCallSchedules of a namespace, ready to answer who is on call, with their contact details.
public struct OnCallDirectory: Sendable {
    struct Entry: Sendable {
        var plan: OnCallPlan
        var participants: [String: Participant]
    }

    private var entries: [String: Entry] = [:]

    /// An empty directory.
    public init() {}

    /// The directory of `schedules`, each with the ``OnCallOverride``s that reference it merged in (see
    /// ``set(_:named:extraOverrides:)``); a schedule that fails validation (``OnCallSchedule/validate()``) or whose
    /// spec cannot be mapped is left out, as its reconciler refuses it (`Ready=False InvalidSpec`).
    public init(schedules: [OnCallSchedule], overrides: [OnCallOverride] = []) {
        for schedule in schedules {
            // A schedule its reconciler refuses (Ready=False InvalidSpec) pages nobody.
            guard let name = schedule.metadata.name, schedule.withDefaults().validate().isEmpty else { continue }
            let extra = overrides.scheduleOverrides(forSchedule: name, in: schedule.metadata.namespace)
            set(schedule.spec, named: name, extraOverrides: extra)
        }
    }

    /// Adds or replaces a schedule; an unmappable spec removes it.
    ///
    /// `extraOverrides` (from OnCallOverride objects, earlier `start` first) win over the spec's own overrides
    /// where they overlap, and a later `start` wins among them; those the spec cannot take are ignored
    /// (``OnCallScheduleSpec/merging(extraOverrides:)``).
    public mutating func set(_ spec: OnCallScheduleSpec, named name: String, extraOverrides: [ScheduleOverride] = []) {
        let spec = spec.merging(extraOverrides: extraOverrides)
        guard let plan = try? OnCallPlan(spec: spec) else {
            entries[name] = nil
            return
        }
        var participants: [String: Participant] = [:]
        for participant in spec.rotations.flatMap(\.participants) + (spec.overrides ?? []).map(\.participant)
        where participants[participant.name] == nil {
            participants[participant.name] = participant
        }
        entries[name] = Entry(plan: plan, participants: participants)
    }

    /// Removes a schedule.
    public mutating func remove(named name: String) {
        entries[name] = nil
    }

    /// Whether the directory knows `schedule`.
    public func contains(_ schedule: String) -> Bool { entries[schedule] != nil }

    /// The names of the schedules, sorted.
    public var scheduleNames: [String] { entries.keys.sorted() }

    /// The plan of `schedule`, `nil` for an unknown schedule.
    func plan(of schedule: String) -> OnCallPlan? { entries[schedule]?.plan }

    /// Who is on call on `schedule` at `instant`, as paged participants at `level`; empty for an unknown schedule or
    /// a gap in the schedule.
    public func page(schedule: String, at instant: Date, level: Int) -> [PagedParticipant] {
        guard let entry = entries[schedule] else { return [] }
        return entry.plan.onCall(at: instant).map { name in
            let participant = entry.participants[name]
            return PagedParticipant(
                name: name, slackUserID: participant?.slackUserID, opsgenieUser: participant?.opsgenieUser,
                schedule: schedule, escalationLevel: level, pagedTime: Timestamp(instant))
        }
    }
}
