import KubeCore

/// What the shared Pod watches keep of a pod: the fields the Monitor counts and the alert engine evaluates.
public struct WatchedPod: Sendable, Hashable {
    /// The pod's namespace.
    public var namespace: String
    /// The pod's name.
    public var name: String
    /// `status.phase` (`Pending`, `Running`, `Succeeded`, `Failed`, `Unknown`), if reported.
    public var phase: String?
    /// `spec.nodeName`, once scheduled.
    public var nodeName: String?
    /// The sum of `restartCount` over the pod's containers.
    public var restartCount: Int
    /// Whether the pod's `Ready` condition is `True`.
    public var isReady: Bool
    /// The pod's labels.
    public var labels: [String: String]
    /// The controlling owner (the owner reference with `controller: true`, else the first one), if any.
    public var owner: WatchedOwner?

    /// Creates a pod summary.
    public init(
        namespace: String, name: String, phase: String? = nil, nodeName: String? = nil, restartCount: Int = 0,
        isReady: Bool = false, labels: [String: String] = [:], owner: WatchedOwner? = nil
    ) {
        self.namespace = namespace
        self.name = name
        self.phase = phase
        self.nodeName = nodeName
        self.restartCount = restartCount
        self.isReady = isReady
        self.labels = labels
        self.owner = owner
    }

    /// The summary of `pod`, or `nil` without a name or namespace (the projection of the shared Pod informer).
    public init?(_ pod: Pod) {
        guard let name = pod.metadata.name, let namespace = pod.metadata.namespace else { return nil }
        let restarts = (pod.status?.containerStatuses ?? []).reduce(0) { $0 + Int($1.restartCount) }
        let ready = pod.status?.conditions?.first { $0.type == "Ready" }?.status == "True"
        let references = pod.metadata.ownerReferences ?? []
        let controller = references.first { $0.controller == true } ?? references.first
        self.init(
            namespace: namespace, name: name, phase: pod.status?.phase, nodeName: pod.spec?.nodeName,
            restartCount: restarts, isReady: ready, labels: pod.metadata.labels ?? [:],
            owner: controller.map { WatchedOwner(uid: $0.uid, kind: $0.kind, name: $0.name) })
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
