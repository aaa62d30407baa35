import Foundation
import TocsinAPI

/// The timing rules of one AlertRule's incidents, in seconds: how long a group must hold before it fires, how long a
/// firing incident survives a gap, when it escalates and how often it is announced again.
public struct LifecyclePolicy: Sendable, Hashable {
    /// The pending duration (`for`): a group must hold this long before its incident opens.
    public var pendingFor: TimeInterval
    /// `keepFiringFor`: a firing incident resolves only after the condition has stopped holding this long.
    public var keepFiringFor: TimeInterval
    /// The escalation steps' `after`, from the incident's start, strictly increasing.
    public var escalationAfter: [TimeInterval]
    /// How often a firing, unacknowledged incident is announced again; 0 never.
    public var repeatInterval: TimeInterval

    /// Creates a policy.
    public init(
        pendingFor: TimeInterval = 0, keepFiringFor: TimeInterval = 0, escalationAfter: [TimeInterval] = [],
        repeatInterval: TimeInterval = 0
    ) {
        self.pendingFor = pendingFor
        self.keepFiringFor = keepFiringFor
        self.escalationAfter = escalationAfter
        self.repeatInterval = repeatInterval
    }

    /// The policy of `spec` with its defaults applied (see `AlertRule.withDefaults()`).
    public init(spec: AlertRuleSpec) {
        let type = spec.condition.type
        self.init(
            pendingFor: (spec.for ?? type?.defaultFor ?? .zero).timeInterval,
            keepFiringFor: (spec.keepFiringFor ?? AlertRuleSpec.defaultKeepFiringFor).timeInterval,
            escalationAfter: (spec.escalation ?? []).map(\.after.timeInterval),
            repeatInterval: (spec.repeatInterval ?? AlertRuleSpec.defaultRepeatInterval).timeInterval)
    }
}
