import Foundation
import Testing
import TocsinAPI
@testable import TocsinEngine

/// `OnCallScheduleSpec` → `OnCallPlan`: every field, and an error with its path for what the calculator
/// cannot represent.
@Suite("OnCallPlan from an OnCallSchedule spec")
struct OnCallPlanMappingTests {
    typealias F = OnCallFixtures

    static func timestamp(_ text: String) throws -> Timestamp {
        try #require(Timestamp(rfc3339: text), "not RFC 3339: \(text)")
    }

    static func rotation(
        _ name: String, _ participants: [Participant], shiftLength: KubeDuration = .days(1), handoffTime: String = "09:00",
        start: String = "2026-07-01T07:00:00Z", restrictions: [TimeWindow]? = nil
    ) throws -> Rotation {
        Rotation(
            name: name, participants: participants, shiftLength: shiftLength, handoffTime: handoffTime,
            start: try timestamp(start), restrictions: restrictions)
    }

    static func people(_ names: String...) -> [Participant] {
        names.map { Participant(name: $0) }
    }

    @Test("shiftLength: hours dividing a day → hours, whole weeks → weeks, other whole days → days", arguments: [
        ("1h", ShiftLength.hours(1)), ("8h", .hours(8)), ("12h", .hours(12)), ("24h", .days(1)), ("1d", .days(1)),
        ("2d", .days(2)), ("10d", .days(10)), ("1w", .weeks(1)), ("14d", .weeks(2)), ("3w", .weeks(3)),
    ])
    func shiftLengths(text: String, expected: ShiftLength) throws {
        #expect(OnCallPlan.shiftLength(for: try KubeDuration(parsing: text)) == expected)
    }

    @Test("shiftLength the calculator cannot represent", arguments: ["0s", "90m", "5h", "36h", "1d1h", "30m"])
    func unsupportedShiftLengths(text: String) throws {
        #expect(OnCallPlan.shiftLength(for: try KubeDuration(parsing: text)) == nil)
    }

    @Test("start is an instant: the first handoff is the first one at or after it on the rotation's grid", arguments: [
        // 09:00 local (CEST) exactly: that day.
        ("2026-07-01T07:00:00Z", "1d", "09:00", "2026-07-01", "09:00"),
        // 10:00 local: the next day's 09:00.
        ("2026-07-01T08:00:00Z", "1d", "09:00", "2026-07-02", "09:00"),
        // 8-hour slots from 07:00 (07, 15, 23): 10:00 local → the 15:00 slot.
        ("2026-07-01T08:00:00Z", "8h", "07:00", "2026-07-01", "15:00"),
        // Winter (CET): 08:30Z is 09:30 local → next week's grid starts the next day.
        ("2026-01-05T08:30:00Z", "1w", "09:00", "2026-01-06", "09:00"),
    ])
    func start(start: String, shift: String, handoff: String, date: String, time: String) throws {
        let spec = OnCallScheduleSpec(
            timeZone: F.amsterdam,
            rotations: [try Self.rotation(
                "primary", Self.people("ana"), shiftLength: try KubeDuration(parsing: shift), handoffTime: handoff,
                start: start)])
        let layer = try #require(try OnCallPlan(spec: spec).layers.first)
        #expect(layer.start == (try F.date(date)))
        #expect(layer.handoff == (try F.time(time)))
    }

    @Test("a whole spec maps field by field")
    func wholeSpec() throws {
        let spec = OnCallScheduleSpec(
            timeZone: F.newYork, layering: .cumulative,
            rotations: [
                try Self.rotation(
                    "primary", [Participant(name: "ana", slackUserID: "U012345678"), Participant(name: "ben")],
                    shiftLength: .weeks(1), handoffTime: "10:00", start: "2026-07-06T14:00:00Z"),
                try Self.rotation(
                    "business", Self.people("cem"), shiftLength: .hours(8), handoffTime: "09:00",
                    start: "2026-07-06T13:00:00Z",
                    restrictions: [TimeWindow(daysOfWeek: [.monday, .friday], startTime: "09:00", endTime: "17:00")]),
            ],
            overrides: [
                ScheduleOverride(
                    start: try Self.timestamp("2026-07-10T00:00:00Z"), end: try Self.timestamp("2026-07-11T00:00:00Z"),
                    participant: Participant(name: "dan"), reason: "swap"),
            ])

        let plan = try OnCallPlan(spec: spec)

        let expected = OnCallPlan(
            timeZone: try F.zone(F.newYork), layering: .cumulative,
            layers: [
                Layer(
                    name: "primary", rosters: [Roster(participants: ["ana", "ben"])], shift: .weeks(1),
                    handoff: try F.time("10:00"), start: try F.date("2026-07-06")),
                Layer(
                    name: "business", rosters: [Roster(participants: ["cem"])], shift: .hours(8),
                    handoff: try F.time("09:00"), start: try F.date("2026-07-06"),
                    restrictions: [Restriction(daysOfWeek: [.monday, .friday], start: try F.time("09:00"), end: try F.time("17:00"))]),
            ],
            overrides: [
                Override(start: try F.instant("2026-07-10T00:00:00Z"), end: try F.instant("2026-07-11T00:00:00Z"), participant: "dan")
            ])
        #expect(plan == expected)
    }

    @Test("layering defaults to precedence")
    func defaultLayering() throws {
        let spec = OnCallScheduleSpec(timeZone: F.amsterdam, rotations: [try Self.rotation("primary", Self.people("ana"))])
        #expect(try OnCallPlan(spec: spec).layering == .precedence)
    }

    /// A restriction window and the engine restriction it maps to.
    struct WindowCase: Sendable {
        var window: TimeWindow
        var days: Set<Weekday>
        var start: String
        var end: String
    }

    static let windowCases = [
        WindowCase(window: TimeWindow(startTime: "09:00", endTime: "17:00"), days: Weekday.everyDay, start: "09:00", end: "17:00"),
        WindowCase(
            window: TimeWindow(daysOfWeek: [.saturday, .sunday], startTime: "00:00", endTime: "24:00"), days: Weekday.weekend,
            start: "00:00", end: "00:00"),
        WindowCase(
            window: TimeWindow(daysOfWeek: [.friday], startTime: "22:00", endTime: "24:00"), days: [.friday],
            start: "22:00", end: "00:00"),
        WindowCase(
            window: TimeWindow(daysOfWeek: [.monday], startTime: "22:00", endTime: "06:00"), days: [.monday],
            start: "22:00", end: "06:00"),
    ]

    @Test("restrictions: no days means every day, 24:00 is midnight", arguments: windowCases)
    func restrictions(_ item: WindowCase) throws {
        let spec = OnCallScheduleSpec(
            timeZone: F.amsterdam, rotations: [try Self.rotation("primary", Self.people("ana"), restrictions: [item.window])])
        let layer = try #require(try OnCallPlan(spec: spec).layers.first)
        #expect(layer.restrictions == [Restriction(daysOfWeek: item.days, start: try F.time(item.start), end: try F.time(item.end))])
    }

    @Test("effectiveFrom/effectiveUntil become one roster per change instant, participants in spec order")
    func rosterChanges() throws {
        let t1 = try Self.timestamp("2026-07-03T12:00:00Z")
        let t2 = try Self.timestamp("2026-07-08T12:00:00Z")
        let participants = [
            Participant(name: "ana"), Participant(name: "ben", effectiveUntil: t2), Participant(name: "cem", effectiveFrom: t1),
            Participant(name: "dan", effectiveFrom: t1, effectiveUntil: t2),
        ]
        #expect(OnCallPlan.rosters(for: participants) == [
            Roster(participants: ["ana", "ben"]),
            Roster(effectiveFrom: t1.date, participants: ["ana", "ben", "cem", "dan"]),
            Roster(effectiveFrom: t2.date, participants: ["ana", "cem"]),
        ])
    }

    @Test("a roster change takes effect at the next handoff after its instant")
    func rosterChangeSnapsToHandoff() throws {
        let joins = try Self.timestamp("2026-07-03T12:00:00Z")  // 14:00 local: the 07-04 09:00 handoff.
        let spec = OnCallScheduleSpec(
            timeZone: F.amsterdam,
            rotations: [try Self.rotation("primary", [Participant(name: "ana"), Participant(name: "ben", effectiveFrom: joins)])])
        let plan = try OnCallPlan(spec: spec)
        #expect(plan.onCall(at: try F.instant("2026-07-03T20:00:00+02:00")) == ["ana"])
        #expect(plan.onCall(at: try F.instant("2026-07-04T09:00:00+02:00")) == ["ana"])
        #expect(plan.onCall(at: try F.instant("2026-07-05T09:00:00+02:00")) == ["ben"])
    }

    @Test("an override of one rotation is accepted where it equals an override of the schedule", arguments: [
        (OnCallScheduleSpec.Layering.precedence, 1, "primary"),
        (.cumulative, 1, "primary"),
        (.precedence, 2, "secondary"),
    ])
    func rotationOverrideAccepted(layering: OnCallScheduleSpec.Layering, rotations: Int, target: String) throws {
        let spec = try Self.spec(layering: layering, rotations: rotations, overrideTarget: target)
        #expect(try OnCallPlan(spec: spec).overrides.map(\.participant) == ["dan"])
    }

    @Test("an override of a lower or cumulative rotation is refused with its path", arguments: [
        (OnCallScheduleSpec.Layering.precedence, "primary"),
        (.cumulative, "secondary"),
    ])
    func rotationOverrideRefused(layering: OnCallScheduleSpec.Layering, target: String) throws {
        let spec = try Self.spec(layering: layering, rotations: 2, overrideTarget: target)
        #expect(throws: OnCallPlanMappingError(errors: [ValidationError(
            field: "spec.overrides[0].rotation", code: .unsupported,
            message: "an override of one rotation is supported only for the highest-precedence rotation (\"secondary\", "
                + "the last in spec.rotations) with precedence layering: remove rotation to replace whoever is on call, "
                + "or move rotation \"\(target)\" last")])) {
            try OnCallPlan(spec: spec)
        }
    }

    @Test("every field the calculator cannot represent is reported with its path, in spec order")
    func errors() throws {
        let spec = OnCallScheduleSpec(
            timeZone: "Mars/Olympus_Mons",
            rotations: [
                try Self.rotation("primary", Self.people("ana"), shiftLength: .hours(5), handoffTime: "9:00"),
                try Self.rotation(
                    "business", Self.people("ben"),
                    restrictions: [TimeWindow(startTime: "25:00", endTime: "17:60")]),
            ])
        #expect(throws: OnCallPlanMappingError(errors: [
            ValidationError(
                field: "spec.timeZone", code: .invalid,
                message: "unknown time zone \"Mars/Olympus_Mons\": use an IANA name such as Europe/Amsterdam"),
            ValidationError(
                field: "spec.rotations[0].shiftLength", code: .invalid,
                message: "5h is not supported: use whole hours dividing a day (1h, 2h, 3h, 4h, 6h, 8h, 12h) or whole days (1d, 1w, 14d)"),
            ValidationError(
                field: "spec.rotations[0].handoffTime", code: .invalid,
                message: "\"9:00\" is not a time of day: write HH:MM, e.g. 09:00"),
            ValidationError(
                field: "spec.rotations[1].restrictions[0].startTime", code: .invalid,
                message: "\"25:00\" is not a time of day: write HH:MM, e.g. 09:00"),
            ValidationError(
                field: "spec.rotations[1].restrictions[0].endTime", code: .invalid,
                message: "\"17:60\" is not a time of day: write HH:MM (24:00 for the end of the day)"),
        ])) {
            try OnCallPlan(spec: spec)
        }
    }

    /// One or two daily rotations ("primary", "secondary") and one override of `overrideTarget`.
    static func spec(layering: OnCallScheduleSpec.Layering, rotations: Int, overrideTarget: String) throws -> OnCallScheduleSpec {
        let all = [try rotation("primary", people("ana")), try rotation("secondary", people("ben"))]
        return OnCallScheduleSpec(
            timeZone: F.amsterdam, layering: layering, rotations: Array(all.prefix(rotations)),
            overrides: [ScheduleOverride(
                start: try timestamp("2026-07-10T00:00:00Z"), end: try timestamp("2026-07-11T00:00:00Z"),
                participant: Participant(name: "dan"), rotation: overrideTarget)])
    }
}
