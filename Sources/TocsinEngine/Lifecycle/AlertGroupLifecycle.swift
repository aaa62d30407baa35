import Foundation

/// The lifecycle of one group (one fingerprint) of one AlertRule: inactive → pending (`for`) → firing → resolved,
/// with `keepFiringFor`, escalation and repeat while firing.
///
/// A value type with pure transitions: ``evaluate(isActive:activeSince:now:policy:)`` is told whether the group
/// holds at `now` and returns what the caller must do (open, escalate, announce again, resolve an Incident); the
/// caller does the I/O. What people do to the Incident (acknowledge, resolve, escalate) comes back through
/// ``observe(_:)``. A resolved incident is never reopened: a new firing opens a new incident with a new name.
public struct AlertGroupLifecycle: Sendable, Hashable {
    /// Where the group is.
    public enum State: Sendable, Hashable {
        /// The condition does not hold (or has not been seen to).
        case inactive
        /// The condition holds since `since` but not yet for the pending duration.
        case pending(since: Date)
        /// An incident is open.
        case firing(FiringIncident)
        /// A person resolved the incident `name` while the condition still held: nothing opens again until the
        /// condition has stopped holding once (so a manual resolve does not bounce back as a new incident at once).
        case resolvedWhileActive(name: String)
    }

    /// What the caller must do.
    public enum Action: Sendable, Hashable {
        /// Create the incident `name`, which started at `startTime` (the instant the condition began to hold).
        case open(name: String, startTime: Date)
        /// Raise the incident `name` to escalation level `level` (1 = the first step).
        case escalate(name: String, level: Int)
        /// Announce the still firing, unacknowledged incident `name` again.
        case renotify(name: String)
        /// Resolve the incident `name`: the condition stopped holding for `keepFiringFor`.
        case resolve(name: String)
        /// The condition of the incident `name`, resolved by a person while it held, no longer holds: record it on
        /// the Incident, so that a restart knows the group may open again (``init(restoringResolvedWhileActive:)``).
        case cleared(name: String)
    }

    /// The state.
    public private(set) var state: State

    /// A group with nothing pending or firing.
    public init() {
        state = .inactive
    }

    /// A group whose incident is open (rebuilt from an Incident after a restart or a leader change).
    public init(restoring incident: FiringIncident) {
        state = .firing(incident)
    }

    /// A group whose incident `name` a person resolved while its condition held, and whose condition has not been
    /// seen to clear since (rebuilt from the Incident after a restart or a leader change).
    public init(restoringResolvedWhileActive name: String) {
        state = .resolvedWhileActive(name: name)
    }

    /// The open incident, if any.
    public var firingIncident: FiringIncident? {
        if case .firing(let incident) = state { incident } else { nil }
    }

    /// Moves the group to `now`, given whether its condition holds.
    /// - Parameters:
    ///   - isActive: whether the group's condition holds now.
    ///   - activeSince: since when it holds, when the objects tell (never later than `now`; `nil` = from `now`).
    ///   - now: the evaluation instant.
    ///   - policy: the rule's timing.
    ///   - name: the name the incident gets if one opens, from its start time.
    /// - Returns: the actions to take, in order.
    public mutating func evaluate(
        isActive: Bool, activeSince: Date?, now: Date, policy: LifecyclePolicy, name: (Date) -> String
    ) -> [Action] {
        switch state {
        case .inactive:
            guard isActive else { return [] }
            return begin(since: min(activeSince ?? now, now), now: now, policy: policy, name: name)
        case .pending(let since):
            guard isActive else {
                state = .inactive
                return []
            }
            return begin(since: since, now: now, policy: policy, name: name)
        case .resolvedWhileActive(let name):
            guard !isActive else { return [] }
            state = .inactive
            return [.cleared(name: name)]
        case .firing(var incident):
            if isActive {
                incident.inactiveSince = nil
            } else {
                let inactiveSince = incident.inactiveSince ?? now
                incident.inactiveSince = inactiveSince
                if now.timeIntervalSince(inactiveSince) >= policy.keepFiringFor {
                    state = .inactive
                    return [.resolve(name: incident.name)]
                }
            }
            let actions = incident.timers(now: now, policy: policy)
            state = .firing(incident)
            return actions
        }
    }

    /// Takes in what people did to the incident: an acknowledgement stops escalation and repeats; a resolve
    /// closes it (see ``State/resolvedWhileActive``); a manual escalation moves the level.
    public mutating func observe(_ change: IncidentObservation) {
        guard case .firing(var incident) = state, incident.name == change.name else { return }
        if change.isResolved {
            state = incident.inactiveSince == nil ? .resolvedWhileActive(name: incident.name) : .inactive
            return
        }
        incident.isAcknowledged = change.isAcknowledged
        incident.escalationLevel = max(incident.escalationLevel, change.escalationLevel)
        if let notified = change.lastNotifiedTime { incident.lastNotifiedAt = max(incident.lastNotifiedAt, notified) }
        state = .firing(incident)
    }

    /// The next instant at which ``evaluate(isActive:activeSince:now:policy:name:)`` would act without any change
    /// of the objects: the end of the pending duration, of `keepFiringFor`, the next escalation or repeat.
    public func nextDeadline(policy: LifecyclePolicy) -> Date? {
        switch state {
        case .inactive, .resolvedWhileActive:
            return nil
        case .pending(let since):
            return since.addingTimeInterval(policy.pendingFor)
        case .firing(let incident):
            var deadlines: [Date] = []
            if let inactiveSince = incident.inactiveSince {
                deadlines.append(inactiveSince.addingTimeInterval(policy.keepFiringFor))
            }
            if !incident.isAcknowledged {
                if incident.escalationLevel < policy.escalationAfter.count {
                    deadlines.append(incident.startTime.addingTimeInterval(policy.escalationAfter[incident.escalationLevel]))
                }
                if policy.repeatInterval > 0 {
                    deadlines.append(incident.lastNotifiedAt.addingTimeInterval(policy.repeatInterval))
                }
            }
            return deadlines.min()
        }
    }

    private mutating func begin(
        since: Date, now: Date, policy: LifecyclePolicy, name: (Date) -> String
    ) -> [Action] {
        guard now.timeIntervalSince(since) >= policy.pendingFor else {
            state = .pending(since: since)
            return []
        }
        // The incident starts when the pending duration ended (Prometheus' activeAt + for), never in the future.
        let start = min(since.addingTimeInterval(policy.pendingFor), now)
        var incident = FiringIncident(name: name(start), startTime: start, lastNotifiedAt: now)
        var actions: [Action] = [.open(name: incident.name, startTime: start)]
        actions += incident.timers(now: now, policy: policy)
        state = .firing(incident)
        return actions
    }
}
