import Foundation
import TocsinAPI

extension OnCallScheduleSpec {
    /// The spec with `extra` overrides (from OnCallOverride objects) merged in after its own, so that they win
    /// where they overlap (the calculator's later override wins).
    ///
    /// `extra` is ordered by `start` (a stable sort: entries with equal starts keep their order), so among the
    /// extra overrides the later `start` wins. Extra overrides the calculator cannot apply to this spec are left
    /// out (see ``OnCallPlan/problem(applying:to:)``): an override object never makes its schedule unusable.
    public func merging(extraOverrides extra: [ScheduleOverride]) -> OnCallScheduleSpec {
        guard !extra.isEmpty else { return self }
        let ordered = extra.enumerated()
            .sorted { ($0.element.start, $0.offset) < ($1.element.start, $1.offset) }
            .map(\.element)
            .filter { OnCallPlan.problem(applying: $0, to: self) == nil }
        var merged = self
        merged.overrides = (overrides ?? []) + ordered
        return merged
    }
}

extension OnCallPlan {
    /// Why `override` cannot be applied to `spec`, or `nil` when it can: it must not end before it starts, and a
    /// `rotation` must name the schedule's only rotation, or its last one with precedence layering (where
    /// replacing that rotation's person is the same as replacing the schedule's result).
    public static func problem(applying override: ScheduleOverride, to spec: OnCallScheduleSpec) -> String? {
        if override.end <= override.start { return "end must be after start (\(override.start))" }
        guard let rotation = override.rotation else { return nil }
        let names = spec.rotations.map(\.name)
        guard names.contains(rotation) else {
            return "rotation \"\(rotation)\" is not a rotation of the schedule (\(names.joined(separator: ", ")))"
        }
        if names.count == 1 || ((spec.layering ?? .precedence) == .precedence && names.last == rotation) { return nil }
        return "an override of one rotation is supported only for the highest-precedence rotation "
            + "(\"\(names.last ?? "")\", the last in spec.rotations) with precedence layering: remove rotation to "
            + "replace whoever is on call"
    }
}
