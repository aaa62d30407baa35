import Testing
@testable import TocsinControllers

@Suite("ProbeSchedule")
struct ProbeScheduleTests {
    private func target(_ name: String, interval: Duration = .seconds(10), url: String = "http://x/") -> ProbeTarget {
        ProbeTarget(id: .init(namespace: "default", monitor: "web", probe: name), url: url, interval: interval)
    }

    @Test func firstCheckIsDueAtTheOffsetThenEveryInterval() {
        var schedule = ProbeSchedule(maximumConcurrency: 4)
        let probe = target("a")
        let offset = probe.firstCheckOffset
        let stale = schedule.update(targets: [probe], now: .seconds(100))
        #expect(stale.isEmpty)
        #expect(schedule.nextDeadline == .seconds(100) + offset)
        let early = schedule.takeDue(now: .seconds(100) + offset - .milliseconds(1))
        #expect(early.isEmpty || offset == .zero)
        let checks = schedule.takeDue(now: .seconds(100) + offset)
        #expect(checks.map(\.target) == [probe])
        #expect(schedule.nextDeadline == nil)  // in flight: not waiting
        let again = schedule.takeDue(now: .seconds(200))
        #expect(again.isEmpty)  // never twice at once
        let accepted = schedule.finish(checks[0])
        #expect(accepted)
        #expect(schedule.nextDeadline == .seconds(110) + offset)
    }

    @Test func aLateCheckIsNextDueOneIntervalAfterNow() {
        var schedule = ProbeSchedule(maximumConcurrency: 4)
        _ = schedule.update(targets: [target("a")], now: .zero)
        let checks = schedule.takeDue(now: .seconds(95))
        #expect(checks.count == 1)
        _ = schedule.finish(checks[0])
        #expect(schedule.nextDeadline == .seconds(105))
    }

    @Test func atMostMaximumConcurrencyChecksStart() {
        var schedule = ProbeSchedule(maximumConcurrency: 4)
        _ = schedule.update(targets: (0..<20).map { target("p\($0)") }, now: .zero)
        let first = schedule.takeDue(now: .seconds(10))
        #expect(first.count == 4)
        #expect(schedule.inFlightCount == 4)
        let full = schedule.takeDue(now: .seconds(10))
        #expect(full.isEmpty)
        #expect(schedule.nextDeadline == nil)
        _ = schedule.finish(first[0])
        let freed = schedule.takeDue(now: .seconds(10))
        #expect(freed.count == 1)
    }

    @Test func updateRemovesAndReschedulesChangedTargets() {
        var schedule = ProbeSchedule(maximumConcurrency: 4)
        let a = target("a")
        let b = target("b")
        _ = schedule.update(targets: [a, b], now: .zero)
        let checks = schedule.takeDue(now: .seconds(10))
        #expect(checks.count == 2)
        let changedA = target("a", url: "http://y/")
        let stale = schedule.update(targets: [changedA], now: .seconds(10))
        #expect(stale == [a.id, b.id])
        #expect(schedule.targets == [changedA])
        // Results of the old checks no longer apply; the removed target stays removed.
        var accepted: [Bool] = []
        for check in checks { accepted.append(schedule.finish(check)) }
        #expect(accepted == [false, false])
        #expect(schedule.inFlightCount == 0)
        #expect(schedule.nextDeadline == .seconds(10) + changedA.firstCheckOffset)
    }

    @Test func unchangedTargetsKeepTheirSchedule() {
        var schedule = ProbeSchedule(maximumConcurrency: 4)
        let a = target("a")
        _ = schedule.update(targets: [a], now: .zero)
        let stale = schedule.update(targets: [a], now: .seconds(7))
        #expect(stale.isEmpty)
        #expect(schedule.nextDeadline == a.firstCheckOffset)
    }
}
