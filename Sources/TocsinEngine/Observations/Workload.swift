/// The workload a pod belongs to, found through its controlling owner reference.
///
/// A ReplicaSet created by a Deployment is named `<deployment>-<pod-template-hash>` and its pods carry the
/// `pod-template-hash` label, so the Deployment is found without watching ReplicaSets. A pod without an owner is
/// its own workload (`Pod/<name>`).
public struct Workload: Sendable, Hashable, CustomStringConvertible {
    /// The workload's kind: `Deployment`, `StatefulSet`, `DaemonSet`, `Job`, `ReplicaSet`, `Pod`, …
    public var kind: String
    /// The workload's name.
    public var name: String

    /// Creates a workload.
    public init(kind: String, name: String) {
        self.kind = kind
        self.name = name
    }

    /// `<kind>/<name>`, e.g. `Deployment/api`: the value of the `workload` label.
    public var description: String { "\(kind)/\(name)" }
}

extension WatchedPod {
    /// The workload of this pod (see ``Workload``).
    public var workload: Workload {
        guard let owner else { return Workload(kind: "Pod", name: name) }
        if owner.kind == "ReplicaSet", let hash = labels["pod-template-hash"], !hash.isEmpty,
            owner.name.hasSuffix("-" + hash), owner.name.count > hash.count + 1
        {
            return Workload(kind: "Deployment", name: String(owner.name.dropLast(hash.count + 1)))
        }
        return Workload(kind: owner.kind, name: owner.name)
    }

    /// Whether the pod belongs to a Job (its pods finish by design and are not expected to stay ready).
    public var isOwnedByJob: Bool { owner?.kind == "Job" }
}
