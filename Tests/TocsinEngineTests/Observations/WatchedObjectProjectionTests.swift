import Foundation
import KubeCore
import Testing
import TocsinEngine

@Suite("The projections of the shared watches")
struct WatchedObjectProjectionTests {
    @Test func podKeepsWhatTheConditionsRead() throws {
        let json = """
            {"apiVersion":"v1","kind":"Pod","metadata":{"name":"web-7d4b9c-x2x","namespace":"shop",
             "creationTimestamp":"2026-11-23T10:00:00Z","labels":{"app":"web","pod-template-hash":"7d4b9c"},
             "ownerReferences":[{"apiVersion":"v1","kind":"Node","name":"n","uid":"u0"},
               {"apiVersion":"apps/v1","kind":"ReplicaSet","name":"web-7d4b9c","uid":"u1","controller":true}]},
             "spec":{"nodeName":"node-a","containers":[{"name":"app","image":"web:1"}]},
             "status":{"phase":"Running","conditions":[
               {"type":"Ready","status":"False","reason":"ContainersNotReady","lastTransitionTime":"2026-11-23T10:05:00Z"},
               {"type":"PodScheduled","status":"True","lastTransitionTime":"2026-11-23T10:00:01Z"}],
              "initContainerStatuses":[{"name":"init","ready":true,"restartCount":0,
                "state":{"terminated":{"exitCode":0,"reason":"Completed","finishedAt":"2026-11-23T10:00:10Z"}}}],
              "containerStatuses":[{"name":"app","ready":false,"restartCount":5,
                "state":{"waiting":{"reason":"CrashLoopBackOff","message":"back-off 2m40s restarting failed container"}},
                "lastState":{"terminated":{"exitCode":137,"reason":"OOMKilled","finishedAt":"2026-11-23T10:04:50Z"}}}]}}
            """
        let pod = try KubeJSON.decode(Pod.self, from: Data(json.utf8))
        let watched = try #require(WatchedPod(pod))
        let at = { (text: String) in try #require(ISO8601DateFormatter().date(from: text)) }

        #expect(watched == WatchedPod(
            namespace: "shop", name: "web-7d4b9c-x2x", phase: "Running", nodeName: "node-a", isReady: false,
            readyChangedAt: try at("2026-11-23T10:05:00Z"), creationTime: try at("2026-11-23T10:00:00Z"),
            labels: ["app": "web", "pod-template-hash": "7d4b9c"],
            owner: WatchedOwner(uid: "u1", kind: "ReplicaSet", name: "web-7d4b9c"),
            containers: [
                WatchedContainer(
                    name: "init", isInit: true, isReady: true, terminatedReason: "Completed", terminatedExitCode: 0,
                    terminatedAt: try at("2026-11-23T10:00:10Z")),
                WatchedContainer(
                    name: "app", restartCount: 5, waitingReason: "CrashLoopBackOff",
                    waitingMessage: "back-off 2m40s restarting failed container", lastTerminatedReason: "OOMKilled",
                    lastTerminatedExitCode: 137, lastTerminatedAt: try at("2026-11-23T10:04:50Z")),
            ]))
        #expect(watched.restartCount == 5)
        #expect(watched.workload == Workload(kind: "Deployment", name: "web"))
        #expect(WatchedPod(Pod(metadata: ObjectMeta(name: "no-namespace"))) == nil)
    }

    @Test func unschedulableAndGatedPods() throws {
        var pod = Pod(metadata: ObjectMeta(name: "big", namespace: "shop"))
        pod.status = PodStatus(phase: "Pending", conditions: [
            PodCondition(
                type: "PodScheduled", status: "False", reason: "Unschedulable",
                message: "0/3 nodes are available: 3 Insufficient memory.")
        ])
        let watched = try #require(WatchedPod(pod))
        #expect(watched.isUnschedulable)
        #expect(watched.schedulingMessage == "0/3 nodes are available: 3 Insufficient memory.")
        #expect(!watched.isSchedulingGated)
        #expect(watched.workload == Workload(kind: "Pod", name: "big"))

        pod.spec = PodSpec(schedulingGates: [PodSchedulingGate(name: "example.com/quota")])
        pod.status = PodStatus(phase: "Pending", conditions: [
            PodCondition(type: "PodScheduled", status: "False", reason: "SchedulingGated")
        ])
        let gated = try #require(WatchedPod(pod))
        #expect(gated.isSchedulingGated)
        #expect(!gated.isUnschedulable)
        #expect(gated.schedulingMessage == nil)
    }

    @Test(arguments: [
        ("ReplicaSet", "api-5f6d", ["pod-template-hash": "5f6d"], Workload(kind: "Deployment", name: "api")),
        ("ReplicaSet", "api-5f6d", [:], Workload(kind: "ReplicaSet", name: "api-5f6d")),
        ("ReplicaSet", "5f6d", ["pod-template-hash": "5f6d"], Workload(kind: "ReplicaSet", name: "5f6d")),
        ("StatefulSet", "db", ["controller-revision-hash": "db-1"], Workload(kind: "StatefulSet", name: "db")),
        ("Job", "backup-29012345", [:], Workload(kind: "Job", name: "backup-29012345")),
    ])
    func workloadFromOwner(kind: String, owner: String, labels: [String: String], expected: Workload) {
        let pod = WatchedPod(
            namespace: "shop", name: "p", labels: labels, owner: WatchedOwner(uid: "u", kind: kind, name: owner))
        #expect(pod.workload == expected)
        #expect(pod.workload.description == "\(expected.kind)/\(expected.name)")
        #expect(pod.isOwnedByJob == (kind == "Job"))
    }

    @Test func nodeKeepsReadinessPressureCordonAndLabels() {
        var node = Node(metadata: ObjectMeta(name: "node-a", labels: ["pool": "gpu"]))
        node.spec = NodeSpec(unschedulable: true)
        node.status = NodeStatus(conditions: [
            NodeCondition(type: "Ready", status: "Unknown", reason: "NodeStatusUnknown"),
            NodeCondition(type: "PIDPressure", status: "False"),
            NodeCondition(type: "MemoryPressure", status: "True"),
            NodeCondition(type: "DiskPressure", status: "True"),
        ])

        #expect(WatchedNode(node) == WatchedNode(
            name: "node-a", readyStatus: "Unknown", readyReason: "NodeStatusUnknown",
            pressures: ["DiskPressure", "MemoryPressure"], isUnschedulable: true, labels: ["pool": "gpu"]))
    }

    @Test func eventKeepsMessageCountAndTimesAndCutsLongMessages() throws {
        let json = """
            {"apiVersion":"v1","kind":"Event","metadata":{"name":"web.17","namespace":"shop"},
             "involvedObject":{"kind":"Pod","namespace":"shop","name":"web-1","uid":"0b1c","apiVersion":"v1",
               "resourceVersion":"4711","fieldPath":"spec.containers{app}"},"reason":"BackOff",
             "message":"\(String(repeating: "x", count: 600))","type":"Warning","count":7,
             "firstTimestamp":"2026-11-23T10:00:00Z","lastTimestamp":"2026-11-23T10:09:00Z"}
            """
        let event = try #require(WatchedEvent(try KubeJSON.decode(Event.self, from: Data(json.utf8))))
        #expect(event.count == 7)
        #expect(event.reason == "BackOff")
        // Only what rules read of the involved object is kept.
        #expect(event.involvedObject == ObjectReference(kind: "Pod", namespace: "shop", name: "web-1"))
        #expect(event.message?.count == WatchedEvent.maxMessageLength)
        #expect(event.message?.hasSuffix("…") == true)
        #expect(event.firstSeen == ISO8601DateFormatter().date(from: "2026-11-23T10:00:00Z"))
        #expect(event.lastSeen == ISO8601DateFormatter().date(from: "2026-11-23T10:09:00Z"))
    }
}
