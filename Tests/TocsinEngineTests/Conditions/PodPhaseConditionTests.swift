import Foundation
import Testing
import TocsinAPI
import TocsinEngine

@Suite("Pod phase conditions: failed, not ready, pending, workload share")
struct PodPhaseConditionTests {
    typealias F = ConditionFixtures

    @Test func evictedPodFailedWithItsReason() throws {
        let pod = try F.pod(F.evicted)
        let condition = try F.compile(.podFailed(PodFailedCondition()))
        #expect(condition.finding(for: pod, history: PodHistory(), now: F.now) == Finding(
            object: AffectedObject(kind: "Pod", namespace: "batch", name: "worker-6c8d9-qwert", detail: "Evicted"),
            labels: [
                "app": "worker", "pod-template-hash": "6c8d9", "namespace": "batch", "pod": "worker-6c8d9-qwert",
                "node": "node-c", "workload": "Deployment/worker", "workloadKind": "Deployment",
                "workloadName": "worker", "reason": "Evicted",
            ]))
    }

    @Test func failedPodWithoutReasonNamesTheContainerThatFailed() throws {
        var pod = try F.pod(F.completedJob)
        pod.phase = "Failed"
        pod.containers[0].terminatedReason = "Error"
        pod.containers[0].terminatedExitCode = 2
        let condition = try F.compile(.podFailed(PodFailedCondition()))
        let finding = condition.finding(for: pod, history: PodHistory(), now: F.now)
        #expect(finding?.object.detail == "container backup: Error (exit code 2)")
        #expect(finding?.labels["reason"] == nil)
    }

    @Test(arguments: [F.crashLooping, F.completedJob, F.unschedulable, F.imagePullBackOff])
    func podFailedDoesNotMatchOtherPhases(json: String) throws {
        let condition = try F.compile(.podFailed(PodFailedCondition()))
        #expect(condition.finding(for: try F.pod(json), history: PodHistory(), now: F.now) == nil)
    }

    @Test func notReadyPodCountsFromTheReadyTransition() throws {
        let pod = try F.pod(F.crashLooping)
        let condition = try F.compile(.podNotReady(PodNotReadyCondition()))
        #expect(condition.finding(for: pod, history: PodHistory(), now: F.now) == Finding(
            object: AffectedObject(
                kind: "Pod", namespace: "shop", name: "api-7d4b9c-x2x",
                detail: "not ready (phase Running): container app waiting CrashLoopBackOff"),
            labels: F.apiPodLabels, activeSince: F.time(11, 50)))
    }

    @Test(arguments: [
        (F.crashLooping, "not ready (phase Running): container app waiting CrashLoopBackOff", F.time(11, 50)),
        (F.unschedulable, "not ready (phase Pending): unschedulable", F.time(11, 20)),
        (F.evicted, "not ready (phase Failed): container worker terminated ContainerStatusUnknown", F.time(11, 45)),
        (F.completedJob, nil, nil),
        (F.gated, nil, nil),
        (F.oomKilledThenRunning, nil, nil),
    ] as [(String, String?, Date?)])
    func notReadyExcludesCompletedJobAndGatedPods(json: String, detail: String?, activeSince: Date?) throws {
        let condition = try F.compile(.podNotReady(PodNotReadyCondition()))
        let finding = condition.finding(for: try F.pod(json), history: PodHistory(), now: F.now)
        #expect(finding?.object.detail == detail)
        #expect(finding?.activeSince == activeSince)
    }

    @Test func runningJobPodThatIsNotReadyIsExcluded() throws {
        var pod = try F.pod(F.completedJob)
        pod.phase = "Running"
        let condition = try F.compile(.podNotReady(PodNotReadyCondition()))
        #expect(condition.finding(for: pod, history: PodHistory(), now: F.now) == nil)
    }

    @Test func unschedulablePodIsPendingWithTheSchedulersMessage() throws {
        let pod = try F.pod(F.unschedulable)
        let condition = try F.compile(.podPending(PodPendingCondition()))
        let detail =
            "unschedulable: 0/3 nodes are available: 1 node(s) had untolerated taint "
            + "{node-role.kubernetes.io/control-plane: }, 2 Insufficient memory. preemption: 0/3 nodes are available: "
            + "1 Preemption is not help…"
        #expect(detail.count == 200)
        #expect(condition.finding(for: pod, history: PodHistory(), now: F.now) == Finding(
            object: AffectedObject(kind: "Pod", namespace: "ml", name: "big-0", detail: detail),
            labels: [
                "app": "big", "namespace": "ml", "pod": "big-0", "workload": "StatefulSet/big",
                "workloadKind": "StatefulSet", "workloadName": "big", "reason": "Unschedulable",
            ],
            activeSince: F.time(11, 20)))
    }

    @Test(arguments: [
        (F.imagePullBackOff, "container web: ImagePullBackOff", "ImagePullBackOff"),
        (F.gated, nil, nil),
        (F.crashLooping, nil, nil),
        (F.completedJob, nil, nil),
    ] as [(String, String?, String?)])
    func pendingExcludesGatedPods(json: String, detail: String?, reason: String?) throws {
        let condition = try F.compile(.podPending(PodPendingCondition()))
        let finding = condition.finding(for: try F.pod(json), history: PodHistory(), now: F.now)
        #expect(finding?.object.detail == detail)
        #expect(finding?.labels["reason"] == reason)
    }

    @Test func workloadPodsAreMembersAndNotReadyOnesMatch() throws {
        let notReady = try F.pod(F.crashLooping)
        var ready = notReady
        ready.name = "api-7d4b9c-y3y"
        ready.isReady = true
        ready.containers[0].isReady = true
        ready.containers[0].waitingReason = nil
        var otherReady = ready
        otherReady.name = "api-7d4b9c-z4z"
        let condition = try F.compile(.workloadPodsNotReady(WorkloadPodsNotReadyCondition(percent: 30)))
        #expect(condition.activation == .percentOfMembers(atLeast: 30))
        let findings = [notReady, ready, otherReady].compactMap {
            condition.finding(for: $0, history: PodHistory(), now: F.now)
        }
        #expect(findings.map(\.isMatch) == [true, false, false])
        #expect(findings[0].activeSince == F.time(11, 50))
        #expect(findings[1] == Finding(
            object: AffectedObject(kind: "Pod", namespace: "shop", name: "api-7d4b9c-y3y", detail: "ready"),
            labels: F.apiPodLabels.merging(["pod": "api-7d4b9c-y3y"]) { $1 }, isMatch: false))
        let (isActive, value) = condition.activation.evaluate(findings)
        #expect(isActive)
        #expect(value == 100.0 / 3)
        #expect(!GroupActivation.percentOfMembers(atLeast: 50).evaluate(findings).isActive)
    }

    @Test(arguments: [F.completedJob, F.gated, F.evicted])
    func workloadMembersExcludeFinishedAndGatedPods(json: String) throws {
        let condition = try F.compile(.workloadPodsNotReady(WorkloadPodsNotReadyCondition(percent: 50)))
        #expect(condition.finding(for: try F.pod(json), history: PodHistory(), now: F.now) == nil)
    }

    @Test func podWithoutOwnerIsNoWorkloadMember() throws {
        var pod = try F.pod(F.crashLooping)
        pod.owner = nil
        let condition = try F.compile(.workloadPodsNotReady(WorkloadPodsNotReadyCondition(percent: 50)))
        #expect(condition.finding(for: pod, history: PodHistory(), now: F.now) == nil)
    }

    @Test func podConditionsIgnoreNodesEventsAndProbes() throws {
        let condition = try F.compile(.podNotReady(PodNotReadyCondition()))
        #expect(condition.finding(for: try F.node(F.nodeStatusUnknown), now: F.now) == nil)
        let event = try F.event(F.backOffEvent)
        var history = EventHistory()
        history.record(event, at: F.now)
        #expect(condition.finding(for: event, history: history, now: F.now) == nil)
        #expect(condition.finding(for: WatchedProbe(namespace: "shop", monitor: "m", probe: "p", url: "u"), now: F.now) == nil)
    }
}
