import KubeCore

/// The small projection of a pod that an alert engine needs: what the memory figure caches against the
/// full ``Pod`` model, and what the throughput and sync figures cache.
struct PodSummary: Sendable, Hashable {
    var name: String
    var namespace: String
    var phase: String
    var nodeName: String
    /// The sum of the containers' restart counts.
    var restarts: Int32
    /// Whether the `Ready` condition is `True`.
    var isReady: Bool
    var labels: [String: String]
    /// The uid of the controlling owner (else the first owner), if any.
    var ownerUID: String?

    init(_ pod: Pod) {
        name = pod.metadata.name ?? ""
        namespace = pod.metadata.namespace ?? ""
        phase = pod.status?.phase ?? ""
        nodeName = pod.spec?.nodeName ?? ""
        restarts = pod.status?.containerStatuses?.reduce(0) { $0 &+ $1.restartCount } ?? 0
        isReady = pod.status?.conditions?.contains { $0.type == "Ready" && $0.status == "True" } ?? false
        labels = pod.metadata.labels ?? [:]
        let owners = pod.metadata.ownerReferences ?? []
        ownerUID = (owners.first { $0.controller == true } ?? owners.first)?.uid
    }
}
