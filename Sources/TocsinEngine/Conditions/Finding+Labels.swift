import Foundation
import KubeCore
import TocsinAPI

extension Finding {
    /// The longest ``AffectedObject/detail`` a condition writes (longer ones are cut with `…`).
    public static let maxDetailLength = 200

    /// `text` cut to ``maxDetailLength`` characters.
    static func bounded(_ text: String) -> String {
        text.count > maxDetailLength ? String(text.prefix(maxDetailLength - 1)) + "…" : text
    }
}

extension WatchedPod {
    /// The labels of a finding about this pod: the pod's own labels, overridden by the built-ins `namespace`,
    /// `pod`, `node` (once scheduled), `workload` (`Deployment/api`), `workloadKind` and `workloadName`.
    var findingLabels: [String: String] {
        var result = labels
        let workload = workload
        result["namespace"] = namespace
        result["pod"] = name
        if let nodeName { result["node"] = nodeName }
        result["workload"] = workload.description
        result["workloadKind"] = workload.kind
        result["workloadName"] = workload.name
        return result
    }

    /// The pod as an affected object, with `detail` cut to ``Finding/maxDetailLength``.
    func affected(_ detail: String) -> AffectedObject {
        AffectedObject(kind: "Pod", namespace: namespace, name: name, detail: Finding.bounded(detail))
    }

    /// The first app container that is not ready, else the first init container that is not ready.
    var firstUnreadyContainer: WatchedContainer? {
        containers.first { !$0.isInit && !$0.isReady } ?? containers.first { $0.isInit && !$0.isReady }
    }
}

extension WatchedContainer {
    /// `container <name>`, or `init container <name>`.
    var title: String { isInit ? "init container \(name)" : "container \(name)" }

    /// `, 1 restart` / `, 5 restarts`.
    var restartsPhrase: String { restartCount == 1 ? ", 1 restart" : ", \(restartCount) restarts" }

    /// `, last exit Error (code 1)` when the previous run's termination is known, else empty.
    var lastExitPhrase: String {
        guard let reason = lastTerminatedReason else { return "" }
        return lastTerminatedExitCode.map { ", last exit \(reason) (code \($0))" } ?? ", last exit \(reason)"
    }
}

extension WatchedNode {
    /// The labels of a finding about this node: the node's own labels, overridden by the built-in `node`.
    var findingLabels: [String: String] {
        var result = labels
        result["node"] = name
        return result
    }

    /// The node as an affected object, with `detail` cut to ``Finding/maxDetailLength``.
    func affected(_ detail: String) -> AffectedObject {
        AffectedObject(kind: "Node", name: name, detail: Finding.bounded(detail))
    }
}

extension WatchedEvent {
    /// The labels of a finding about this event: `namespace` (the event's), `reason`, and the involved object as
    /// `kind`, `name` and `object` (`Pod/api-7d4b9c-x2x`); labels whose value the event lacks are left out.
    var findingLabels: [String: String] {
        var result = ["namespace": namespace]
        if let reason { result["reason"] = reason }
        let kind = involvedObject.kind
        let name = involvedObject.name
        if let kind { result["kind"] = kind }
        if let name { result["name"] = name }
        if let kind, let name { result["object"] = "\(kind)/\(name)" }
        return result
    }

    /// The involved object as an affected object (the event itself when the reference has no name), with the
    /// event's message as the detail.
    var affectedInvolvedObject: AffectedObject {
        AffectedObject(
            kind: involvedObject.kind ?? "Event",
            namespace: involvedObject.name == nil ? namespace : involvedObject.namespace,
            name: involvedObject.name ?? name,
            detail: Finding.bounded(message ?? reason ?? "Warning event"))
    }
}

extension WatchedProbe {
    /// The labels of a finding about this probe: `namespace`, `monitor`, `probe` and `url`.
    var findingLabels: [String: String] {
        ["namespace": namespace, "monitor": monitor, "probe": probe, "url": url]
    }

    /// The probe's Monitor as an affected object, with `detail` (prefixed by the probe's name) cut to
    /// ``Finding/maxDetailLength``.
    func affected(_ detail: String) -> AffectedObject {
        AffectedObject(
            kind: "Monitor", namespace: namespace, name: monitor, detail: Finding.bounded("probe \(probe): \(detail)"))
    }
}
