import Foundation
import Testing
import TocsinAPI
import TocsinEngine

@Suite("The warningEvent condition")
struct WarningEventConditionTests {
    typealias F = ConditionFixtures

    static func history(_ observations: (WatchedEvent, Date)...) -> EventHistory {
        var history = EventHistory()
        for (event, instant) in observations { history.record(event, at: instant) }
        return history
    }

    @Test func backOffEventMatchesWithItsInvolvedPod() throws {
        let event = try F.event(F.backOffEvent)
        let condition = try F.compile(.warningEvent(WarningEventCondition(reasons: ["BackOff"])))
        #expect(condition.kind == .event)
        #expect(condition.activation == .sum(atLeast: 1))
        #expect(condition.historyWindow == .seconds(600))
        // 7 occurrences spread evenly from 11:10 to 11:58 (every 8 minutes): only 11:58 is after 11:50.
        #expect(condition.finding(for: event, history: Self.history((event, F.now)), now: F.now) == Finding(
            object: AffectedObject(
                kind: "Pod", namespace: "shop", name: "api-7d4b9c-x2x",
                detail: "Back-off restarting failed container app in pod api-7d4b9c-x2x_shop(3f5e2a90-6f0b-4c57-9d1e-0c2b9a7e4d11)"),
            labels: [
                "namespace": "shop", "reason": "BackOff", "kind": "Pod", "name": "api-7d4b9c-x2x",
                "object": "Pod/api-7d4b9c-x2x",
            ],
            value: 1, expiresAt: F.time(12, 8)))
    }

    /// First seen at 12:00 with count 7 (11:10 … 11:58, every 8 minutes).
    @Test(arguments: [
        (KubeDuration.minutes(10), F.time(12, 0), 1, F.time(12, 8)),
        (.minutes(30), F.time(12, 0), 4, F.time(12, 4)),
        (.hours(1), F.time(12, 0), 7, F.time(12, 10)),
        (.minutes(10), F.time(12, 7, 59), 1, F.time(12, 8)),
        (.minutes(10), F.time(12, 8), nil, nil),
    ] as [(KubeDuration, Date, Int?, Date?)])
    func occurrencesOfAFirstSightingSpreadBetweenFirstAndLastSeen(
        window: KubeDuration, now: Date, count: Int?, expiresAt: Date?
    ) throws {
        let event = try F.event(F.backOffEvent)
        let condition = try F.compile(.warningEvent(WarningEventCondition(window: window)))
        let finding = condition.finding(for: event, history: Self.history((event, F.now)), now: now)
        #expect(finding?.value == count.map(Double.init))
        #expect(finding?.expiresAt == expiresAt)
    }

    /// A MODIFIED event at 12:01 with count 9: two repeats observed by us, on top of the 11:58 occurrence.
    @Test(arguments: [
        (F.time(12, 1), 3, F.time(12, 8)),
        (F.time(12, 8), 2, F.time(12, 11)),
        (F.time(12, 10, 59), 2, F.time(12, 11)),
        (F.time(12, 11), nil, nil),
    ] as [(Date, Int?, Date?)])
    func modifiedEventsWithAHigherCountAreRepeats(now: Date, count: Int?, expiresAt: Date?) throws {
        let event = try F.event(F.backOffEvent)
        var repeated = event
        repeated.count = 9
        repeated.lastSeen = F.time(12, 1)
        let history = Self.history((event, F.now), (repeated, F.time(12, 1)), (repeated, now))
        let condition = try F.compile(.warningEvent(WarningEventCondition()))
        let finding = condition.finding(for: repeated, history: history, now: now)
        #expect(finding?.value == count.map(Double.init))
        #expect(finding?.expiresAt == expiresAt)
    }

    @Test func seriesEventCountsEveryOccurrenceSinceItsEventTime() throws {
        let event = try F.event(F.failedSchedulingSeries)
        #expect(event.count == 4)
        let condition = try F.compile(.warningEvent(WarningEventCondition(reasonPattern: "^Failed", minCount: 5)))
        #expect(condition.activation == .sum(atLeast: 5))
        let finding = try #require(condition.finding(for: event, history: Self.history((event, F.now)), now: F.now))
        #expect(finding.value == 4)
        #expect(finding.object == AffectedObject(
            kind: "Pod", namespace: "ml", name: "big-0", detail: "0/3 nodes are available: 2 Insufficient memory."))
        let expiresAt = try #require(finding.expiresAt)
        #expect(abs(expiresAt.timeIntervalSince(F.time(12, 7, 0.123456))) < 0.001)
        #expect(!condition.activation.evaluate([finding]).isActive)
        #expect(condition.activation.evaluate([finding, finding]) == (true, 8))
    }

    @Test(arguments: [
        (WarningEventCondition(reasons: ["BackOff", "Failed"]), true),
        (WarningEventCondition(reasons: ["FailedMount"]), false),
        (WarningEventCondition(reasonPattern: "^Back"), true),
        (WarningEventCondition(reasonPattern: "^back"), false),
        (WarningEventCondition(messagePattern: "restarting failed container"), true),
        (WarningEventCondition(messagePattern: "image"), false),
        (WarningEventCondition(involvedKinds: ["Pod"]), true),
        (WarningEventCondition(involvedKinds: ["Node", "PersistentVolumeClaim"]), false),
        (WarningEventCondition(), true),
    ])
    func filtersOnReasonMessageAndInvolvedKind(parameters: WarningEventCondition, matches: Bool) throws {
        let event = try F.event(F.backOffEvent)
        let condition = try F.compile(.warningEvent(parameters))
        let finding = condition.finding(for: event, history: Self.history((event, F.now)), now: F.now)
        #expect((finding != nil) == matches)
    }

    @Test func normalEventsAndEventsWithoutTheFilteredFieldDoNotMatch() throws {
        var event = try F.event(F.backOffEvent)
        let history = Self.history((event, F.now))
        let any = try F.compile(.warningEvent(WarningEventCondition()))
        event.type = "Normal"
        #expect(any.finding(for: event, history: history, now: F.now) == nil)
        event.type = "Warning"
        event.message = nil
        let byMessage = try F.compile(.warningEvent(WarningEventCondition(messagePattern: ".*")))
        #expect(byMessage.finding(for: event, history: history, now: F.now) == nil)
        #expect(any.finding(for: event, history: history, now: F.now) != nil)
    }

    @Test func eventFirstSeenAfterItsLastOccurrenceLeftTheWindowIsNotRelevant() throws {
        let event = try F.event(F.backOffEvent)
        let condition = try F.compile(.warningEvent(WarningEventCondition(window: .minutes(1))))
        #expect(condition.finding(for: event, history: Self.history((event, F.now)), now: F.now) == nil)
        #expect(condition.finding(for: event, history: EventHistory(), now: F.now) == nil)
    }
}
