import Foundation
import TocsinAPI

/// Incidents that open silenced (a mute window, an inhibition): recorded, but not announced until the silence
/// ends.
///
/// Whether an incident was announced is derived from the object itself, so it survives a restart:
/// - a silenced open records a `Note` by ``IncidentStatus/engineActor`` starting with ``mutedPrefix`` or
///   ``inhibitedPrefix``, and queues nothing;
/// - the announcement records a `Note` by the engine starting with ``announcedPrefix`` and queues a `Create` for
///   every receiver;
/// - an incident ``isSilenced`` when the latest of those notes is a silencing one AND no delivery shows a trace of
///   ever being sent (a pending entry, an attempt, a success, a Slack `ts`, an Opsgenie request ID). The second
///   check means a status that receivers have heard of is never treated as silent, whatever the timeline says.
extension IncidentStatus {
    /// The start of the timeline note of an incident opened inside a mute window.
    public static let mutedPrefix = "Muted by mute window"
    /// The start of the timeline note of an incident opened while an incident of an inhibiting rule fires.
    public static let inhibitedPrefix = "Inhibited by"
    /// The start of the timeline note of an incident announced after its silence ended.
    public static let announcedPrefix = "Announced"

    /// Whether the incident opened silenced and its receivers have not been told since: nothing is queued for it
    /// (updates, notes, acknowledgements and its resolve stay in the timeline only).
    public var isSilenced: Bool {
        guard latestSilenceMarker?.isSilencing == true else { return false }
        return !(deliveries ?? []).contains(where: \.hasBeenSent)
    }

    /// When the incident was announced after a silence (its escalation clock starts there), if it was.
    public var announcedTime: Date? {
        guard let marker = latestSilenceMarker, !marker.isSilencing else { return nil }
        return marker.time
    }

    /// Turns a freshly opened status into a silenced one: no pending deliveries, nobody paged, not notified, and a
    /// `Note` saying why (`reason` starts with ``mutedPrefix`` or ``inhibitedPrefix``).
    public mutating func silence(reason: String, now: Date) {
        deliveries = deliveries?.map { delivery in
            var delivery = delivery
            delivery.pending = nil
            return delivery
        }
        paged = nil
        lastNotifiedTime = nil
        record(.note, actor: Self.engineActor, message: reason, at: now)
    }

    /// Announces a silenced incident: the people on call now are paged, a `Create` is queued for every receiver
    /// and a `Note` (starting with ``announcedPrefix``) records it. Does nothing unless the incident is open and
    /// ``isSilenced``.
    public mutating func announce(paged newlyPaged: [PagedParticipant], message: String, now: Date) {
        guard isOpen, isSilenced else { return }
        if !newlyPaged.isEmpty { paged = Array(((paged ?? []) + newlyPaged).suffix(Incident.maxTimelineEntries)) }
        lastNotifiedTime = Timestamp(now)
        record(.note, actor: Self.engineActor, message: message, at: now)
        enqueue(.create, now: now)
    }

    /// The latest engine note that silenced or announced the incident.
    private var latestSilenceMarker: (time: Date, isSilencing: Bool)? {
        for entry in (timeline ?? []).reversed()
        where entry.type == .note && entry.actor == Self.engineActor {
            guard let message = entry.message else { continue }
            if message.hasPrefix(Self.mutedPrefix) || message.hasPrefix(Self.inhibitedPrefix) {
                return (entry.time.date, true)
            }
            if message.hasPrefix(Self.announcedPrefix) { return (entry.time.date, false) }
        }
        return nil
    }
}

extension ReceiverDelivery {
    /// Whether anything was ever queued or sent to this receiver.
    var hasBeenSent: Bool {
        !(pending ?? []).isEmpty || attempts != nil || lastAttemptTime != nil || lastSuccessTime != nil
            || slack?.ts != nil || opsgenie?.requestID != nil
    }
}
