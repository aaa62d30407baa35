import Foundation
import KubeCore

/// What the shared Pod watches keep of a pod: the fields the Monitor counts and the alert engine evaluates, and
/// nothing else (the cache holds thousands of these).
public struct WatchedPod: Sendable, Hashable {
    /// The pod's namespace.
    public var namespace: String
    /// The pod's name.
    public var name: String
    /// `status.phase` (`Pending`, `Running`, `Succeeded`, `Failed`, `Unknown`), if reported.
    public var phase: String?
    /// `status.reason` (e.g. `Evicted`, `NodeLost`), if reported.
    public var reason: String?
    /// `spec.nodeName`, once scheduled.
    public var nodeName: String?
    /// Whether the pod's `Ready` condition is `True`.
    public var isReady: Bool
    /// When the `Ready` condition last changed (`lastTransitionTime`), if reported.
    public var readyChangedAt: Date?
    /// Whether the `PodScheduled` condition is `False` with reason `Unschedulable`.
    public var isUnschedulable: Bool
    /// The scheduler's message when the pod is unschedulable (e.g. `0/3 nodes are available: …`), at most
    /// ``WatchedPod/maxMessageLength`` characters.
    public var schedulingMessage: String?
    /// Whether the pod has scheduling gates (`spec.schedulingGates`): it waits on purpose and is not alerted on.
    public var isSchedulingGated: Bool
    /// `metadata.creationTimestamp`.
    public var creationTime: Date?
    /// The pod's labels.
    public var labels: [String: String]
    /// The controlling owner (the owner reference with `controller: true`, else the first one), if any.
    public var owner: WatchedOwner?
    /// The containers' states: init containers first, then the app containers, each in status order.
    public var containers: [WatchedContainer]
    /// The pod's ownership annotations: those whose key ends in `team` or `owner` (e.g. `tocsin.dev/team`), the only
    /// annotations kept (a Monitor's `ownership.podAnnotation` reads them; the others can be large).
    public var ownerAnnotations: [String: String] = [:]

    /// The longest scheduler or container message kept (longer ones are cut).
    public static let maxMessageLength = 256

    /// Creates a pod summary.
    public init(
        namespace: String, name: String, phase: String? = nil, reason: String? = nil, nodeName: String? = nil,
        isReady: Bool = false, readyChangedAt: Date? = nil, isUnschedulable: Bool = false,
        schedulingMessage: String? = nil, isSchedulingGated: Bool = false, creationTime: Date? = nil,
        labels: [String: String] = [:], owner: WatchedOwner? = nil, containers: [WatchedContainer] = []
    ) {
        self.namespace = namespace
        self.name = name
        self.phase = phase
        self.reason = reason
        self.nodeName = nodeName
        self.isReady = isReady
        self.readyChangedAt = readyChangedAt
        self.isUnschedulable = isUnschedulable
        self.schedulingMessage = schedulingMessage
        self.isSchedulingGated = isSchedulingGated
        self.creationTime = creationTime
        self.labels = labels
        self.owner = owner
        self.containers = containers
    }

    /// The sum of `restartCount` over the pod's containers (init containers included).
    public var restartCount: Int { containers.reduce(0) { $0 + $1.restartCount } }

    /// The summary of `pod`, or `nil` without a name or namespace (the projection of the shared Pod informer).
    public init?(_ pod: Pod) {
        guard let name = pod.metadata.name, let namespace = pod.metadata.namespace else { return nil }
        let conditions = pod.status?.conditions ?? []
        let ready = conditions.first { $0.type == "Ready" }
        let scheduled = conditions.first { $0.type == "PodScheduled" }
        let unschedulable = scheduled?.status == "False" && scheduled?.reason == "Unschedulable"
        let references = pod.metadata.ownerReferences ?? []
        let controller = references.first { $0.controller == true } ?? references.first
        let gated = !(pod.spec?.schedulingGates ?? []).isEmpty || scheduled?.reason == "SchedulingGated"
        let containers =
            (pod.status?.initContainerStatuses ?? []).map { WatchedContainer($0, isInit: true) }
            + (pod.status?.containerStatuses ?? []).map { WatchedContainer($0, isInit: false) }
        // Equal labels, owners, node names and container lists are shared among the cached pods.
        let interner = ObservationInterner.shared
        self.init(
            namespace: interner.string(namespace), name: name, phase: interner.string(pod.status?.phase),
            reason: interner.string(pod.status?.reason), nodeName: interner.string(pod.spec?.nodeName),
            isReady: ready?.status == "True", readyChangedAt: ready?.lastTransitionTime,
            isUnschedulable: unschedulable,
            schedulingMessage: unschedulable ? scheduled?.message.map { Self.bounded($0) } : nil,
            isSchedulingGated: gated, creationTime: pod.metadata.creationTimestamp,
            labels: interner.labels(pod.metadata.labels ?? [:]),
            owner: interner.owner(controller.map { WatchedOwner(uid: $0.uid, kind: $0.kind, name: $0.name) }),
            containers: interner.containers(containers))
        ownerAnnotations = interner.labels(Self.ownerAnnotations(pod.metadata.annotations ?? [:]))
    }

    /// Whether an annotation key is kept as an ownership annotation: it ends in `team` or `owner`.
    public static func isOwnershipAnnotation(_ key: String) -> Bool {
        let lowered = key.lowercased()
        return lowered.hasSuffix("team") || lowered.hasSuffix("owner")
    }

    static func ownerAnnotations(_ annotations: [String: String]) -> [String: String] {
        annotations.filter { isOwnershipAnnotation($0.key) && $0.value.count <= 253 }
    }

    /// `text` cut to ``maxMessageLength`` characters.
    static func bounded(_ text: String) -> String {
        text.count > maxMessageLength ? String(text.prefix(maxMessageLength - 1)) + "…" : text
    }
}

/// The owner of a watched object, from its owner reference.
public struct WatchedOwner: Sendable, Hashable {
    /// The owner's `metadata.uid`.
    public var uid: String
    /// The owner's kind, e.g. `ReplicaSet`.
    public var kind: String
    /// The owner's name.
    public var name: String

    /// Creates an owner.
    public init(uid: String, kind: String, name: String) {
        self.uid = uid
        self.kind = kind
        self.name = name
    }
}
