import Foundation
import TocsinAPI

/// What a condition says about one object at one instant: the object matches (it counts towards an incident), or
/// it is a member of a group whose share matters (``isMatch`` false, e.g. a ready pod of a workload).
public struct Finding: Sendable, Hashable {
    /// The object, with a one-line detail of what is wrong (e.g. `container app: CrashLoopBackOff, 7 restarts`).
    public var object: AffectedObject
    /// The object's labels for grouping, routing and templates: the built-in labels of its kind (`namespace`,
    /// `pod`, `workload`, `node`, `reason`, …) over the object's own labels.
    public var labels: [String: String]
    /// Whether the object matches the condition; `false` for a member counted only in a share.
    public var isMatch: Bool
    /// The finding's figure: restarts, occurrences, latency in seconds, consecutive failures, … (0 when none).
    public var value: Double
    /// Since when the object has matched, when the object itself tells (e.g. the `Ready` condition's
    /// `lastTransitionTime`): the pending (`for`) duration counts from here rather than from the first evaluation,
    /// so a restart of the operator does not restart the clock.
    public var activeSince: Date?
    /// When the finding stops holding unless the object changes (a window or lookback ends): the engine evaluates
    /// the object again at this instant.
    public var expiresAt: Date?

    /// Creates a finding.
    public init(
        object: AffectedObject, labels: [String: String], isMatch: Bool = true, value: Double = 0,
        activeSince: Date? = nil, expiresAt: Date? = nil
    ) {
        self.object = object
        self.labels = labels
        self.isMatch = isMatch
        self.value = value
        self.activeSince = activeSince
        self.expiresAt = expiresAt
    }
}

/// How the findings of one group decide whether the group is active, and its value.
public enum GroupActivation: Sendable, Hashable {
    /// Active when any object matches; the value is the largest matching value.
    case anyMatch
    /// Active when the matching values add up to at least the threshold (e.g. event occurrences); the value is
    /// the sum.
    case sum(atLeast: Double)
    /// Active when at least this percentage of the group's members match (e.g. not-ready pods of a workload); the
    /// value is the percentage.
    case percentOfMembers(atLeast: Double)

    /// Whether a group with `findings` is active, and the group's value.
    public func evaluate<Findings: Sequence>(_ findings: Findings) -> (isActive: Bool, value: Double)
    where Findings.Element == Finding {
        switch self {
        case .anyMatch:
            var best: Double?
            for finding in findings where finding.isMatch { best = max(best ?? finding.value, finding.value) }
            return (best != nil, best ?? 0)
        case .sum(let threshold):
            var total = 0.0
            var matched = false
            for finding in findings where finding.isMatch {
                total += finding.value
                matched = true
            }
            return (matched && total >= threshold, total)
        case .percentOfMembers(let threshold):
            var members = 0
            var matching = 0
            for finding in findings {
                members += 1
                if finding.isMatch { matching += 1 }
            }
            guard members > 0, matching > 0 else { return (false, 0) }
            let percent = Double(matching) * 100 / Double(members)
            return (percent >= threshold, percent)
        }
    }
}
