import Foundation
import Testing

@testable import KubeCore

@Suite("Models decode API server JSON")
struct ModelDecodingTests {
    static func decode<T: Decodable>(_ type: T.Type, _ text: String) throws -> T {
        try KubeJSON.decode(T.self, from: Fixtures.data(text))
    }

    @Test("a crash-looping, OOM-killed pod with managedFields")
    func crashLoopingPod() throws {
        let pod = try Self.decode(Pod.self, Fixtures.crashLoopingPod)
        #expect(pod.apiVersion == "v1" && pod.kind == "Pod")
        #expect(pod.metadata.name == "web-7d4b9c6f5-x2x9k" && pod.metadata.namespace == "shop")
        #expect(pod.metadata.resourceVersion == "483920")
        #expect(pod.metadata.creationTimestamp == Fixtures.date("2024-05-01T12:00:00Z"))
        #expect(pod.metadata.labels == ["app": "web", "pod-template-hash": "7d4b9c6f5"])
        #expect(
            pod.metadata.ownerReferences == [
                OwnerReference(apiVersion: "apps/v1", kind: "ReplicaSet", name: "web-7d4b9c6f5",
                               uid: "0b9e4f34-5ad9-4e8e-8f0e-1f9e0c3a2b11", controller: true, blockOwnerDeletion: true),
            ]
        )
        #expect(
            pod.spec == PodSpec(
                nodeName: "worker-2",
                containers: [Container(name: "app", image: "registry.example.com/shop/web:1.4.2"),
                             Container(name: "proxy", image: "envoyproxy/envoy:v1.30.1")],
                initContainers: [Container(name: "migrate", image: "registry.example.com/shop/migrate:1.4.2")],
                restartPolicy: "Always", priority: 0
            )
        )
        let status = try #require(pod.status)
        #expect(status.phase == "Running" && status.podIP == "10.244.2.17" && status.qosClass == "Burstable")
        #expect(status.startTime == Fixtures.date("2024-05-01T12:00:00Z"))
        #expect(
            status.conditions?[2] == PodCondition(
                type: "Ready", status: "False", reason: "ContainersNotReady",
                message: "containers with unready status: [app]", lastTransitionTime: Fixtures.date("2024-05-01T12:07:31Z")
            )
        )
        #expect(
            status.containerStatuses?.first == ContainerStatus(
                name: "app", ready: false, started: false, restartCount: 6, image: "registry.example.com/shop/web:1.4.2",
                containerID: "containerd://bb22",
                state: ContainerState(waiting: .init(
                    reason: "CrashLoopBackOff",
                    message: "back-off 5m0s restarting failed container=app pod=web-7d4b9c6f5-x2x9k_shop(6f1f0a4e-3c0e-4a36-9d9a-2b8f1a7c9e01)"
                )),
                lastState: ContainerState(terminated: .init(
                    exitCode: 137, reason: "OOMKilled", startedAt: Fixtures.date("2024-05-01T12:06:10Z"),
                    finishedAt: Fixtures.date("2024-05-01T12:07:30Z")
                ))
            )
        )
        #expect(status.containerStatuses?[1].state?.running?.startedAt == Fixtures.date("2024-05-01T12:00:06Z"))
        #expect(status.containerStatuses?[1].lastState == ContainerState())
        #expect(status.initContainerStatuses?.first?.state?.terminated?.reason == "Completed")
        #expect(status.ephemeralContainerStatuses == nil)
    }

    @Test("a NotReady, cordoned node")
    func notReadyNode() throws {
        let node = try Self.decode(Node.self, Fixtures.notReadyNode)
        #expect(node.metadata.name == "worker-2" && node.metadata.namespace == nil)
        #expect(
            node.spec == NodeSpec(
                unschedulable: true,
                taints: [
                    Taint(key: "node.kubernetes.io/unreachable", effect: "NoSchedule", timeAdded: Fixtures.date("2024-05-01T12:06:00Z")),
                    Taint(key: "node.kubernetes.io/unreachable", effect: "NoExecute", timeAdded: Fixtures.date("2024-05-01T12:06:05Z")),
                ],
                podCIDR: "10.244.2.0/24", providerID: "kind://docker/kind/worker-2"
            )
        )
        let status = try #require(node.status)
        #expect(
            status.conditions?.last == NodeCondition(
                type: "Ready", status: "Unknown", reason: "NodeStatusUnknown", message: "Kubelet stopped posting node status.",
                lastHeartbeatTime: Fixtures.date("2024-05-01T12:05:00Z"), lastTransitionTime: Fixtures.date("2024-05-01T12:06:00Z")
            )
        )
        #expect(status.capacity?["memory"] == "16338176Ki" && status.allocatable?["cpu"] == "3800m")
        #expect(status.nodeInfo == NodeSystemInfo(kubeletVersion: "v1.30.2"))
    }

    @Test("a core/v1 Warning event with count")
    func coreEvent() throws {
        let event = try Self.decode(Event.self, Fixtures.coreWarningEvent)
        #expect(event.eventTime == nil && event.series == nil)
        #expect(event.source == EventSource(component: "kubelet", host: "worker-2"))
        #expect(event.reportingComponent == "kubelet" && event.reportingInstance == "worker-2")
        #expect(
            event.summary == EventSummary(
                involvedObject: ObjectReference(
                    kind: "Pod", namespace: "shop", name: "web-7d4b9c6f5-x2x9k", uid: "6f1f0a4e-3c0e-4a36-9d9a-2b8f1a7c9e01",
                    apiVersion: "v1", fieldPath: "spec.containers{app}", resourceVersion: "483500"
                ),
                reason: "BackOff",
                message: "Back-off restarting failed container app in pod web-7d4b9c6f5-x2x9k_shop(6f1f0a4e-3c0e-4a36-9d9a-2b8f1a7c9e01)",
                type: "Warning", count: 25,
                firstSeen: Fixtures.date("2024-05-01T12:01:10Z"), lastSeen: Fixtures.date("2024-05-01T12:07:31Z")
            )
        )
        #expect(event.summary.isWarning)
    }

    @Test("an events.k8s.io/v1 event with series")
    func eventsV1Event() throws {
        let event = try Self.decode(EventsV1Event.self, Fixtures.eventsV1EventWithSeries)
        #expect(event.eventTime == MicroTime(Fixtures.date("2024-05-01T12:02:00.25Z")))
        #expect(event.reportingController == "tocsin.dev/operator" && event.action == "Notify")
        #expect(event.deprecatedFirstTimestamp == nil && event.deprecatedCount == nil)
        #expect(
            event.summary == EventSummary(
                involvedObject: ObjectReference(kind: "Pod", namespace: "shop", name: "web-7d4b9c6f5-x2x9k",
                                                uid: "6f1f0a4e-3c0e-4a36-9d9a-2b8f1a7c9e01", apiVersion: "v1"),
                reason: "IncidentOpened", message: "Opened incident for pod shop/web-7d4b9c6f5-x2x9k", type: "Warning",
                count: 4, firstSeen: Fixtures.date("2024-05-01T12:02:00.25Z"),
                lastSeen: Fixtures.date("2024-05-01T12:08:00.123456Z")
            )
        )
    }

    @Test("an event without count, series or timestamps falls back to 1 and the creation time")
    func minimalEventSummary() {
        let created = Fixtures.date("2024-05-01T12:00:00Z")
        let event = Event(metadata: ObjectMeta(name: "e", creationTimestamp: created), reason: "Started", type: "Normal")
        #expect(event.summary.count == 1 && event.summary.firstSeen == created && event.summary.lastSeen == created)
        #expect(!event.summary.isWarning)
        let v1 = EventsV1Event(metadata: ObjectMeta(creationTimestamp: created), deprecatedCount: 7)
        #expect(v1.summary.count == 7 && v1.summary.lastSeen == created && v1.summary.involvedObject == ObjectReference())
    }

    @Test("a Lease with MicroTime round-trips to the same wire form")
    func lease() throws {
        let lease = try Self.decode(Lease.self, Fixtures.lease)
        #expect(
            lease.spec == LeaseSpec(
                holderIdentity: "tocsin-6c9f7d-abcde", leaseDurationSeconds: 15,
                acquireTime: MicroTime(Fixtures.date("2024-05-01T11:00:00Z")),
                renewTime: MicroTime(Fixtures.date("2024-05-01T12:00:00.123456Z")), leaseTransitions: 3
            )
        )
        let encoded = try JSONValue(encoding: lease)
        #expect(encoded["spec"]?["renewTime"] == "2024-05-01T12:00:00.123456Z")
        #expect(encoded["spec"]?["acquireTime"] == "2024-05-01T11:00:00.000000Z")
        #expect(encoded["metadata"]?["managedFields"] == nil)
    }

    @Test("a Secret decodes base64 data and never prints it")
    func secret() throws {
        let secret = try Self.decode(Secret.self, Fixtures.secret)
        #expect(secret.type == "Opaque")
        #expect(secret.data == ["token": Data("xoxb-123-secret".utf8), "signing-secret": Data("s3cr3t".utf8)])
        #expect(secret.string(forKey: "token") == "xoxb-123-secret")
        #expect(secret.description == "Secret(tocsin-system/slack-token, type: Opaque, keys: [signing-secret, token])")
        for text in [String(describing: secret), String(reflecting: secret), "\(secret)", dumped(secret)] {
            #expect(!text.contains("xoxb") && !text.contains("eG94Yi") && !text.contains("s3cr3t"))
        }
        let encoded = try JSONValue(encoding: secret)
        #expect(encoded["data"]?["token"] == "eG94Yi0xMjMtc2VjcmV0")
    }

    @Test("apiVersion and kind are written from the resource type when nil")
    func typeMetaFilledIn() throws {
        let samples: [(any KubeResource, String, String)] = [
            (Pod(), "v1", "Pod"), (Node(), "v1", "Node"), (Event(), "v1", "Event"),
            (EventsV1Event(), "events.k8s.io/v1", "Event"), (Lease(), "coordination.k8s.io/v1", "Lease"),
            (Secret(), "v1", "Secret"), (Namespace(), "v1", "Namespace"), (ConfigMap(), "v1", "ConfigMap"),
        ]
        for (object, apiVersion, kind) in samples {
            let value = try JSONValue(encoding: object)
            #expect(value["apiVersion"] == .string(apiVersion) && value["kind"] == .string(kind))
        }
        let explicit = try JSONValue(encoding: ConfigMap(apiVersion: "v1", kind: "Custom"))
        #expect(explicit["kind"] == "Custom")
    }

    @Test("lists: continue token, null items, namespaces and config maps")
    func lists() throws {
        let text = #"{"kind":"NamespaceList","apiVersion":"v1","metadata":{"resourceVersion":"500","continue":"abc","remainingItemCount":12},"items":[{"metadata":{"name":"shop","labels":{"tocsin.dev/watch":"true"}},"status":{"phase":"Active"}}]}"#
        let list = try Self.decode(ObjectList<Namespace>.self, text)
        #expect(list.metadata == ListMeta(resourceVersion: "500", continueToken: "abc", remainingItemCount: 12))
        #expect(list.items == [Namespace(metadata: ObjectMeta(name: "shop", labels: ["tocsin.dev/watch": "true"]), status: NamespaceStatus(phase: "Active"))])
        let empty = try Self.decode(ObjectList<ConfigMap>.self, #"{"kind":"ConfigMapList","apiVersion":"v1","metadata":{"resourceVersion":"9"},"items":null}"#)
        #expect(empty.items.isEmpty && empty.metadata.resourceVersion == "9")
        let reencoded = try JSONValue(encoding: list)
        #expect(reencoded["metadata"]?["continue"] == "abc")
        let configMap = try Self.decode(ConfigMap.self, #"{"metadata":{"name":"c"},"data":{"a":"1"},"binaryData":{"b":"AAE="}}"#)
        #expect(configMap.data == ["a": "1"] && configMap.binaryData == ["b": Data([0, 1])])
    }

    @Test("a malformed model names the field that failed")
    func malformed() {
        let text = #"{"metadata":{"name":"p"},"status":{"containerStatuses":[{"ready":true}]}}"#
        #expect {
            _ = try Self.decode(Pod.self, text)
        } throws: { error in
            guard let error = error as? KubeDecodingError else { return false }
            return error.typeName == "Pod" && error.reason == "status.containerStatuses[0].name: required key not found"
                && error.excerpt == text
        }
    }

    private func dumped(_ value: some Any) -> String {
        var text = ""
        dump(value, to: &text)
        return text
    }
}
