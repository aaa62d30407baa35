import Foundation
import TocsinAPI

// Every node finding carries the label `node` over the node's own labels (the built-in wins on a clash), and the
// node as its affected object.

extension CompiledCondition {
    /// The finding of a node condition (or a field condition on nodes) about `node` at `now`; `nil` when the node
    /// is not relevant or the condition does not evaluate nodes. Nodes need no history.
    public func finding(for node: WatchedNode, now: Date) -> Finding? {
        switch rule {
        case .nodeNotReady: notReady(node)
        case .nodePressure(let pressures): pressure(node, pressures: pressures)
        case .nodeUnschedulable: unschedulable(node)
        case .field(let matcher) where matcher.kind == .node:
            fieldFinding(matcher, tree: FieldValue(node), object: node.affected(""), labels: node.findingLabels)
        default: nil
        }
    }

    /// **nodeNotReady**: the node's `Ready` condition is not `True`: `False`, `Unknown` (the kubelet stopped
    /// reporting: `NodeStatusUnknown`), or not reported at all. Label `reason` = the condition's reason when set;
    /// value 0; activeSince = the condition's `lastTransitionTime`; detail = `Ready=Unknown (NodeStatusUnknown)`
    /// or `no Ready condition reported`.
    func notReady(_ node: WatchedNode) -> Finding? {
        guard !node.isReady else { return nil }
        var labels = node.findingLabels
        var detail = "no Ready condition reported"
        if let status = node.readyStatus {
            detail = "Ready=\(status)" + (node.readyReason.map { " (\($0))" } ?? "")
        }
        if let reason = node.readyReason { labels["reason"] = reason }
        return Finding(object: node.affected(detail), labels: labels, activeSince: node.readyChangedAt)
    }

    /// **nodePressure** (conditions, default `MemoryPressure`, `DiskPressure`, `PIDPressure`): one of the listed
    /// pressure conditions is `True`. Label `reason` = the pressures found, sorted and comma-separated
    /// (`DiskPressure,MemoryPressure`); value = how many; detail = `DiskPressure, MemoryPressure`.
    func pressure(_ node: WatchedNode, pressures: Set<String>) -> Finding? {
        let found = node.pressures.filter(pressures.contains).sorted()
        guard !found.isEmpty else { return nil }
        var labels = node.findingLabels
        labels["reason"] = found.joined(separator: ",")
        return Finding(
            object: node.affected(found.joined(separator: ", ")), labels: labels, value: Double(found.count))
    }

    /// **nodeUnschedulable**: the node is cordoned (`spec.unschedulable`). Value 0; detail = `cordoned
    /// (spec.unschedulable)`.
    func unschedulable(_ node: WatchedNode) -> Finding? {
        guard node.isUnschedulable else { return nil }
        return Finding(object: node.affected("cordoned (spec.unschedulable)"), labels: node.findingLabels)
    }
}
