import KubeCore
import Testing

@testable import KubeRuntime

private func pod(
    _ name: String, namespace: String = "default", labels: [String: String] = [:], node: String? = nil,
    owner: String? = nil, resourceVersion: String = "1"
) -> Pod {
    let owners = owner.map { [OwnerReference(apiVersion: "apps/v1", kind: "ReplicaSet", name: "rs", uid: $0)] }
    return Pod(
        metadata: ObjectMeta(
            name: name, namespace: namespace, labels: labels, resourceVersion: resourceVersion,
            ownerReferences: owners),
        spec: PodSpec(nodeName: node))
}

private func key(_ pod: Pod) -> ObjectKey {
    ObjectKey(pod.metadata)!
}

private func names(_ pods: [Pod]) -> [String] {
    pods.compactMap(\.metadata.name).sorted()
}

@Suite("Store")
struct StoreTests {
    let store = Store<Pod>(indexes: [.namespace, .labels, .ownerUID, .nodeName])

    func insert(_ pods: Pod...) {
        for pod in pods { store.upsert(pod, for: key(pod), resourceVersion: pod.metadata.resourceVersion ?? "") }
    }

    @Test func looksUpByNameAndNamespace() {
        insert(pod("a"), pod("a", namespace: "other"))
        #expect(store.object(named: "a", in: "other")?.metadata.namespace == "other")
        #expect(store.object(named: "a", in: "default")?.metadata.namespace == "default")
        #expect(store.object(named: "a") == nil)
        #expect(store.count == 2)
        #expect(store.keys().map(\.description) == ["default/a", "other/a"])
    }

    @Test func builtInIndexesFindObjectsByNamespaceLabelOwnerAndNode() {
        insert(
            pod("a", labels: ["app": "web"], node: "n1", owner: "u1"),
            pod("b", labels: ["app": "web", "tier": "front"], node: "n2", owner: "u1"),
            pod("c", namespace: "other", labels: ["app": "db"], node: "n1"))
        #expect(names(store.objects(in: StoreIndex<Pod>.namespaceName, matching: "default")) == ["a", "b"])
        #expect(names(store.objects(in: StoreIndex<Pod>.labelName, matching: "app=web")) == ["a", "b"])
        #expect(names(store.objects(in: StoreIndex<Pod>.labelName, matching: "tier=front")) == ["b"])
        #expect(names(store.objects(in: StoreIndex<Pod>.ownerUIDName, matching: "u1")) == ["a", "b"])
        #expect(names(store.objects(in: StoreIndex<Pod>.nodeNameName, matching: "n1")) == ["a", "c"])
        #expect(store.objects(in: "unknown", matching: "x").isEmpty)
    }

    @Test func anUpdateMovesTheObjectBetweenIndexValues() {
        insert(pod("a", labels: ["app": "web"], node: "n1"))
        let result = store.upsert(
            pod("a", labels: ["app": "api"], node: "n2", resourceVersion: "2"), for: key(pod("a")),
            resourceVersion: "2")
        guard case .updated(let old) = result else {
            Issue.record("expected an update, got \(result)")
            return
        }
        #expect(old.metadata.labels == ["app": "web"])
        #expect(store.objects(in: StoreIndex<Pod>.labelName, matching: "app=web").isEmpty)
        #expect(names(store.objects(in: StoreIndex<Pod>.labelName, matching: "app=api")) == ["a"])
        #expect(names(store.objects(in: StoreIndex<Pod>.nodeNameName, matching: "n2")) == ["a"])
        #expect(store.objects(in: StoreIndex<Pod>.nodeNameName, matching: "n1").isEmpty)
    }

    @Test func theSameResourceVersionIsUnchanged() {
        insert(pod("a"))
        guard case .unchanged = store.upsert(pod("a"), for: key(pod("a")), resourceVersion: "1") else {
            Issue.record("expected unchanged")
            return
        }
    }

    @Test func removalClearsTheIndexes() {
        insert(pod("a", labels: ["app": "web"]), pod("b", namespace: "other"))
        #expect(store.remove(key(pod("a")))?.metadata.name == "a")
        #expect(store.remove(key(pod("a"))) == nil)
        #expect(store.objects(in: StoreIndex<Pod>.labelName, matching: "app=web").isEmpty)
        #expect(store.removeAll(inNamespace: "other").map(\.key.description) == ["other/b"])
        #expect(store.count == 0)
    }

    @Test func customIndexesOverProjections() {
        let summaries = Store<String>(indexes: [StoreIndex(name: "length") { [String($0.count)] }, .namespace])
        summaries.upsert("abc", for: ObjectKey(namespace: "ns", name: "x"), resourceVersion: "1")
        summaries.upsert("de", for: ObjectKey(namespace: nil, name: "y"), resourceVersion: "1")
        #expect(summaries.objects(in: "length", matching: "3") == ["abc"])
        #expect(summaries.objects(in: StoreIndex<String>.namespaceName, matching: "ns") == ["abc"])
        #expect(summaries.object(named: "y") == "de")
    }
}
