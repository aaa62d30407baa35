import Foundation
import KubeCore

/// What the engine keeps of one container status: readiness, restarts, and why it waits or ended.
public struct WatchedContainer: Sendable, Hashable {
    /// The container's name.
    public var name: String
    /// Whether it is an init container.
    public var isInit: Bool
    /// `ready`.
    public var isReady: Bool
    /// `restartCount`.
    public var restartCount: Int
    /// `state.waiting.reason` (e.g. `CrashLoopBackOff`, `ImagePullBackOff`), while waiting.
    public var waitingReason: String?
    /// `state.waiting.message`, cut to ``WatchedPod/maxMessageLength`` characters.
    public var waitingMessage: String?
    /// `state.terminated.reason` (e.g. `OOMKilled`, `Error`, `Completed`), while terminated.
    public var terminatedReason: String?
    /// `state.terminated.exitCode`, while terminated.
    public var terminatedExitCode: Int?
    /// `state.terminated.finishedAt`, while terminated.
    public var terminatedAt: Date?
    /// `lastState.terminated.reason`: why the previous run ended.
    public var lastTerminatedReason: String?
    /// `lastState.terminated.exitCode`.
    public var lastTerminatedExitCode: Int?
    /// `lastState.terminated.finishedAt`.
    public var lastTerminatedAt: Date?

    /// Creates a container summary.
    public init(
        name: String, isInit: Bool = false, isReady: Bool = false, restartCount: Int = 0, waitingReason: String? = nil,
        waitingMessage: String? = nil, terminatedReason: String? = nil, terminatedExitCode: Int? = nil,
        terminatedAt: Date? = nil, lastTerminatedReason: String? = nil, lastTerminatedExitCode: Int? = nil,
        lastTerminatedAt: Date? = nil
    ) {
        self.name = name
        self.isInit = isInit
        self.isReady = isReady
        self.restartCount = restartCount
        self.waitingReason = waitingReason
        self.waitingMessage = waitingMessage
        self.terminatedReason = terminatedReason
        self.terminatedExitCode = terminatedExitCode
        self.terminatedAt = terminatedAt
        self.lastTerminatedReason = lastTerminatedReason
        self.lastTerminatedExitCode = lastTerminatedExitCode
        self.lastTerminatedAt = lastTerminatedAt
    }

    /// The summary of a container status.
    public init(_ status: ContainerStatus, isInit: Bool) {
        let terminated = status.state?.terminated
        let last = status.lastState?.terminated
        self.init(
            name: status.name, isInit: isInit, isReady: status.ready, restartCount: Int(status.restartCount),
            waitingReason: status.state?.waiting?.reason,
            waitingMessage: status.state?.waiting?.message.map { WatchedPod.bounded($0) },
            terminatedReason: terminated?.reason, terminatedExitCode: terminated.map { Int($0.exitCode) },
            terminatedAt: terminated?.finishedAt, lastTerminatedReason: last?.reason,
            lastTerminatedExitCode: last.map { Int($0.exitCode) }, lastTerminatedAt: last?.finishedAt)
    }
}
