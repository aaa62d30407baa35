import Foundation
import TocsinAPI

// Every pod finding carries the labels `namespace`, `pod`, `node` (once scheduled), `workload` (`Deployment/api`),
// `workloadKind` and `workloadName` over the pod's own labels (the built-ins win on a clash), and the pod as its
// affected object. Windows and lookbacks are half-open: something seen at `t` counts until, not at, `t + window`.

extension CompiledCondition {
    /// The finding of a pod condition (or a field condition on pods) about `pod` at `now`; `nil` when the pod is not
    /// relevant or the condition does not evaluate pods. Record `pod` in `history` first.
    public func finding(for pod: WatchedPod, history: PodHistory, now: Date) -> Finding? {
        switch rule {
        case .podCrashLooping(let lookback): crashLooping(pod, history: history, now: now, lookback: lookback)
        case .containerWaiting(let reasons): waiting(pod, reasons: reasons)
        case .containerOOMKilled(let window): oomKilled(pod, history: history, now: now, window: window)
        case .podFailed: failed(pod)
        case .podNotReady: notReady(pod)
        case .podPending: pending(pod)
        case .podRestarts(let count, let window): restarts(pod, history: history, now: now, count: count, window: window)
        case .workloadPodsNotReady: workloadMember(pod)
        case .field(let matcher) where matcher.kind == .pod:
            fieldFinding(matcher, tree: FieldValue(pod), object: pod.affected(""), labels: pod.findingLabels)
        default: nil
        }
    }

    /// **podCrashLooping** (lookback, default 5m): a container (init containers included) is waiting in
    /// `CrashLoopBackOff` now, or was seen so within the lookback (so the condition does not flap while the
    /// container runs between crashes). The container with the most restarts is reported: labels `container` and
    /// `reason: CrashLoopBackOff`; value = its `restartCount`; detail = `container app: CrashLoopBackOff,
    /// 5 restarts, last exit Error (code 1)`; expires at the last sighting + lookback (now + lookback while it is
    /// still in `CrashLoopBackOff`).
    func crashLooping(_ pod: WatchedPod, history: PodHistory, now: Date, lookback: KubeDuration) -> Finding? {
        let start = now.addingTimeInterval(-lookback.timeInterval)
        var matches: [(container: WatchedContainer, seen: Date)] = []
        for container in pod.containers {
            let isNow = container.waitingReason == "CrashLoopBackOff"
            guard let seen = isNow ? now : history.lastCrashLoopBackOff(of: container.name), seen > start else { continue }
            matches.append((container, seen))
        }
        guard let worst = matches.max(by: { $0.container.restartCount < $1.container.restartCount }),
            let lastSeen = matches.map(\.seen).max()
        else { return nil }
        let container = worst.container
        let when = worst.container.waitingReason == "CrashLoopBackOff" ? "" : " within \(lookback)"
        var detail = "\(container.title): CrashLoopBackOff\(when)\(container.restartsPhrase)\(container.lastExitPhrase)"
        if matches.count > 1 { detail += "; \(Self.more(matches.count - 1, "container"))" }
        var labels = pod.findingLabels
        labels["container"] = container.name
        labels["reason"] = "CrashLoopBackOff"
        return Finding(
            object: pod.affected(detail), labels: labels, value: Double(container.restartCount),
            expiresAt: lastSeen.addingTimeInterval(lookback.timeInterval))
    }

    /// **containerWaiting** (reasons, default `ImagePullBackOff`, `ErrImagePull`, `CreateContainerConfigError`,
    /// `CreateContainerError`, `InvalidImageName`): a container (init containers included) is waiting with one of the
    /// reasons. The first such container is reported: labels `container` and `reason`; value 0; detail =
    /// `container app: ImagePullBackOff: <the waiting message>`.
    func waiting(_ pod: WatchedPod, reasons: Set<String>) -> Finding? {
        let waiting = pod.containers.filter { $0.waitingReason.map(reasons.contains) ?? false }
        guard let container = waiting.first, let reason = container.waitingReason else { return nil }
        var detail = "\(container.title): \(reason)"
        if let message = container.waitingMessage, !message.isEmpty { detail += ": \(message)" }
        if waiting.count > 1 { detail += "; \(Self.more(waiting.count - 1, "container"))" }
        var labels = pod.findingLabels
        labels["container"] = container.name
        labels["reason"] = reason
        return Finding(object: pod.affected(detail), labels: labels)
    }

    /// **containerOOMKilled** (window, default 10m): a container was killed with reason `OOMKilled` (in
    /// `state.terminated`, or in `lastState.terminated` once it restarted) and the kill's `finishedAt` is within the
    /// window. The history keeps the kill after a later termination replaces it in `lastState`, and dates a kill
    /// without `finishedAt` by when it was first seen with a `restartCount` increase. The latest kill is reported:
    /// labels `container` and `reason: OOMKilled`; value = the container's `restartCount`; activeSince = the kill;
    /// expires at the kill + window.
    func oomKilled(_ pod: WatchedPod, history: PodHistory, now: Date, window: KubeDuration) -> Finding? {
        let start = now.addingTimeInterval(-window.timeInterval)
        var latest: (container: WatchedContainer, killedAt: Date)?
        for container in pod.containers {
            let kills = [
                container.terminatedReason == "OOMKilled" ? container.terminatedAt : nil,
                container.lastTerminatedReason == "OOMKilled" ? container.lastTerminatedAt : nil,
                history.lastOOMKill(of: container.name),
            ]
            guard let killedAt = kills.compactMap({ $0 }).max(), killedAt > start else { continue }
            if latest.map({ killedAt > $0.killedAt }) ?? true { latest = (container, killedAt) }
        }
        guard let (container, killedAt) = latest else { return nil }
        let detail = "\(container.title): OOMKilled at \(Self.format(killedAt))\(container.restartsPhrase)"
        var labels = pod.findingLabels
        labels["container"] = container.name
        labels["reason"] = "OOMKilled"
        return Finding(
            object: pod.affected(detail), labels: labels, value: Double(container.restartCount), activeSince: killedAt,
            expiresAt: killedAt.addingTimeInterval(window.timeInterval))
    }

    /// **podRestarts** (count, window default 1h): the pod's containers together restarted at least `count` times
    /// within the window, counted from the ``PodHistory`` samples (restarts before the pod was first observed do not
    /// count; a count that goes down starts again). Value = the restarts within the window; detail =
    /// `7 restarts within 1h; most: container app (9 restarts, last exit Error (code 1))`; expires when the oldest
    /// counted restart leaves the window (the engine evaluates again then).
    func restarts(_ pod: WatchedPod, history: PodHistory, now: Date, count: Int, window: KubeDuration) -> Finding? {
        let restarts = history.restarts(within: window.duration, now: now)
        guard restarts.count >= count else { return nil }
        var detail = "\(restarts.count) restarts within \(window)"
        if let top = pod.containers.max(by: { $0.restartCount < $1.restartCount }), top.restartCount > 0 {
            detail += "; most: \(top.title) (\(top.restartsPhrase.dropFirst(2))\(top.lastExitPhrase))"
        }
        return Finding(
            object: pod.affected(detail), labels: pod.findingLabels, value: Double(restarts.count),
            expiresAt: restarts.nextDecreaseAt)
    }

    /// `1 more container`, `2 more containers`.
    static func more(_ count: Int, _ noun: String) -> String {
        count == 1 ? "1 more \(noun)" : "\(count) more \(noun)s"
    }

    /// An instant in RFC 3339, UTC, whole seconds.
    static func format(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(timeZone: .gmt))
    }
}
