import Foundation
import KubeCore
import Testing
import TocsinControllers

@Suite("The projections of the shared watches")
struct WatchedObjectProjectionTests {
    @Test func podKeepsPhaseNodeRestartsReadinessLabelsAndControllingOwner() throws {
        var pod = Pod(metadata: ObjectMeta(
            name: "web-1", namespace: "shop", labels: ["app": "web"],
            ownerReferences: [
                OwnerReference(apiVersion: "v1", kind: "Node", name: "n", uid: "u0"),
                OwnerReference(apiVersion: "apps/v1", kind: "ReplicaSet", name: "web-7d", uid: "u1", controller: true),
            ]))
        pod.spec = PodSpec(nodeName: "node-a")
        pod.status = PodStatus(
            phase: "Running", conditions: [PodCondition(type: "Ready", status: "True")],
            containerStatuses: [
                ContainerStatus(name: "app", ready: true, restartCount: 2),
                ContainerStatus(name: "sidecar", ready: true, restartCount: 3),
            ])

        #expect(WatchedPod(pod) == WatchedPod(
            namespace: "shop", name: "web-1", phase: "Running", nodeName: "node-a", restartCount: 5, isReady: true,
            labels: ["app": "web"], owner: WatchedOwner(uid: "u1", kind: "ReplicaSet", name: "web-7d")))
        #expect(WatchedPod(Pod(metadata: ObjectMeta(name: "no-namespace"))) == nil)
    }

    @Test func nodeKeepsReadinessPressureAndCordon() {
        var node = Node(metadata: ObjectMeta(name: "node-a"))
        node.spec = NodeSpec(unschedulable: true)
        node.status = NodeStatus(conditions: [
            NodeCondition(type: "Ready", status: "False"),
            NodeCondition(type: "PIDPressure", status: "False"),
            NodeCondition(type: "MemoryPressure", status: "True"),
            NodeCondition(type: "DiskPressure", status: "True"),
        ])

        #expect(WatchedNode(node) == WatchedNode(
            name: "node-a", readyStatus: "False", pressures: ["DiskPressure", "MemoryPressure"],
            isUnschedulable: true))
    }
}
