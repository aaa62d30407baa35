import Foundation

/// What the engine remembers about one pod between observations, shared by every rule: restart-count samples (for
/// restarts within a window), when each container was last seen in `CrashLoopBackOff`, and when each was last
/// `OOMKilled`. A value type; its size is bounded (see ``maxRestartSamples``).
///
/// Record every observation of the pod with ``record(_:at:)`` before evaluating conditions on it.
public struct PodHistory: Sendable, Hashable {
    /// The most restart-count samples kept; older ones are forgotten first (restarts within a window are then
    /// counted from the oldest sample kept, so the count can only be too low, never too high).
    public static let maxRestartSamples = 64
    /// The default of ``maxWindow``: 24 h, the longest window any pod condition accepts.
    public static let defaultMaxWindow: Duration = .seconds(24 * 3600)

    /// One sample of the pod's total `restartCount`.
    struct RestartSample: Sendable, Hashable {
        var at: Date
        var restartCount: Int
    }

    /// What is remembered per container.
    struct ContainerTrack: Sendable, Hashable {
        var restartCount: Int
        var isTerminatedOOMKilled = false
        var isCrashLoopBackOff = false
        var lastCrashLoopBackOffAt: Date?
        var lastOOMKilledAt: Date?
    }

    /// The longest window a condition can ask about; older samples are dropped.
    public let maxWindow: Duration
    /// Samples of the total restart count, oldest first, one per change.
    private(set) var restartSamples: [RestartSample] = []
    /// Per container name (names are unique across a pod's init and app containers).
    private(set) var containers: [String: ContainerTrack] = [:]

    /// Creates an empty history keeping samples for `maxWindow`.
    public init(maxWindow: Duration = defaultMaxWindow) {
        self.maxWindow = maxWindow
    }

    /// The number of restart-count samples held (at most ``maxRestartSamples``).
    public var sampleCount: Int { restartSamples.count }

    /// Records an observation of `pod` at `now`.
    ///
    /// - The pod's total `restartCount` is sampled when it changes. The first observation is the baseline: restarts
    ///   before it are not counted in any window. A count that goes down (the pod was recreated under the same name)
    ///   starts a new baseline.
    /// - A container waiting in `CrashLoopBackOff` is remembered as seen so at `now`; so is one that was waiting so at
    ///   the previous observation (it stayed in `CrashLoopBackOff` until this change), so the lookback runs from when
    ///   the container left `CrashLoopBackOff`, not from when it entered it.
    /// - An `OOMKilled` termination is remembered at its `finishedAt`: from `state.terminated`, or from
    ///   `lastState.terminated` (the container restarted since). Without `finishedAt`, at `now` when first seen in
    ///   `state.terminated`, or when seen in `lastState.terminated` together with a `restartCount` increase.
    public mutating func record(_ pod: WatchedPod, at now: Date) {
        recordRestartCount(pod.restartCount, at: now)
        var tracks: [String: ContainerTrack] = [:]
        for container in pod.containers {
            let previous = containers[container.name]
            var track = ContainerTrack(
                restartCount: container.restartCount, lastCrashLoopBackOffAt: previous?.lastCrashLoopBackOffAt,
                lastOOMKilledAt: previous?.lastOOMKilledAt)
            // Waiting in CrashLoopBackOff now, or until now (it was at the previous observation): seen so at `now`.
            track.isCrashLoopBackOff = container.waitingReason == "CrashLoopBackOff"
            if track.isCrashLoopBackOff || previous?.isCrashLoopBackOff == true { track.lastCrashLoopBackOffAt = now }
            if container.terminatedReason == "OOMKilled" {
                track.isTerminatedOOMKilled = true
                let firstSighting = !(previous?.isTerminatedOOMKilled ?? false)
                track.noteOOMKill(at: container.terminatedAt ?? (firstSighting ? now : nil))
            }
            if container.lastTerminatedReason == "OOMKilled" {
                let increased = previous.map { container.restartCount > $0.restartCount } ?? false
                track.noteOOMKill(at: container.lastTerminatedAt ?? (increased ? now : nil))
            }
            tracks[container.name] = track
        }
        containers = tracks
        prune(at: now)
    }

    /// The restarts (all containers together) within `window` before `now`, counted from the samples.
    public func restarts(within window: Duration, now: Date) -> WindowCount {
        guard let latest = restartSamples.last else { return .zero }
        let start = now.addingTimeInterval(-window.seconds)
        let baselineIndex = restartSamples.lastIndex { $0.at <= start } ?? 0
        let count = latest.restartCount - restartSamples[baselineIndex].restartCount
        guard count > 0, baselineIndex + 1 < restartSamples.count else { return .zero }
        return WindowCount(
            count: count, nextDecreaseAt: restartSamples[baselineIndex + 1].at.addingTimeInterval(window.seconds))
    }

    /// When `container` was last seen waiting in `CrashLoopBackOff`, if within ``maxWindow``.
    public func lastCrashLoopBackOff(of container: String) -> Date? {
        containers[container]?.lastCrashLoopBackOffAt
    }

    /// When `container` was last killed for running out of memory, if known and within ``maxWindow``.
    public func lastOOMKill(of container: String) -> Date? {
        containers[container]?.lastOOMKilledAt
    }

    private mutating func recordRestartCount(_ restartCount: Int, at now: Date) {
        guard let latest = restartSamples.last, restartCount >= latest.restartCount else {
            restartSamples = [RestartSample(at: now, restartCount: restartCount)]
            return
        }
        if restartCount > latest.restartCount {
            restartSamples.append(RestartSample(at: now, restartCount: restartCount))
        }
    }

    /// Drops samples older than ``maxWindow`` (keeping the newest of them as the baseline of the longest window)
    /// and sightings older than ``maxWindow``, then caps the samples at ``maxRestartSamples``.
    private mutating func prune(at now: Date) {
        let cutoff = now.addingTimeInterval(-maxWindow.seconds)
        if let baseline = restartSamples.lastIndex(where: { $0.at <= cutoff }), baseline > 0 {
            restartSamples.removeFirst(baseline)
        }
        if restartSamples.count > Self.maxRestartSamples {
            restartSamples.removeFirst(restartSamples.count - Self.maxRestartSamples)
        }
        for (name, track) in containers {
            var kept = track
            if let at = kept.lastCrashLoopBackOffAt, at <= cutoff { kept.lastCrashLoopBackOffAt = nil }
            if let at = kept.lastOOMKilledAt, at <= cutoff { kept.lastOOMKilledAt = nil }
            if kept != track { containers[name] = kept }
        }
    }
}

extension PodHistory.ContainerTrack {
    /// Remembers an OOM kill at `instant` when it is later than the one remembered.
    mutating func noteOOMKill(at instant: Date?) {
        guard let instant else { return }
        lastOOMKilledAt = max(lastOOMKilledAt ?? instant, instant)
    }
}
