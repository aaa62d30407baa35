import Foundation

/// Pausing the timers of an open incident while it is silenced (mute window, inhibition).
///
/// The lifecycle has no notion of silence: the engine pauses escalation and repeats by remembering the incident as
/// acknowledged (the only state in which timers stop) and keeps the real acknowledgement beside it
/// (`IncidentHold`). `keepFiringFor` and resolving work as usual while paused.
extension AlertGroupLifecycle {
    /// Pauses escalation and repeats of the open incident.
    mutating func freeze() {
        guard var incident = firingIncident else { return }
        incident.isAcknowledged = true
        self = AlertGroupLifecycle(restoring: incident)
    }

    /// Pauses the incident that has just opened silenced: back to level 0, nothing notified.
    mutating func freezeOpened(now: Date) {
        guard let incident = firingIncident else { return }
        self = AlertGroupLifecycle(restoring: FiringIncident(
            name: incident.name, startTime: incident.startTime, inactiveSince: incident.inactiveSince,
            isAcknowledged: true, escalationLevel: 0, lastNotifiedAt: now))
    }

    /// Resumes the timers of an incident announced before its silence; steps that fell due meanwhile are due now.
    mutating func unfreeze(isAcknowledged: Bool) {
        guard var incident = firingIncident else { return }
        incident.isAcknowledged = isAcknowledged
        self = AlertGroupLifecycle(restoring: incident)
    }

    /// Resumes an incident announced at `now` after its silence: escalation counts from `now`, as if it started
    /// then, and the next repeat is one interval after it.
    mutating func announced(now: Date) {
        guard let incident = firingIncident else { return }
        self = AlertGroupLifecycle(restoring: FiringIncident(
            name: incident.name, startTime: now, inactiveSince: incident.inactiveSince, isAcknowledged: false,
            escalationLevel: incident.escalationLevel, lastNotifiedAt: now))
    }
}
