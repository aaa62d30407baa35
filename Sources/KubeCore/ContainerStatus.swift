import Foundation

/// The observed state of one container of a pod.
public struct ContainerStatus: Codable, Sendable, Hashable {
    /// The container's name.
    public var name: String
    /// Whether the container passes its readiness probe; `false` when the API omits it.
    public var ready: Bool
    /// Whether the container has started (passed its startup probe).
    public var started: Bool?
    /// How many times the container restarted; `0` when the API omits it.
    public var restartCount: Int32
    /// The image the container runs.
    public var image: String?
    /// The runtime's container ID, e.g. `containerd://…`.
    public var containerID: String?
    /// The current state.
    public var state: ContainerState?
    /// The state of the last termination.
    public var lastState: ContainerState?

    /// Creates a container status.
    public init(
        name: String, ready: Bool = false, started: Bool? = nil, restartCount: Int32 = 0, image: String? = nil,
        containerID: String? = nil, state: ContainerState? = nil, lastState: ContainerState? = nil
    ) {
        self.name = name
        self.ready = ready
        self.started = started
        self.restartCount = restartCount
        self.image = image
        self.containerID = containerID
        self.state = state
        self.lastState = lastState
    }

    enum CodingKeys: String, CodingKey {
        case name, ready, started, restartCount, image, containerID, state, lastState
    }

    /// Decodes a container status, defaulting a missing `ready` to `false` and `restartCount` to `0`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            name: try container.decode(String.self, forKey: .name),
            ready: try container.decodeIfPresent(Bool.self, forKey: .ready) ?? false,
            started: try container.decodeIfPresent(Bool.self, forKey: .started),
            restartCount: try container.decodeIfPresent(Int32.self, forKey: .restartCount) ?? 0,
            image: try container.decodeIfPresent(String.self, forKey: .image),
            containerID: try container.decodeIfPresent(String.self, forKey: .containerID),
            state: try container.decodeIfPresent(ContainerState.self, forKey: .state),
            lastState: try container.decodeIfPresent(ContainerState.self, forKey: .lastState)
        )
    }
}

/// The state of a container: at most one of waiting, running and terminated is set.
public struct ContainerState: Codable, Sendable, Hashable {
    /// Set while the container waits to start, e.g. `CrashLoopBackOff`.
    public var waiting: Waiting?
    /// Set while the container runs.
    public var running: Running?
    /// Set once the container has terminated.
    public var terminated: Terminated?

    /// Creates a state.
    public init(waiting: Waiting? = nil, running: Running? = nil, terminated: Terminated? = nil) {
        self.waiting = waiting
        self.running = running
        self.terminated = terminated
    }

    /// A waiting container.
    public struct Waiting: Codable, Sendable, Hashable {
        /// Why it waits, e.g. `CrashLoopBackOff` or `ImagePullBackOff`.
        public var reason: String?
        /// A human-readable message.
        public var message: String?

        /// Creates a waiting state.
        public init(reason: String? = nil, message: String? = nil) {
            self.reason = reason
            self.message = message
        }
    }

    /// A running container.
    public struct Running: Codable, Sendable, Hashable {
        /// When the container (re)started.
        public var startedAt: Date?

        /// Creates a running state.
        public init(startedAt: Date? = nil) {
            self.startedAt = startedAt
        }
    }

    /// A terminated container.
    public struct Terminated: Codable, Sendable, Hashable {
        /// The exit code, e.g. `137` for a container killed by SIGKILL.
        public var exitCode: Int32
        /// The signal that killed the container.
        public var signal: Int32?
        /// Why it terminated, e.g. `OOMKilled`, `Error` or `Completed`.
        public var reason: String?
        /// A human-readable message.
        public var message: String?
        /// When the container started.
        public var startedAt: Date?
        /// When the container finished.
        public var finishedAt: Date?

        /// Creates a terminated state.
        public init(
            exitCode: Int32, signal: Int32? = nil, reason: String? = nil, message: String? = nil,
            startedAt: Date? = nil, finishedAt: Date? = nil
        ) {
            self.exitCode = exitCode
            self.signal = signal
            self.reason = reason
            self.message = message
            self.startedAt = startedAt
            self.finishedAt = finishedAt
        }
    }
}
