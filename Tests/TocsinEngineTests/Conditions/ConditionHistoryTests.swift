import Foundation
import Testing
import TocsinAPI
import TocsinEngine

@Suite("Pod and event histories")
struct ConditionHistoryTests {
    typealias F = ConditionFixtures

    static func pod(restarts: Int) -> WatchedPod {
        WatchedPod(namespace: "shop", name: "p", containers: [WatchedContainer(name: "c", restartCount: restarts)])
    }

    @Test func podHistoryHoldsAtMostItsSampleBound() {
        var history = PodHistory()
        for minute in 0..<1_000 {
            history.record(Self.pod(restarts: minute), at: F.now.addingTimeInterval(Double(minute) * 60))
        }
        #expect(history.sampleCount == PodHistory.maxRestartSamples)
        let end = F.now.addingTimeInterval(999 * 60)
        // Only the last 64 changes are remembered: a 24h window counts 63 of the 999 restarts (too few, never too many).
        #expect(history.restarts(within: .seconds(86_400), now: end).count == 63)
        #expect(history.restarts(within: .seconds(600), now: end) == WindowCount(count: 10, nextDecreaseAt: end.addingTimeInterval(60)))
    }

    @Test func podHistoryDropsSamplesOlderThanItsMaxWindowButKeepsTheBaseline() {
        var history = PodHistory(maxWindow: .seconds(3600))
        history.record(Self.pod(restarts: 0), at: F.time(9, 0))
        history.record(Self.pod(restarts: 1), at: F.time(9, 30))
        history.record(Self.pod(restarts: 2), at: F.time(10, 30))
        history.record(Self.pod(restarts: 4), at: F.time(11, 45))
        #expect(history.sampleCount == 2)
        #expect(history.restarts(within: .seconds(3600), now: F.time(11, 45)) == WindowCount(count: 2, nextDecreaseAt: F.time(12, 45)))
    }

    @Test func podHistoryRecordsOnlyChangesAndResetsWhenTheCounterGoesDown() {
        var history = PodHistory()
        history.record(Self.pod(restarts: 3), at: F.time(11, 0))
        history.record(Self.pod(restarts: 3), at: F.time(11, 10))
        history.record(Self.pod(restarts: 4), at: F.time(11, 20))
        #expect(history.sampleCount == 2)
        #expect(history.restarts(within: .seconds(3600), now: F.now).count == 1)
        history.record(Self.pod(restarts: 0), at: F.time(11, 30))
        #expect(history.sampleCount == 1)
        #expect(history.restarts(within: .seconds(3600), now: F.now) == .zero)
    }

    @Test func podHistoryForgetsCrashLoopSightingsOfRemovedContainersAndOldOnes() {
        var history = PodHistory(maxWindow: .seconds(3600))
        var pod = Self.pod(restarts: 1)
        pod.containers[0].waitingReason = "CrashLoopBackOff"
        history.record(pod, at: F.time(10, 0))
        #expect(history.lastCrashLoopBackOff(of: "c") == F.time(10, 0))
        pod.containers[0].waitingReason = nil
        history.record(pod, at: F.time(11, 0))
        // It was in CrashLoopBackOff until this observation.
        #expect(history.lastCrashLoopBackOff(of: "c") == F.time(11, 0))
        history.record(pod, at: F.time(12, 1))
        #expect(history.lastCrashLoopBackOff(of: "c") == nil)
        pod.containers[0].waitingReason = "CrashLoopBackOff"
        history.record(pod, at: F.time(11, 30))
        pod.containers = [WatchedContainer(name: "other")]
        history.record(pod, at: F.time(11, 31))
        #expect(history.lastCrashLoopBackOff(of: "c") == nil)
    }

    static func event(count: Int, lastSeen: Date) -> WatchedEvent {
        WatchedEvent(
            namespace: "shop", name: "e", involvedObject: .init(kind: "Pod", name: "p"), reason: "BackOff",
            type: "Warning", count: count, firstSeen: F.time(11, 0), lastSeen: lastSeen)
    }

    @Test func eventHistoryHoldsAtMostItsSampleBound() {
        var history = EventHistory()
        for second in 1...1_000 {
            let instant = F.now.addingTimeInterval(Double(second))
            history.record(Self.event(count: second, lastSeen: instant), at: instant)
        }
        #expect(history.sampleCount == EventHistory.maxSamples)
        let end = F.now.addingTimeInterval(1_000)
        #expect(history.occurrences(within: .seconds(600), now: end).count == EventHistory.maxSamples - 1)
        #expect(history.occurrences(within: .seconds(10), now: end) == WindowCount(count: 10, nextDecreaseAt: end.addingTimeInterval(1)))
    }

    @Test func eventHistoryDropsSamplesOlderThanTheMaxWindowWithTheFirstSighting() {
        var history = EventHistory()
        history.record(Self.event(count: 5, lastSeen: F.time(11, 0)), at: F.time(11, 0))
        history.record(Self.event(count: 6, lastSeen: F.time(11, 30)), at: F.time(11, 30))
        history.record(Self.event(count: 8, lastSeen: F.time(12, 40)), at: F.time(12, 40))
        #expect(history.sampleCount == 2)
        #expect(history.occurrences(within: .seconds(3600), now: F.time(12, 40)) == WindowCount(count: 2, nextDecreaseAt: F.time(13, 40)))
    }

    @Test func eventHistoryIgnoresTheSameCountAndRestartsOnALowerOne() {
        var history = EventHistory()
        history.record(Self.event(count: 3, lastSeen: F.time(11, 50)), at: F.time(11, 55))
        history.record(Self.event(count: 3, lastSeen: F.time(11, 50)), at: F.time(11, 56))
        #expect(history.sampleCount == 1)
        // Recreated: a new first sighting of 1 occurrence at 11:57.
        history.record(Self.event(count: 1, lastSeen: F.time(11, 57)), at: F.time(11, 57))
        #expect(history.sampleCount == 1)
        #expect(history.occurrences(within: .seconds(600), now: F.now).count == 1)
    }

    @Test func eventWithoutTimestampsCountsAtItsFirstObservation() {
        var history = EventHistory()
        let event = WatchedEvent(namespace: "shop", name: "e", involvedObject: .init(kind: "Pod", name: "p"), count: 4)
        history.record(event, at: F.time(11, 55))
        #expect(history.occurrences(within: .seconds(600), now: F.now) == WindowCount(count: 4, nextDecreaseAt: F.time(12, 5)))
    }
}
