import Foundation
import Testing
import TocsinAPI
import TocsinEngine

@Suite("Container conditions: crash looping, waiting, OOMKilled, restarts")
struct PodContainerConditionTests {
    typealias F = ConditionFixtures

    @Test func crashLoopingPodMatchesWithTheContainerAndItsLastExit() throws {
        let pod = try F.pod(F.crashLooping)
        let condition = try F.compile(.podCrashLooping(PodCrashLoopingCondition()))
        let finding = condition.finding(for: pod, history: F.history((pod, F.now)), now: F.now)
        var labels = F.apiPodLabels
        labels["container"] = "app"
        labels["reason"] = "CrashLoopBackOff"
        #expect(finding == Finding(
            object: AffectedObject(
                kind: "Pod", namespace: "shop", name: "api-7d4b9c-x2x",
                detail: "container app: CrashLoopBackOff, 5 restarts, last exit Error (code 1)"),
            labels: labels, value: 5, expiresAt: F.time(12, 5)))
        #expect(condition.kind == .pod)
        #expect(condition.activation == .anyMatch)
        #expect(condition.historyWindow == .seconds(300))
    }

    /// In CrashLoopBackOff from 12:00 until 12:01, running again (6 restarts) from 12:01: it still counts until 12:06.
    @Test(arguments: [
        (60.0, true), (299.0, true), (359.0, true), (360.0, false), (3600.0, false),
    ])
    func crashLoopingHoldsForTheLookbackAfterTheLastSighting(secondsLater: Double, matches: Bool) throws {
        let looping = try F.pod(F.crashLooping)
        var running = looping
        running.containers[0].waitingReason = nil
        running.containers[0].waitingMessage = nil
        running.containers[0].restartCount = 6
        let later = F.now.addingTimeInterval(secondsLater)
        let history = F.history((looping, F.now), (running, F.time(12, 1)), (running, later))
        let condition = try F.compile(.podCrashLooping(PodCrashLoopingCondition()))
        let finding = condition.finding(for: running, history: history, now: later)
        if matches {
            #expect(finding?.object.detail == "container app: CrashLoopBackOff within 5m, 6 restarts, last exit Error (code 1)")
            #expect(finding?.value == 6)
            #expect(finding?.expiresAt == F.time(12, 6))
        } else {
            #expect(finding == nil)
        }
    }

    @Test func crashLoopingLookbackIsAParameter() throws {
        let looping = try F.pod(F.crashLooping)
        var running = looping
        running.containers[0].waitingReason = nil
        let history = F.history((looping, F.now), (running, F.time(12, 3)))
        let oneMinute = try F.compile(.podCrashLooping(PodCrashLoopingCondition(lookback: .minutes(1))))
        let tenMinutes = try F.compile(.podCrashLooping(PodCrashLoopingCondition(lookback: .minutes(10))))
        // The lookback runs from 12:03, when it left CrashLoopBackOff.
        #expect(oneMinute.finding(for: running, history: history, now: F.time(12, 3))?.expiresAt == F.time(12, 4))
        #expect(oneMinute.finding(for: running, history: history, now: F.time(12, 4)) == nil)
        #expect(tenMinutes.finding(for: running, history: history, now: F.time(12, 4))?.expiresAt == F.time(12, 13))
    }

    @Test(arguments: [F.imagePullBackOff, F.oomKilledThenRunning, F.completedJob, F.unschedulable])
    func crashLoopingDoesNotMatchOtherPods(json: String) throws {
        let pod = try F.pod(json)
        let condition = try F.compile(.podCrashLooping(PodCrashLoopingCondition()))
        #expect(condition.finding(for: pod, history: F.history((pod, F.now)), now: F.now) == nil)
    }

    @Test func imagePullBackOffIsWaitingWithItsMessage() throws {
        let pod = try F.pod(F.imagePullBackOff)
        let condition = try F.compile(.containerWaiting(ContainerWaitingCondition()))
        #expect(condition.finding(for: pod, history: PodHistory(), now: F.now) == Finding(
            object: AffectedObject(
                kind: "Pod", namespace: "shop", name: "web-5f6d8-abcde",
                detail: "container web: ImagePullBackOff: Back-off pulling image \"registry.example.com/shop/web:2.0.0-rc1\""),
            labels: [
                "app": "web", "pod-template-hash": "5f6d8", "namespace": "shop", "pod": "web-5f6d8-abcde",
                "node": "node-b", "workload": "Deployment/web", "workloadKind": "Deployment", "workloadName": "web",
                "container": "web", "reason": "ImagePullBackOff",
            ]))
    }

    @Test(arguments: [
        (F.imagePullBackOff, nil, "ImagePullBackOff"),
        (F.crashLooping, nil, nil),
        (F.crashLooping, ["CrashLoopBackOff"], "CrashLoopBackOff"),
        (F.imagePullBackOff, ["ErrImagePull"], nil),
        (F.oomKilledThenRunning, nil, nil),
    ] as [(String, [String]?, String?)])
    func waitingMatchesOnlyTheListedReasons(json: String, reasons: [String]?, reason: String?) throws {
        let pod = try F.pod(json)
        let condition = try F.compile(.containerWaiting(ContainerWaitingCondition(reasons: reasons)))
        #expect(condition.finding(for: pod, history: PodHistory(), now: F.now)?.labels["reason"] == reason)
    }

    @Test func oomKilledInLastStateMatchesWithinTheWindow() throws {
        let pod = try F.pod(F.oomKilledThenRunning)
        let condition = try F.compile(.containerOOMKilled(ContainerOOMKilledCondition()))
        #expect(condition.finding(for: pod, history: F.history((pod, F.now)), now: F.now) == Finding(
            object: AffectedObject(
                kind: "Pod", namespace: "shop", name: "cache-0",
                detail: "container redis: OOMKilled at 2026-03-10T11:56:00Z, 1 restart"),
            labels: [
                "app": "cache", "controller-revision-hash": "cache-6b9f", "namespace": "shop", "pod": "cache-0",
                "node": "node-a", "workload": "StatefulSet/cache", "workloadKind": "StatefulSet",
                "workloadName": "cache", "container": "redis", "reason": "OOMKilled",
            ],
            value: 1, activeSince: F.time(11, 56), expiresAt: F.time(12, 6)))
        #expect(condition.historyWindow == .seconds(600))
    }

    /// Killed at 11:56 with the default 10m window: it counts until, not at, 12:06.
    @Test(arguments: [(F.time(12, 5, 59), true), (F.time(12, 6), false), (F.time(13, 0), false)])
    func oomKilledWindowEdges(now: Date, matches: Bool) throws {
        let pod = try F.pod(F.oomKilledThenRunning)
        let condition = try F.compile(.containerOOMKilled(ContainerOOMKilledCondition()))
        #expect((condition.finding(for: pod, history: F.history((pod, now)), now: now) != nil) == matches)
    }

    @Test func oomKilledStaysAfterALaterCrashReplacesLastState() throws {
        let killed = try F.pod(F.oomKilledThenRunning)
        var crashed = killed
        crashed.containers[0].restartCount = 2
        crashed.containers[0].lastTerminatedReason = "Error"
        crashed.containers[0].lastTerminatedExitCode = 1
        crashed.containers[0].lastTerminatedAt = F.time(12, 1, 30)
        let history = F.history((killed, F.now), (crashed, F.time(12, 2)))
        let condition = try F.compile(.containerOOMKilled(ContainerOOMKilledCondition()))
        let finding = condition.finding(for: crashed, history: history, now: F.time(12, 2))
        #expect(finding?.activeSince == F.time(11, 56))
        #expect(finding?.expiresAt == F.time(12, 6))
        #expect(finding?.object.detail == "container redis: OOMKilled at 2026-03-10T11:56:00Z, 2 restarts")
        #expect(condition.finding(for: crashed, history: PodHistory(), now: F.time(12, 2)) == nil)
    }

    @Test func oomKilledWithoutFinishedAtIsDatedByTheRestartThatShowedIt() throws {
        var before = try F.pod(F.oomKilledThenRunning)
        before.containers[0].lastTerminatedAt = nil
        var after = before
        after.containers[0].restartCount = 2
        let condition = try F.compile(.containerOOMKilled(ContainerOOMKilledCondition(window: .minutes(5))))
        // First sighting: an OOM kill of unknown age does not count.
        #expect(condition.finding(for: before, history: F.history((before, F.now)), now: F.now) == nil)
        let history = F.history((before, F.now), (after, F.time(12, 3)))
        let finding = condition.finding(for: after, history: history, now: F.time(12, 4))
        #expect(finding?.activeSince == F.time(12, 3))
        #expect(finding?.expiresAt == F.time(12, 8))
    }

    @Test func oomKilledInCurrentStateOfAJobPod() throws {
        var pod = try F.pod(F.completedJob)
        pod.phase = "Failed"
        pod.containers[0].terminatedReason = "OOMKilled"
        pod.containers[0].terminatedExitCode = 137
        pod.containers[0].terminatedAt = F.time(11, 58)
        let condition = try F.compile(.containerOOMKilled(ContainerOOMKilledCondition()))
        let finding = condition.finding(for: pod, history: F.history((pod, F.now)), now: F.now)
        #expect(finding?.object.detail == "container backup: OOMKilled at 2026-03-10T11:58:00Z, 0 restarts")
        #expect(finding?.labels["workload"] == "Job/backup-29012345")
        #expect(finding?.expiresAt == F.time(12, 8))
    }

    /// Restart totals 0 at 11:00, 2 at 11:20, 5 at 11:50.
    @Test(arguments: [
        (3, F.time(12, 0), 5, F.time(12, 20)),
        (5, F.time(12, 0), 5, F.time(12, 20)),
        (6, F.time(12, 0), nil, nil),
        (3, F.time(12, 20), 3, F.time(12, 50)),
        (4, F.time(12, 20), nil, nil),
        (1, F.time(12, 50), nil, nil),
    ] as [(Int, Date, Int?, Date?)])
    func restartsCountWithinTheWindow(count: Int, now: Date, expected: Int?, expiresAt: Date?) throws {
        let pod = try F.pod(F.crashLooping)
        let history = F.history(
            (Self.withRestarts(pod, 0), F.time(11, 0)), (Self.withRestarts(pod, 2), F.time(11, 20)),
            (pod, F.time(11, 50)))
        let condition = try F.compile(.podRestarts(PodRestartsCondition(count: count)))
        let finding = condition.finding(for: pod, history: history, now: now)
        #expect(finding?.value == expected.map(Double.init))
        #expect(finding?.expiresAt == expiresAt)
        if expected == 5 {
            #expect(finding?.object.detail == "5 restarts within 1h; most: container app (5 restarts, last exit Error (code 1))")
            #expect(finding?.labels == F.apiPodLabels)
        }
    }

    @Test func restartsBeforeTheFirstSightingAndAcrossARecreationDoNotCount() throws {
        let pod = try F.pod(F.crashLooping)
        let condition = try F.compile(.podRestarts(PodRestartsCondition(count: 1, window: .minutes(30))))
        #expect(condition.finding(for: pod, history: F.history((pod, F.time(11, 50))), now: F.now) == nil)
        let recreated = Self.withRestarts(pod, 1)
        let history = F.history((pod, F.time(11, 50)), (recreated, F.time(11, 55)))
        #expect(condition.finding(for: recreated, history: history, now: F.now) == nil)
        let restartedAgain = Self.withRestarts(pod, 3)
        let later = F.history((pod, F.time(11, 50)), (recreated, F.time(11, 55)), (restartedAgain, F.time(11, 58)))
        #expect(condition.finding(for: restartedAgain, history: later, now: F.now)?.value == 2)
    }

    static func withRestarts(_ pod: WatchedPod, _ restarts: Int) -> WatchedPod {
        var copy = pod
        copy.containers[0].restartCount = restarts
        return copy
    }
}
