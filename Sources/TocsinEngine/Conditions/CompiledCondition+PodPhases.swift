import Foundation
import TocsinAPI

extension CompiledCondition {
    /// **podFailed**: the pod's phase is `Failed` (Job pods included). Label `reason` = `status.reason` when set;
    /// value 0; detail = `status.reason` (e.g. `Evicted`), else the first container that ended with an error
    /// (`container app: Error (exit code 1)`), else `Failed`.
    func failed(_ pod: WatchedPod) -> Finding? {
        guard pod.phase == "Failed" else { return nil }
        var labels = pod.findingLabels
        var detail = "Failed"
        if let reason = pod.reason {
            labels["reason"] = reason
            detail = reason
        } else if let container = pod.containers.first(where: { ($0.terminatedExitCode ?? 0) != 0 }) {
            let code = container.terminatedExitCode.map { " (exit code \($0))" } ?? ""
            detail = "\(container.title): \(container.terminatedReason ?? "terminated")\(code)"
        }
        return Finding(object: pod.affected(detail), labels: labels)
    }

    /// **podNotReady**: the pod's `Ready` condition is not `True`, except for pods in phase `Succeeded`, pods owned
    /// by a Job and scheduling-gated pods. Value 0; activeSince = the `Ready` condition's `lastTransitionTime`, else
    /// the pod's creation; detail = `not ready (phase Running): container app waiting CrashLoopBackOff`.
    func notReady(_ pod: WatchedPod) -> Finding? {
        guard !pod.isReady, pod.phase != "Succeeded", !pod.isOwnedByJob, !pod.isSchedulingGated else { return nil }
        return Finding(
            object: pod.affected(Self.notReadyDetail(pod)), labels: pod.findingLabels,
            activeSince: pod.readyChangedAt ?? pod.creationTime)
    }

    /// **podPending**: the pod's phase is `Pending` and it is not scheduling-gated. Label `reason` = `Unschedulable`
    /// or the first container's waiting reason; value 0; activeSince = the pod's creation; detail =
    /// `unschedulable: <the scheduler's message>`, else `container app: ContainerCreating`, else `Pending`.
    func pending(_ pod: WatchedPod) -> Finding? {
        guard pod.phase == "Pending", !pod.isSchedulingGated else { return nil }
        var labels = pod.findingLabels
        var detail = "Pending"
        if pod.isUnschedulable {
            labels["reason"] = "Unschedulable"
            detail = "unschedulable" + (pod.schedulingMessage.map { ": \($0)" } ?? "")
        } else if let container = pod.containers.first(where: { $0.waitingReason != nil }),
            let reason = container.waitingReason
        {
            labels["reason"] = reason
            detail = "\(container.title): \(reason)"
        }
        return Finding(object: pod.affected(detail), labels: labels, activeSince: pod.creationTime)
    }

    /// **workloadPodsNotReady** (percent): every pod with an owner (the workload: Deployment through its
    /// ReplicaSet, StatefulSet, DaemonSet, Job, …) that is not in phase `Succeeded` or `Failed` (evicted pods wait for
    /// garbage collection and are replaced) and not scheduling-gated is a member of its workload's group; members
    /// whose `Ready` condition is not `True` match. The group (by default namespace + workload) is active when at
    /// least `percent` % of its members match. Value 0; activeSince of a match = the `Ready` condition's
    /// `lastTransitionTime`, else the pod's creation. Pods without an owner are not a workload and are left out.
    func workloadMember(_ pod: WatchedPod) -> Finding? {
        guard pod.owner != nil, pod.phase != "Succeeded", pod.phase != "Failed", !pod.isSchedulingGated else {
            return nil
        }
        guard !pod.isReady else {
            return Finding(object: pod.affected("ready"), labels: pod.findingLabels, isMatch: false)
        }
        return Finding(
            object: pod.affected(Self.notReadyDetail(pod)), labels: pod.findingLabels,
            activeSince: pod.readyChangedAt ?? pod.creationTime)
    }

    /// `not ready (phase Running): container app waiting CrashLoopBackOff`.
    static func notReadyDetail(_ pod: WatchedPod) -> String {
        var detail = "not ready (phase \(pod.phase ?? "Unknown"))"
        if pod.isUnschedulable {
            detail += ": unschedulable"
        } else if let container = pod.firstUnreadyContainer {
            let state =
                container.waitingReason.map { "waiting \($0)" } ?? container.terminatedReason.map { "terminated \($0)" }
                ?? "not ready"
            detail += ": \(container.title) \(state)"
        }
        return detail
    }
}
