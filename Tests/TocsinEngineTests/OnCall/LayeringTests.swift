import Foundation
import Testing
@testable import TocsinEngine

/// Precedence and cumulative layering, and overrides on top of both.
@Suite("On-call layering and overrides")
struct LayeringTests {
    typealias F = OnCallFixtures

    /// "primary" rotates ana/ben daily at 09:00 (ben on 2026-07-06, ana on 07-07); "business" puts cem on
    /// call on weekdays 09:00–17:00.
    static func plan(_ layering: Layering, overrides: [Override] = []) throws -> OnCallPlan {
        var plan = try F.plan(
            F.amsterdam,
            F.layer("primary", ["ana", "ben"], start: "2026-07-01"),
            F.layer("business", ["cem"], start: "2026-07-01",
                    restrictions: [F.window(Weekday.weekdays, "09:00", "17:00")]),
            layering: layering
        )
        plan.overrides = overrides
        return plan
    }

    @Test("precedence: the last layer with someone wins; cumulative: everyone, in layer order", arguments: [
        (Layering.precedence, "2026-07-06T10:00:00+02:00", ["cem"]),
        (.precedence, "2026-07-06T18:00:00+02:00", ["ben"]),
        (.precedence, "2026-07-11T10:00:00+02:00", ["ana"]),
        (.cumulative, "2026-07-06T10:00:00+02:00", ["ben", "cem"]),
        (.cumulative, "2026-07-06T18:00:00+02:00", ["ben"]),
    ])
    func layering(layering: Layering, at: String, expected: [String]) throws {
        #expect(try Self.plan(layering).onCall(at: try F.instant(at)) == expected)
    }

    @Test("cumulative layering lists a person on call in two layers once")
    func cumulativeDeduplicates() throws {
        var plan = try Self.plan(.cumulative)
        plan.layers.insert(try F.layer("shadow", ["cem"], start: "2026-07-01"), at: 0)
        #expect(plan.onCall(at: try F.instant("2026-07-06T10:00:00+02:00")) == ["cem", "ben"])
    }

    @Test("cumulative shifts change when any layer changes and name every contributing layer")
    func cumulativeShifts() throws {
        let shifts = try Self.plan(.cumulative).shifts(
            in: try F.instant("2026-07-06T09:00:00+02:00")..<F.instant("2026-07-07T09:00:00+02:00"))
        #expect(shifts == [
            Shift(participants: ["ben", "cem"], start: try F.instant("2026-07-06T09:00:00+02:00"),
                  end: try F.instant("2026-07-06T17:00:00+02:00"), sources: [.layer("primary"), .layer("business")]),
            Shift(participants: ["ben"], start: try F.instant("2026-07-06T17:00:00+02:00"),
                  end: try F.instant("2026-07-07T09:00:00+02:00"), sources: [.layer("primary")]),
        ])
    }

    struct OverrideCase: Sendable, CustomTestStringConvertible {
        let name: String
        let layering: Layering
        let overrides: [(String, String, String)]
        let expected: [(String, String, [String])]
        var testDescription: String { name }
    }

    static let overrideCases: [OverrideCase] = [
        OverrideCase(name: "single", layering: .precedence,
                     overrides: [("2026-07-06T18:00:00+02:00", "2026-07-06T20:00:00+02:00", "zoe")],
                     expected: [("2026-07-06T17:00:00+02:00", "2026-07-06T18:00:00+02:00", ["ben"]),
                                ("2026-07-06T18:00:00+02:00", "2026-07-06T20:00:00+02:00", ["zoe"]),
                                ("2026-07-06T20:00:00+02:00", "2026-07-07T09:00:00+02:00", ["ben"]),
                                ("2026-07-07T09:00:00+02:00", "2026-07-07T17:00:00+02:00", ["cem"])]),
        OverrideCase(name: "overlapping, later wins", layering: .precedence,
                     overrides: [("2026-07-06T18:00:00+02:00", "2026-07-06T22:00:00+02:00", "zoe"),
                                 ("2026-07-06T19:00:00+02:00", "2026-07-06T20:00:00+02:00", "yan")],
                     expected: [("2026-07-06T17:00:00+02:00", "2026-07-06T18:00:00+02:00", ["ben"]),
                                ("2026-07-06T18:00:00+02:00", "2026-07-06T19:00:00+02:00", ["zoe"]),
                                ("2026-07-06T19:00:00+02:00", "2026-07-06T20:00:00+02:00", ["yan"]),
                                ("2026-07-06T20:00:00+02:00", "2026-07-06T22:00:00+02:00", ["zoe"]),
                                ("2026-07-06T22:00:00+02:00", "2026-07-07T09:00:00+02:00", ["ben"]),
                                ("2026-07-07T09:00:00+02:00", "2026-07-07T17:00:00+02:00", ["cem"])]),
        OverrideCase(name: "overlapping, the later one covers the earlier", layering: .precedence,
                     overrides: [("2026-07-06T19:00:00+02:00", "2026-07-06T20:00:00+02:00", "yan"),
                                 ("2026-07-06T18:00:00+02:00", "2026-07-06T22:00:00+02:00", "zoe")],
                     expected: [("2026-07-06T17:00:00+02:00", "2026-07-06T18:00:00+02:00", ["ben"]),
                                ("2026-07-06T18:00:00+02:00", "2026-07-06T22:00:00+02:00", ["zoe"]),
                                ("2026-07-06T22:00:00+02:00", "2026-07-07T09:00:00+02:00", ["ben"]),
                                ("2026-07-07T09:00:00+02:00", "2026-07-07T17:00:00+02:00", ["cem"])]),
        OverrideCase(name: "spanning the 09:00 handoff, replacing everyone (cumulative)", layering: .cumulative,
                     overrides: [("2026-07-07T06:00:00+02:00", "2026-07-07T12:00:00+02:00", "zoe")],
                     expected: [("2026-07-06T17:00:00+02:00", "2026-07-07T06:00:00+02:00", ["ben"]),
                                ("2026-07-07T06:00:00+02:00", "2026-07-07T12:00:00+02:00", ["zoe"]),
                                ("2026-07-07T12:00:00+02:00", "2026-07-07T17:00:00+02:00", ["ana", "cem"])]),
    ]

    @Test("overrides replace everyone during their window", arguments: overrideCases)
    func overrides(testCase: OverrideCase) throws {
        let overrides = try testCase.overrides.map { start, end, participant in
            Override(start: try F.instant(start), end: try F.instant(end), participant: participant)
        }
        let plan = try Self.plan(testCase.layering, overrides: overrides)
        let shifts = plan.shifts(in: try F.instant("2026-07-06T17:00:00+02:00")..<F.instant("2026-07-07T17:00:00+02:00"))

        #expect(shifts.map(\.start) == (try testCase.expected.map { try F.instant($0.0) }))
        #expect(shifts.map(\.end) == (try testCase.expected.map { try F.instant($0.1) }))
        #expect(shifts.map(\.participants) == testCase.expected.map(\.2))
        for shift in shifts where shift.sources == [.override] {
            #expect(plan.onCall(at: shift.start) == shift.participants)
        }
    }

    @Test("an override for the person already on call merges into one shift with both sources")
    func overrideForSamePersonMerges() throws {
        let override = Override(start: try F.instant("2026-07-06T20:00:00+02:00"),
                                end: try F.instant("2026-07-06T23:00:00+02:00"), participant: "ben")
        let plan = try Self.plan(.precedence, overrides: [override])
        let shifts = plan.shifts(in: try F.instant("2026-07-06T17:00:00+02:00")..<F.instant("2026-07-07T09:00:00+02:00"))

        #expect(shifts == [Shift(participants: ["ben"], start: try F.instant("2026-07-06T17:00:00+02:00"),
                                 end: try F.instant("2026-07-07T09:00:00+02:00"), sources: [.layer("primary"), .override])])
    }

    @Test("an override that ends before it starts covers nothing")
    func emptyOverride() throws {
        let override = Override(start: try F.instant("2026-07-06T20:00:00+02:00"),
                                end: try F.instant("2026-07-06T19:00:00+02:00"), participant: "zoe")
        let plan = try Self.plan(.precedence, overrides: [override])
        #expect(plan.onCall(at: try F.instant("2026-07-06T19:30:00+02:00")) == ["ben"])
    }
}
