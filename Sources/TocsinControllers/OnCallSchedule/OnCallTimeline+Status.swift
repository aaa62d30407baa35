import Foundation
import KubeCore
import TocsinAPI
import TocsinEngine

extension OnCallTimeline {
    /// The most entries written to `status.upcomingShifts` (the API's limit).
    static let upcomingShiftLimit = 10

    /// The status fields of the timeline for `spec`: `onCallNow`, `nextHandoff`, `upcomingShifts` and `gaps`,
    /// with each participant's Slack and Opsgenie ids from the spec.
    func statusFields(for spec: OnCallScheduleSpec) throws -> [String: JSONValue] {
        let contacts = ContactDirectory(spec: spec)
        let onCallNow = current.map { contacts.shifts(of: $0, in: spec) } ?? []
        let upcomingShifts = Array(upcoming.flatMap { contacts.shifts(of: $0, in: spec) }.prefix(Self.upcomingShiftLimit))
        let gapRanges = gaps.map { TimeRange(start: Timestamp($0.start), end: Timestamp($0.end)) }
        return [
            "onCallNow": try JSONValue(encoding: onCallNow),
            "nextHandoff": try nextHandoff.map { try JSONValue(encoding: Timestamp($0)) } ?? .null,
            "upcomingShifts": try JSONValue(encoding: upcomingShifts),
            "gaps": try JSONValue(encoding: gapRanges),
        ]
    }

    /// The names of everyone on call now, for the `Ready` message.
    var onCallNowNames: [String] {
        current?.participants ?? []
    }

    /// The status fields an invalid schedule clears (nothing computed from a spec that cannot be read).
    static let clearedStatusFields: [String: JSONValue] = [
        "onCallNow": .null, "nextHandoff": .null, "upcomingShifts": .null, "gaps": .null,
    ]
}

/// Slack and Opsgenie ids by participant name, merged over the schedule: the first value set for a name wins
/// (rotations in order, then overrides).
struct ContactDirectory: Sendable {
    private var slackUserIDs: [String: String] = [:]
    private var opsgenieUsers: [String: String] = [:]

    init(spec: OnCallScheduleSpec) {
        let everyone = spec.rotations.flatMap(\.participants) + (spec.overrides ?? []).map(\.participant)
        for participant in everyone {
            if slackUserIDs[participant.name] == nil, let id = participant.slackUserID {
                slackUserIDs[participant.name] = id
            }
            if opsgenieUsers[participant.name] == nil, let user = participant.opsgenieUser {
                opsgenieUsers[participant.name] = user
            }
        }
    }

    /// One status shift per participant of `segment`. The rotation is the first layer source whose rotation
    /// lists the participant; `override` is set when an override put anyone on call during the stretch.
    func shifts(of segment: OnCallTimeline.Segment, in spec: OnCallScheduleSpec) -> [OnCallShift] {
        let layerNames = segment.sources.compactMap { source -> String? in
            if case .layer(let name) = source { return name }
            return nil
        }
        let isOverride = segment.sources.contains(.override)
        return segment.participants.map { name in
            let rotation = layerNames.first { layer in
                spec.rotations.contains { $0.name == layer && $0.participants.contains { $0.name == name } }
            }
            return OnCallShift(
                participant: name, slackUserID: slackUserIDs[name], opsgenieUser: opsgenieUsers[name],
                rotation: rotation, isOverride: isOverride ? true : nil,
                start: Timestamp(segment.start), end: Timestamp(segment.end))
        }
    }
}
