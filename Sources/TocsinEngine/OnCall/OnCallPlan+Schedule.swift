import Foundation
import TocsinAPI

/// Why an ``OnCallScheduleSpec`` cannot become an ``OnCallPlan``: every problem found, each with its field path.
public struct OnCallPlanMappingError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The problems, in spec order (`spec.rotations[0].shiftLength: …`).
    public var errors: [ValidationError]

    /// Creates an error from its problems.
    public init(errors: [ValidationError]) {
        self.errors = errors
    }

    /// The problems, one `field: message` per line.
    public var description: String {
        errors.map(\.description).joined(separator: "\n")
    }
}

extension OnCallPlan {
    /// Maps a schedule spec (as written in an `OnCallSchedule`) to the calculator's plan.
    ///
    /// - Rotations become ``Layer``s in order; a rotation's RFC 3339 `start` becomes the first handoff at or
    ///   after that instant on the rotation's grid (``Layer/init(name:rosters:shift:handoff:firstHandoffAtOrAfter:in:restrictions:)``).
    /// - `shiftLength`: whole hours dividing a day → ``ShiftLength/hours(_:)``; whole weeks →
    ///   ``ShiftLength/weeks(_:)``; other whole days → ``ShiftLength/days(_:)`` (calendar days in `timeZone`).
    /// - Participants' `effectiveFrom`/`effectiveUntil` become one ``Roster`` per distinct change instant, listing
    ///   (in spec order) the participants active from that instant; the first roster lists those without
    ///   `effectiveFrom`. Each roster takes effect at the first handoff at or after its instant.
    /// - Restrictions become ``Restriction``s (no `daysOfWeek` → every day; `24:00` → midnight of the next day).
    /// - Overrides become plan-wide ``Override``s in spec order (a later one wins where they overlap). An
    ///   override naming a `rotation` is accepted only where replacing that rotation's person is the same as
    ///   replacing the schedule's result: the schedule has one rotation, or layering is `precedence` and the
    ///   rotation is the last (highest-precedence) one. Otherwise it is an error at `spec.overrides[i].rotation`.
    ///
    /// Participants' own `timeZone`s are for display and are ignored.
    /// - Throws: ``OnCallPlanMappingError`` listing everything the calculator cannot represent.
    public init(spec: OnCallScheduleSpec) throws(OnCallPlanMappingError) {
        var errors: [ValidationError] = []
        let path = FieldPath("spec")
        let timeZone = TimeZone(identifier: spec.timeZone)
        if timeZone == nil {
            errors.append(ValidationError(
                field: path.child("timeZone").description, code: .invalid,
                message: "unknown time zone \"\(spec.timeZone)\": use an IANA name such as Europe/Amsterdam"))
        }
        let layering = Layering(rawValue: (spec.layering ?? .precedence).rawValue) ?? .precedence
        var layers: [Layer] = []
        for (index, rotation) in spec.rotations.enumerated() {
            let rotationPath = path.child("rotations").index(index)
            if let layer = Self.layer(for: rotation, in: timeZone, at: rotationPath, errors: &errors) {
                layers.append(layer)
            }
        }
        var overrides: [Override] = []
        for (index, override) in (spec.overrides ?? []).enumerated() {
            let overridePath = path.child("overrides").index(index)
            if let rotation = override.rotation,
                !Self.isWholeScheduleOverride(rotation: rotation, spec: spec, layering: layering)
            {
                let last = spec.rotations.last?.name ?? ""
                errors.append(ValidationError(
                    field: overridePath.child("rotation").description, code: .unsupported,
                    message: "an override of one rotation is supported only for the highest-precedence rotation "
                        + "(\"\(last)\", the last in spec.rotations) with precedence layering: remove rotation to "
                        + "replace whoever is on call, or move rotation \"\(rotation)\" last"))
            }
            overrides.append(Override(start: override.start.date, end: override.end.date, participant: override.participant.name))
        }
        guard errors.isEmpty, let timeZone else { throw OnCallPlanMappingError(errors: errors) }
        self.init(timeZone: timeZone, layering: layering, layers: layers, overrides: overrides)
    }

    /// The engine's shift length for a spec's `shiftLength`, or `nil` when it is not whole hours dividing a day
    /// nor whole days.
    public static func shiftLength(for duration: KubeDuration) -> ShiftLength? {
        let hour: Int64 = 3_600_000
        let day = 24 * hour
        let week = 7 * day
        let length = duration.milliseconds
        guard length > 0, length % hour == 0 else { return nil }
        if length < day {
            return day % length == 0 ? .hours(Int(length / hour)) : nil
        }
        if length % week == 0, let weeks = Int(exactly: length / week) { return .weeks(weeks) }
        if length % day == 0, let days = Int(exactly: length / day) { return .days(days) }
        return nil
    }

    /// The rosters of a rotation: one from the start, then one per distinct `effectiveFrom`/`effectiveUntil`.
    public static func rosters(for participants: [Participant]) -> [Roster] {
        var rosters = [Roster(participants: participants.filter { $0.effectiveFrom == nil }.map(\.name))]
        let changes = Set(participants.flatMap { [$0.effectiveFrom?.date, $0.effectiveUntil?.date].compactMap { $0 } })
        for instant in changes.sorted() {
            let active = participants.filter { participant in
                (participant.effectiveFrom.map { $0.date <= instant } ?? true)
                    && (participant.effectiveUntil.map { instant < $0.date } ?? true)
            }
            rosters.append(Roster(effectiveFrom: instant, participants: active.map(\.name)))
        }
        return rosters
    }

    /// The layer of one rotation, or `nil` (with errors added) when a field cannot be represented.
    private static func layer(
        for rotation: Rotation, in timeZone: TimeZone?, at path: FieldPath, errors: inout [ValidationError]
    ) -> Layer? {
        let before = errors.count
        let shift = shiftLength(for: rotation.shiftLength)
        if shift == nil {
            errors.append(ValidationError(
                field: path.child("shiftLength").description, code: .invalid,
                message: "\(rotation.shiftLength) is not supported: use whole hours dividing a day "
                    + "(1h, 2h, 3h, 4h, 6h, 8h, 12h) or whole days (1d, 1w, 14d)"))
        }
        let handoff = TimeOfDay(parsing: rotation.handoffTime)
        if handoff == nil {
            errors.append(ValidationError(
                field: path.child("handoffTime").description, code: .invalid,
                message: "\"\(rotation.handoffTime)\" is not a time of day: write HH:MM, e.g. 09:00"))
        }
        var restrictions: [Restriction] = []
        for (index, window) in (rotation.restrictions ?? []).enumerated() {
            if let restriction = Self.restriction(for: window, at: path.child("restrictions").index(index), errors: &errors) {
                restrictions.append(restriction)
            }
        }
        guard errors.count == before, let shift, let handoff, let timeZone else { return nil }
        return Layer(
            name: rotation.name, rosters: rosters(for: rotation.participants), shift: shift, handoff: handoff,
            firstHandoffAtOrAfter: rotation.start.date, in: timeZone, restrictions: restrictions)
    }

    /// The restriction of one time window, or `nil` (with errors added) when its times are malformed.
    private static func restriction(
        for window: TimeWindow, at path: FieldPath, errors: inout [ValidationError]
    ) -> Restriction? {
        let start = TimeOfDay(parsing: window.startTime)
        if start == nil {
            errors.append(ValidationError(
                field: path.child("startTime").description, code: .invalid,
                message: "\"\(window.startTime)\" is not a time of day: write HH:MM, e.g. 09:00"))
        }
        let end = window.endTime == "24:00" ? TimeOfDay.midnight : TimeOfDay(parsing: window.endTime)
        if end == nil {
            errors.append(ValidationError(
                field: path.child("endTime").description, code: .invalid,
                message: "\"\(window.endTime)\" is not a time of day: write HH:MM (24:00 for the end of the day)"))
        }
        guard let start, let end else { return nil }
        let days = window.daysOfWeek.map { Set($0.map(Self.weekday(for:))) } ?? Weekday.everyDay
        return Restriction(daysOfWeek: days, start: start, end: end)
    }

    /// The engine's weekday for an API day of the week.
    static func weekday(for day: DayOfWeek) -> Weekday {
        switch day {
        case .monday: .monday
        case .tuesday: .tuesday
        case .wednesday: .wednesday
        case .thursday: .thursday
        case .friday: .friday
        case .saturday: .saturday
        case .sunday: .sunday
        }
    }

    /// Whether an override of `rotation` means the same as an override of the whole schedule.
    private static func isWholeScheduleOverride(rotation: String, spec: OnCallScheduleSpec, layering: Layering) -> Bool {
        if spec.rotations.count == 1 { return true }
        return layering == .precedence && spec.rotations.last?.name == rotation
    }
}
