import Foundation

/// The participants of a layer, in rotation order, from a given handoff on.
///
/// A layer keeps a list of rosters so that a change of people takes effect from a chosen handoff
/// (`effectiveFrom`) without reshuffling the shifts before it.
///
/// Rule: the shift with index `k` (the `k`-th shift since the layer's first handoff, counted from 0) is
/// taken by the roster with the latest anchor at or before `k`, and within it by participant
/// `(k − anchor) mod count`. A roster's anchor is the index of the first handoff at or after its
/// `effectiveFrom` — an instant that is not exactly a handoff SNAPS FORWARD to the next handoff, so a roster
/// change never cuts a shift in two. A roster without `effectiveFrom`, or with one at or before the first
/// handoff, is anchored at shift 0. When several rosters share an anchor, the later one in the list wins.
/// The new roster counts afresh from its anchor: its first participant takes the anchored shift. Shifts
/// before the earliest anchor (when no roster starts at shift 0) have nobody from this layer.
public struct Roster: Sendable, Hashable {
    /// The instant the roster takes effect (snapped forward to a handoff), or `nil` for "from the start".
    public var effectiveFrom: Date?
    /// Participant names in rotation order; an empty roster puts nobody on call.
    public var participants: [String]

    /// Creates a roster taking effect from `effectiveFrom` (or from the layer's start when `nil`).
    public init(effectiveFrom: Date? = nil, participants: [String]) {
        self.effectiveFrom = effectiveFrom
        self.participants = participants
    }
}
