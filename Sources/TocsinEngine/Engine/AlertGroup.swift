import Foundation
import TocsinAPI

/// One group (fingerprint) of one rule: its label values, the objects that fall in it, its lifecycle, and the
/// content last written to its incident.
struct AlertGroup: Sendable {
    /// The `groupBy` labels and their values.
    var groupLabels: [String: String]
    /// The objects whose findings fall in this group.
    var members: Set<ObservedObjectID> = []
    /// Where the group is in its lifecycle.
    var lifecycle = AlertGroupLifecycle()
    /// The content last written (or restored), to announce changes only.
    var content: IncidentContent?
    /// Whether the open incident was restored from its Incident (after a restart or a leader change) and the
    /// engine has not yet seen its condition hold since: until the inputs of the condition are known again (probe
    /// results, the windows of pod and event histories), not seeing it hold does not resolve it.
    var isAwaitingInputs = false
    /// When the engine first evaluated the restored group (the wait for its inputs counts from here).
    var awaitingSince: Date?

    /// Whether the group can be forgotten: no members and nothing pending or firing.
    var isIdle: Bool {
        guard members.isEmpty else { return false }
        if case .inactive = lifecycle.state { return true }
        return false
    }
}
