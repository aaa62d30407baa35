import Foundation

/// What the lifecycle remembers of an open incident: enough to resolve, escalate and repeat it, and to rebuild it
/// from the Incident object after a restart.
public struct FiringIncident: Sendable, Hashable {
    /// The Incident's name.
    public var name: String
    /// When the incident started.
    public var startTime: Date
    /// Since when the condition has not held (`nil` while it holds): `keepFiringFor` counts from here.
    public var inactiveSince: Date?
    /// Whether someone acknowledged it (escalation and repeats stop).
    public var isAcknowledged: Bool
    /// The escalation level reached (0 = none).
    public var escalationLevel: Int
    /// When receivers were last told (opening, escalation, repeat).
    public var lastNotifiedAt: Date

    /// Creates the memory of an open incident.
    public init(
        name: String, startTime: Date, inactiveSince: Date? = nil, isAcknowledged: Bool = false,
        escalationLevel: Int = 0, lastNotifiedAt: Date
    ) {
        self.name = name
        self.startTime = startTime
        self.inactiveSince = inactiveSince
        self.isAcknowledged = isAcknowledged
        self.escalationLevel = escalationLevel
        self.lastNotifiedAt = lastNotifiedAt
    }

    /// Escalation and repeat due at `now` for an unacknowledged incident. Steps overdue together (after a restart
    /// or a long pause) escalate once, to the highest due level; an escalation counts as a notification, so no
    /// repeat is sent with it.
    mutating func timers(now: Date, policy: LifecyclePolicy) -> [AlertGroupLifecycle.Action] {
        guard !isAcknowledged else { return [] }
        var level = escalationLevel
        while level < policy.escalationAfter.count,
            now.timeIntervalSince(startTime) >= policy.escalationAfter[level]
        {
            level += 1
        }
        if level > escalationLevel {
            escalationLevel = level
            lastNotifiedAt = now
            return [.escalate(name: name, level: level)]
        }
        if policy.repeatInterval > 0, now.timeIntervalSince(lastNotifiedAt) >= policy.repeatInterval {
            lastNotifiedAt = now
            return [.renotify(name: name)]
        }
        return []
    }
}

/// What the engine learns from an Incident object that people (or other replicas) changed.
public struct IncidentObservation: Sendable, Hashable {
    /// The Incident's name.
    public var name: String
    /// Whether it is acknowledged.
    public var isAcknowledged: Bool
    /// Whether it is resolved.
    public var isResolved: Bool
    /// Its escalation level.
    public var escalationLevel: Int
    /// When receivers were last told, if recorded.
    public var lastNotifiedTime: Date?

    /// Creates an observation.
    public init(
        name: String, isAcknowledged: Bool = false, isResolved: Bool = false, escalationLevel: Int = 0,
        lastNotifiedTime: Date? = nil
    ) {
        self.name = name
        self.isAcknowledged = isAcknowledged
        self.isResolved = isResolved
        self.escalationLevel = escalationLevel
        self.lastNotifiedTime = lastNotifiedTime
    }
}
