import Foundation
import TocsinAPI

extension IncidentStatus {
    /// The actor recorded for what the engine itself does (timeline entries, `resolvedBy`).
    public static let engineActor = "tocsin"

    /// The status of an incident that opens at `now`: phase `Firing`, the content, who was paged, one delivery per
    /// receiver with a pending `Create`, and a `Fired` timeline entry.
    public static func opened(
        content: IncidentContent, severity: Severity, startTime: Date, paged: [PagedParticipant],
        receivers: [ReceiverDelivery], now: Date
    ) -> IncidentStatus {
        var status = IncidentStatus(phase: .firing, severity: severity, escalationLevel: 0, startTime: Timestamp(startTime))
        status.apply(content)
        status.lastNotifiedTime = Timestamp(now)
        status.paged = paged.isEmpty ? nil : paged
        status.deliveries = []
        status.addReceivers(receivers, now: now)
        status.record(.fired, message: content.summary, at: now)
        return status
    }

    /// Whether the incident is open (firing or acknowledged).
    public var isOpen: Bool { phase != .resolved }

    /// Replaces the content; when it changed and the incident is open, a pending `Update` is queued (at most one).
    /// - Returns: whether anything changed.
    @discardableResult
    public mutating func refresh(_ content: IncidentContent, now: Date) -> Bool {
        var updated = self
        updated.apply(content)
        guard updated != self else { return false }
        self = updated
        if isOpen { enqueue(.update, now: now) }
        return true
    }

    /// Raises the incident to `level`: a higher severity if given, the people paged at that level, receivers that
    /// the (possibly new) route adds, an `Escalated` timeline entry and a pending `Escalate` for every receiver.
    public mutating func escalate(
        to level: Int, severity raised: Severity?, paged newlyPaged: [PagedParticipant],
        receivers: [ReceiverDelivery], actor: String, now: Date
    ) {
        if isSilenced {
            // A person escalating a silenced incident wants it heard: announce it first.
            announce(paged: [], message: "\(Self.announcedPrefix) when \(actor) escalated it", now: now)
        }
        escalationLevel = max(escalationLevel ?? 0, level)
        if let raised, raised > severity { severity = raised }
        if !newlyPaged.isEmpty { paged = Array(((paged ?? []) + newlyPaged).suffix(Incident.maxTimelineEntries)) }
        lastNotifiedTime = Timestamp(now)
        addReceivers(receivers, now: now)
        let names = newlyPaged.map(\.name).joined(separator: ", ")
        record(
            .escalated, actor: actor,
            message: "Escalated to level \(level)" + (names.isEmpty ? "" : "; paged \(names)")
                + (raised.map { " (severity \($0.rawValue))" } ?? ""),
            at: now)
        enqueue(.escalate, now: now)
    }

    /// Announces the still firing, unacknowledged incident again (`repeatInterval`).
    public mutating func renotify(now: Date) {
        lastNotifiedTime = Timestamp(now)
        let firingFor = Duration.seconds(max(0, now.timeIntervalSince(startTime.date)))
        record(.notified, message: "Still firing after \(Self.words(firingFor)), unacknowledged", at: now)
        enqueue(.note, now: now, message: "Still firing after \(Self.words(firingFor)), unacknowledged")
    }

    /// Resolves the incident at `now`, by `actor`, with a `Resolved` timeline entry and a pending `Resolve`.
    /// Resolving a resolved incident changes nothing.
    public mutating func resolve(by actor: String, message: String, now: Date) {
        guard isOpen else { return }
        phase = .resolved
        resolvedTime = Timestamp(now)
        resolvedBy = actor
        record(.resolved, actor: actor, message: message, at: now)
        enqueue(.resolve, now: now)
    }

    /// Acknowledges the incident at `now` by `actor`: escalation and repeats stop.
    /// - Throws: ``IncidentOperationError`` when the incident is resolved or already acknowledged.
    public mutating func acknowledge(by actor: String, now: Date) throws(IncidentOperationError) {
        switch phase {
        case .resolved: throw .alreadyResolved
        case .acknowledged: throw .alreadyAcknowledged(by: acknowledgedBy)
        case .firing: break
        }
        phase = .acknowledged
        acknowledgedTime = Timestamp(now)
        acknowledgedBy = actor
        record(.acknowledged, actor: actor, message: "Acknowledged by \(actor)", at: now)
        enqueue(.acknowledge, now: now)
    }

    /// Adds a note to the timeline and queues it for the receivers.
    /// - Throws: ``IncidentOperationError/emptyNote`` for a blank note.
    public mutating func addNote(_ text: String, by actor: String, now: Date) throws(IncidentOperationError) {
        let note = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !note.isEmpty else { throw .emptyNote }
        let bounded = note.count > Self.maxNoteLength ? String(note.prefix(Self.maxNoteLength - 1)) + "…" : note
        record(.note, actor: actor, message: bounded, at: now)
        enqueue(.note, now: now, message: bounded)
    }

    /// The longest note kept.
    public static let maxNoteLength = 1_000

    /// Appends a timeline entry, dropping the oldest beyond ``Incident/maxTimelineEntries``.
    public mutating func record(_ type: TimelineEntry.EventType, actor: String? = nil, message: String?, at now: Date) {
        var entries = timeline ?? []
        entries.append(TimelineEntry(time: Timestamp(now), type: type, actor: actor, message: message))
        timeline = Array(entries.suffix(Incident.maxTimelineEntries))
    }

    /// Queues `action` for every receiver. A second `Update` while one (or the `Create`) is pending is dropped:
    /// the receiver renders the latest status anyway. Beyond ``Incident/maxPendingDeliveries`` the oldest entries
    /// other than `Create` are dropped. A silenced incident (``isSilenced``) queues nothing: its receivers never
    /// heard of it.
    public mutating func enqueue(_ action: OutboxEntry.Action, now: Date, message: String? = nil) {
        guard var all = deliveries, !isSilenced else { return }
        for index in all.indices {
            var pending = all[index].pending ?? []
            if action == .update, pending.contains(where: { $0.action == .update || $0.action == .create }) { continue }
            let id = "\(action.rawValue.lowercased())-\(Int64((now.timeIntervalSince1970 * 1000).rounded()))-\(pending.count)"
            pending.append(OutboxEntry(id: id, action: action, enqueuedTime: Timestamp(now), message: message))
            while pending.count > Incident.maxPendingDeliveries,
                let drop = pending.firstIndex(where: { $0.action != .create })
            {
                pending.remove(at: drop)
            }
            all[index].pending = pending
        }
        deliveries = all
    }

    /// Adds deliveries for receivers not yet present, each with a pending `Create`.
    mutating func addReceivers(_ receivers: [ReceiverDelivery], now: Date) {
        var all = deliveries ?? []
        for receiver in receivers where !all.contains(where: { $0.receiver == receiver.receiver }) {
            var delivery = receiver
            delivery.pending = [
                OutboxEntry(
                    id: "create-\(Int64((now.timeIntervalSince1970 * 1000).rounded()))-0", action: .create,
                    enqueuedTime: Timestamp(now))
            ]
            all.append(delivery)
        }
        deliveries = all
    }

    private mutating func apply(_ content: IncidentContent) {
        subject = content.subject
        summary = content.summary
        description = content.description
        labels = content.labels.isEmpty ? nil : content.labels
        value = content.value
        affectedObjects = content.affectedObjects.isEmpty ? nil : Array(content.affectedObjects.prefix(Incident.maxAffectedObjects))
        affectedObjectCount = content.affectedObjectCount
    }

    /// `1h 5m`, `3m`, `45s`.
    static func words(_ duration: Duration) -> String {
        let seconds = Int(duration.components.seconds)
        let (days, hours, minutes) = (seconds / 86_400, seconds % 86_400 / 3_600, seconds % 3_600 / 60)
        let parts = [(days, "d"), (hours, "h"), (minutes, "m")].filter { $0.0 > 0 }.prefix(2).map { "\($0.0)\($0.1)" }
        return parts.isEmpty ? "\(seconds)s" : parts.joined(separator: " ")
    }
}

/// Why an operation on an Incident was refused.
public enum IncidentOperationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The incident is resolved: nothing more can be done to it.
    case alreadyResolved
    /// The incident is already acknowledged (by whom, if recorded).
    case alreadyAcknowledged(by: String?)
    /// A note must say something.
    case emptyNote
    /// There is no further escalation step.
    case noFurtherEscalation(level: Int)

    /// What went wrong, for an API answer or a Slack reply.
    public var description: String {
        switch self {
        case .alreadyResolved: "the incident is already resolved"
        case .alreadyAcknowledged(let actor): "the incident is already acknowledged" + (actor.map { " by \($0)" } ?? "")
        case .emptyNote: "a note must not be empty"
        case .noFurtherEscalation(let level): "the incident is at escalation level \(level), the rule's last step"
        }
    }
}
