/// One rotation of a schedule: who takes turns, how long a shift lasts, when it hands off, and when it
/// may be on call.
///
/// Rules:
/// - The first handoff is at `handoff` on `start` in the schedule's zone; before it the layer contributes
///   nobody (a schedule that starts in the future has nobody from this layer until then).
/// - Handoffs follow `shift` (see ``ShiftLength`` for the wall-clock and elapsed-time rules); the shift
///   index at any instant is computed arithmetically — from the local day number and minute of the day on
///   the wall clock, or from elapsed seconds — never by walking the shifts since `start`.
/// - Who takes a shift is decided by ``Roster`` rules.
/// - With `restrictions`, the layer is on call only inside at least one window (see ``Restriction``).
public struct Layer: Sendable, Hashable {
    /// The layer's name, reported as the source of its shifts.
    public var name: String
    /// The rosters, each taking effect from a handoff; see ``Roster`` for the rules.
    public var rosters: [Roster]
    /// How long one shift lasts.
    public var shift: ShiftLength
    /// The wall-clock time of the first handoff; for days and weeks the time of every handoff, for hours the
    /// time the daily slots repeat from.
    public var handoff: TimeOfDay
    /// The local date of the first handoff.
    public var start: LocalDate
    /// Windows during which the layer is on call; empty means always.
    public var restrictions: [Restriction]

    /// Creates a layer.
    public init(
        name: String,
        rosters: [Roster],
        shift: ShiftLength,
        handoff: TimeOfDay,
        start: LocalDate,
        restrictions: [Restriction] = []
    ) {
        self.name = name
        self.rosters = rosters
        self.shift = shift
        self.handoff = handoff
        self.start = start
        self.restrictions = restrictions
    }

    /// Creates a layer with one roster for its whole life.
    public init(
        name: String,
        participants: [String],
        shift: ShiftLength,
        handoff: TimeOfDay,
        start: LocalDate,
        restrictions: [Restriction] = []
    ) {
        self.init(
            name: name,
            rosters: [Roster(participants: participants)],
            shift: shift,
            handoff: handoff,
            start: start,
            restrictions: restrictions
        )
    }
}
