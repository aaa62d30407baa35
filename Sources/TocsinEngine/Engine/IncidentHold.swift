import Foundation
import TocsinAPI

/// Why a group's incident is not announced at one instant.
struct Silence: Sendable, Hashable {
    /// What silences it.
    enum Kind: Sendable, Hashable {
        /// A mute window of the rule.
        case muteWindow
        /// A firing incident of an inhibiting rule.
        case inhibition
    }

    /// What silences it.
    var kind: Kind
    /// The timeline note recorded when an incident opens silenced.
    var reason: String
    /// When the mute windows end; `nil` for an inhibition, which ends when the inhibiting incident does.
    var until: Date?
    /// The inhibiting incident's name (an inhibition).
    var inhibitingIncident: String?

    /// The timeline note of the announcement once this silence ended.
    var announcement: String {
        switch kind {
        case .muteWindow: "\(IncidentStatus.announcedPrefix) after the mute window ended"
        case .inhibition: "\(IncidentStatus.announcedPrefix) after the inhibiting incident ended"
        }
    }
}

/// A group's open incident while a silence holds it: its escalation and repeats are paused (the lifecycle
/// remembers it as acknowledged, see ``AlertGroupLifecycle/freeze()``), and what the engine must restore after.
struct IncidentHold: Sendable, Hashable {
    /// The Incident's name.
    var name: String
    /// Whether its receivers were told before the silence (then nothing is announced after it).
    var isAnnounced: Bool
    /// Whether a person acknowledged it (then it stays quiet after the silence too).
    var isAcknowledged: Bool
    /// The silence last seen; `nil` right after a restart, until the next evaluation.
    var silence: Silence?

    /// Whether the hold must be looked at again at `now`: a restored one not yet checked, a mute window that ended,
    /// an inhibiting incident that is no longer open (`openInhibitors` holds the names of those still open).
    func needsCheck(now: Date, openInhibitors: Set<String>) -> Bool {
        guard let silence else { return true }
        switch silence.kind {
        case .muteWindow: return silence.until.map { $0 <= now } ?? false
        case .inhibition: return !openInhibitors.contains(silence.inhibitingIncident ?? "")
        }
    }

    /// The timeline note of the announcement after the silence.
    var announcement: String {
        silence?.announcement ?? "\(IncidentStatus.announcedPrefix) after the silence ended"
    }
}

/// An open incident of a rule that may inhibit others: its rule and its labels.
struct InhibitingIncident: Sendable, Hashable {
    /// The rule's name (same namespace).
    var ruleName: String
    /// The Incident's name.
    var name: String
    /// The incident's labels.
    var labels: [String: String]
}
