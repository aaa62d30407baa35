/// Parameters of ``AlertCondition/podCrashLooping``.
public struct PodCrashLoopingCondition: Codable, Sendable, Hashable {
    /// A container counts as crash looping if it was in `CrashLoopBackOff` at any time within this lookback, so the
    /// condition does not flap between restarts. Default: `5m`.
    public var lookback: KubeDuration?

    /// Creates the parameters.
    public init(lookback: KubeDuration? = nil) {
        self.lookback = lookback
    }
}

/// Parameters of ``AlertCondition/containerWaiting``.
public struct ContainerWaitingCondition: Codable, Sendable, Hashable {
    /// The waiting reasons that count. Default: `ImagePullBackOff`, `ErrImagePull`, `CreateContainerConfigError`,
    /// `CreateContainerError`, `InvalidImageName`.
    public var reasons: [String]?

    /// Creates the parameters.
    public init(reasons: [String]? = nil) {
        self.reasons = reasons
    }
}

/// Parameters of ``AlertCondition/containerOOMKilled``.
public struct ContainerOOMKilledCondition: Codable, Sendable, Hashable {
    /// How long after the kill (`finishedAt` of the `OOMKilled` termination) the container still counts, so that a
    /// kill followed by a restart is seen and then clears by itself. Default: `10m`; positive, at most `24h`.
    public var window: KubeDuration?

    /// Creates the parameters.
    public init(window: KubeDuration? = nil) {
        self.window = window
    }
}

/// Parameters of ``AlertCondition/podFailed`` (none yet).
public struct PodFailedCondition: Codable, Sendable, Hashable {
    /// Creates the parameters.
    public init() {}
}

/// Parameters of ``AlertCondition/podNotReady`` (none yet).
public struct PodNotReadyCondition: Codable, Sendable, Hashable {
    /// Creates the parameters.
    public init() {}
}

/// Parameters of ``AlertCondition/podPending`` (none yet).
public struct PodPendingCondition: Codable, Sendable, Hashable {
    /// Creates the parameters.
    public init() {}
}

/// Parameters of ``AlertCondition/podRestarts``.
public struct PodRestartsCondition: Codable, Sendable, Hashable {
    /// The number of restarts (all containers of the pod together) that fires; at least 1.
    public var count: Int
    /// The sliding window the restarts are counted in. Default: `1h`.
    public var window: KubeDuration?

    /// Creates the parameters.
    public init(count: Int, window: KubeDuration? = nil) {
        self.count = count
        self.window = window
    }
}

/// Parameters of ``AlertCondition/workloadPodsNotReady``.
public struct WorkloadPodsNotReadyCondition: Codable, Sendable, Hashable {
    /// Fires when at least this percentage (1–100) of a workload's pods are not ready. Pods are grouped by their
    /// controller (Deployment through its ReplicaSet, StatefulSet, DaemonSet, Job).
    public var percent: Int

    /// Creates the parameters.
    public init(percent: Int) {
        self.percent = percent
    }
}
