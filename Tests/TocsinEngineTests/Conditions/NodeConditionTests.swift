import Foundation
import Testing
import TocsinAPI
import TocsinEngine

@Suite("Node conditions: not ready, pressure, unschedulable")
struct NodeConditionTests {
    typealias F = ConditionFixtures

    @Test func nodeWhoseKubeletStoppedReportingIsNotReady() throws {
        let node = try F.node(F.nodeStatusUnknown)
        let condition = try F.compile(.nodeNotReady(NodeNotReadyCondition()))
        #expect(condition.kind == .node)
        #expect(condition.historyWindow == nil)
        #expect(condition.finding(for: node, now: F.now) == Finding(
            object: AffectedObject(kind: "Node", name: "node-c", detail: "Ready=Unknown (NodeStatusUnknown)"),
            labels: [
                "kubernetes.io/hostname": "node-c", "topology.kubernetes.io/zone": "eu-west-1b", "node": "node-c",
                "reason": "NodeStatusUnknown",
            ],
            activeSince: F.time(11, 41)))
    }

    @Test(arguments: [
        (nil, "no Ready condition reported"),
        ("False", "Ready=False (KubeletNotReady)"),
        ("True", nil),
    ] as [(String?, String?)])
    func nodeNotReadyUnlessReadyIsTrue(status: String?, detail: String?) throws {
        let node = WatchedNode(
            name: "n", readyStatus: status, readyReason: status == nil ? nil : "KubeletNotReady")
        let condition = try F.compile(.nodeNotReady(NodeNotReadyCondition()))
        #expect(condition.finding(for: node, now: F.now)?.object.detail == detail)
    }

    @Test func diskPressureNodeMatchesWithThePressureAsReason() throws {
        let node = try F.node(F.diskPressure)
        let condition = try F.compile(.nodePressure(NodePressureCondition()))
        #expect(condition.finding(for: node, now: F.now) == Finding(
            object: AffectedObject(kind: "Node", name: "node-b", detail: "DiskPressure"),
            labels: ["kubernetes.io/hostname": "node-b", "node": "node-b", "reason": "DiskPressure"], value: 1))
    }

    @Test(arguments: [
        ([.memoryPressure], nil),
        ([.memoryPressure, .diskPressure], "DiskPressure"),
        (nil, "DiskPressure,MemoryPressure"),
    ] as [([NodePressureCondition.Pressure]?, String?)])
    func nodePressureCountsOnlyTheListedConditions(conditions: [NodePressureCondition.Pressure]?, reason: String?) throws {
        var node = try F.node(F.diskPressure)
        if conditions == nil { node.pressures = ["DiskPressure", "MemoryPressure"] }
        let condition = try F.compile(.nodePressure(NodePressureCondition(conditions: conditions)))
        #expect(condition.finding(for: node, now: F.now)?.labels["reason"] == reason)
    }

    @Test func unknownPressureConditionsAreNotPressure() throws {
        let condition = try F.compile(.nodePressure(NodePressureCondition()))
        #expect(condition.finding(for: try F.node(F.nodeStatusUnknown), now: F.now) == nil)
    }

    @Test(arguments: [(F.cordoned, true), (F.diskPressure, false), (F.nodeStatusUnknown, false)])
    func cordonedNodeIsUnschedulable(json: String, matches: Bool) throws {
        let condition = try F.compile(.nodeUnschedulable(NodeUnschedulableCondition()))
        let finding = condition.finding(for: try F.node(json), now: F.now)
        #expect(finding == (matches ? Finding(
            object: AffectedObject(kind: "Node", name: "node-a", detail: "cordoned (spec.unschedulable)"),
            labels: ["kubernetes.io/hostname": "node-a", "node": "node-a"]) : nil))
    }

    @Test func builtInNodeLabelWinsOverTheNodesOwn() throws {
        let condition = try F.compile(.nodeNotReady(NodeNotReadyCondition()))
        #expect(condition.finding(for: try F.node(F.nodeStatusUnknown), now: F.now)?.labels["node"] == "node-c")
    }

    @Test func nodeConditionsIgnorePods() throws {
        let condition = try F.compile(.nodeNotReady(NodeNotReadyCondition()))
        let pod = try F.pod(F.crashLooping)
        #expect(condition.finding(for: pod, history: PodHistory(), now: F.now) == nil)
    }
}
