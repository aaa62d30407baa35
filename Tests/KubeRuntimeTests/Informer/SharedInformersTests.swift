import KubeClient
import KubeCore
import Synchronization
import Testing
import TocsinTesting

@testable import KubeRuntime

/// What a consumer that only needs a pod's phase caches.
private struct PodPhase: Sendable, Hashable {
    var name: String
    var phase: String
}

private func makeInformers(_ client: KubernetesClient) -> SharedInformers {
    SharedInformers(client: client, logger: informerTestLogger, backoff: WatcherBackoff(jitter: { 0.5 }))
}

@Suite("SharedInformers")
struct SharedInformersTests {
    @Test func twoConsumersShareOneListAndOneWatch() async throws {
        try await withInformerCluster { server, client in
            try server.create(.pods, informerPod("a"))
            try server.create(.pods, informerPod("b", namespace: "kube-system"))
            let informers = makeInformers(client)
            let first = ChangeLog()
            let second = ChangeLog()
            let full = informers.informer(Pod.self).subscribe(handler: first.podHandler())
            let phases = informers.informer(Pod.self).subscribe(
                projection: { PodPhase(name: $0.metadata.name ?? "", phase: $0.status?.phase ?? "") },
                handler: { event in if case .added(let pod) = event { second.append("added \(pod.name)") } })
            try await whileRunning(informers) {
                try await full.waitUntilSynced()
                try await phases.waitUntilSynced()
                try server.create(.pods, informerPod("c"))
                try await expectEventually { full.store.count == 3 && phases.store.count == 3 }
                #expect(server.requestCount(method: "GET", pathPrefix: "/api/v1/pods") == 2)
                #expect(server.requests.filter { $0.query["watch"] == "true" }.count == 1)
                #expect(first.entries == ["added default/a Running", "added kube-system/b Running", "added default/c Running"])
                #expect(second.entries == ["added a", "added b", "added c"])
                #expect(phases.store.object(named: "b", in: "kube-system") == PodPhase(name: "b", phase: "Running"))
            }
        }
    }

    @Test func aLateConsumerGetsEveryObjectWithoutRepeatsForTheOthers() async throws {
        try await withInformerCluster { server, client in
            try server.create(.pods, informerPod("a"))
            try server.create(.pods, informerPod("b"))
            let informers = makeInformers(client)
            let informer = informers.informer(Pod.self, namespaces: .names(["default"]))
            let early = ChangeLog()
            let first = informer.subscribe(handler: early.podHandler())
            try await whileRunning(informers) {
                try await first.waitUntilSynced()
                let late = ChangeLog()
                let second = informer.subscribe(handler: late.podHandler())
                try await second.waitUntilSynced()
                #expect(late.entries == ["added default/a Running", "added default/b Running"])
                try server.updateStatus(.pods, informerPod("a", phase: "Failed"))
                try await expectEventually { late.entries.count == 3 && early.entries.count == 3 }
                #expect(early.entries == [
                    "added default/a Running", "added default/b Running", "updated default/a Running→Failed",
                ])
                #expect(late.entries.last == "updated default/a Running→Failed")
                let lists = server.requests.filter {
                    $0.path == "/api/v1/namespaces/default/pods" && $0.query["watch"] == nil
                }
                #expect(lists.count == 2)
            }
        }
    }

    @Test func releasingTheLastConsumerStopsTheWatch() async throws {
        try await withInformerCluster { server, client in
            let informers = makeInformers(client)
            let informer = informers.informer(Pod.self)
            let first = informer.subscribe()
            let second = informer.subscribe()
            try await whileRunning(informers) {
                try await first.waitUntilSynced()
                try await expectEventually { server.watchCount == 1 }
                first.release()
                #expect(informer.consumerCount == 1)
                try server.create(.pods, informerPod("a"))
                try await expectEventually { second.store.count == 1 }
                #expect(server.watchCount == 1)
                second.release()
                #expect(informer.consumerCount == 0)
                let written = Mutex(0)
                // The fake notices a closed watch on its next write.
                try await expectEventually {
                    let index = written.withLock { count in
                        count += 1
                        return count
                    }
                    _ = try? server.create(.pods, informerPod("w\(index)"))
                    return server.watchCount == 0
                }
            }
        }
    }

    @Test func aProjectionKeepsOnlyWhatItReturns() async throws {
        try await withInformerCluster { server, client in
            try server.create(.pods, informerPod("a"))
            try server.create(.pods, informerPod("done", phase: "Succeeded"))
            let informers = makeInformers(client)
            let log = ChangeLog()
            let subscription = informers.informer(Pod.self).subscribe(
                projection: { pod -> PodPhase? in
                    guard pod.status?.phase != "Succeeded" else { return nil }
                    return PodPhase(name: pod.metadata.name ?? "", phase: pod.status?.phase ?? "")
                },
                indexes: [StoreIndex(name: "phase") { [$0.phase] }],
                handler: { event in
                    switch event {
                    case .added(let pod): log.append("added \(pod.name) \(pod.phase)")
                    case .updated(let old, let new): log.append("updated \(old.phase)→\(new.phase)")
                    case .deleted(let pod): log.append("deleted \(pod.name)")
                    }
                })
            try await whileRunning(informers) {
                try await subscription.waitUntilSynced()
                #expect(subscription.store.objects() == [PodPhase(name: "a", phase: "Running")])
                try server.updateStatus(.pods, informerPod("a", phase: "Succeeded"))
                try await expectEventually { subscription.store.count == 0 }
                #expect(log.entries == ["added a Running", "deleted a"])
                #expect(subscription.store.objects(in: "phase", matching: "Running").isEmpty)
            }
        }
    }

    @Test func labelSelectedNamespacesFollowNamespaceLabelChanges() async throws {
        try await withInformerCluster { server, client in
            try server.create(.namespaces, informerNamespace("team-a", labels: ["team": "x"]))
            try server.create(.namespaces, informerNamespace("team-b"))
            try server.create(.pods, informerPod("a1", namespace: "team-a"))
            try server.create(.pods, informerPod("b1", namespace: "team-b"))
            try server.create(.pods, informerPod("d1"))
            let informers = makeInformers(client)
            let log = ChangeLog()
            let subscription = informers.informer(Pod.self, namespaces: .labelSelector("team=x"))
                .subscribe(handler: log.podHandler())
            try await whileRunning(informers) {
                try await subscription.waitUntilSynced()
                #expect(subscription.store.keys().map(\.description) == ["team-a/a1"])
                try server.update(.namespaces, informerNamespace("team-b", labels: ["team": "x"]))
                try await expectEventually { subscription.store.count == 2 }
                try server.update(.namespaces, informerNamespace("team-a"))
                try await expectEventually { subscription.store.count == 1 }
                #expect(subscription.store.keys().map(\.description) == ["team-b/b1"])
                #expect(log.entries == ["added team-a/a1 Running", "added team-b/b1 Running", "deleted team-a/a1"])
                // The pods of a namespace that left the selection are no longer watched.
                try server.create(.pods, informerPod("a2", namespace: "team-a"))
                try server.create(.pods, informerPod("b2", namespace: "team-b"))
                try await expectEventually { subscription.store.count == 2 }
                #expect(subscription.store.keys().map(\.description) == ["team-b/b1", "team-b/b2"])
            }
        }
    }

    @Test func aShortNamespaceListGetsOneWatchPerNamespace() async throws {
        try await withInformerCluster { server, client in
            try server.create(.pods, informerPod("a"))
            try server.create(.pods, informerPod("s", namespace: "kube-system"))
            try server.create(.pods, informerPod("p", namespace: "kube-public"))
            let informers = makeInformers(client)
            let informer = informers.informer(Pod.self, namespaces: .names(["kube-system", "default"]))
            let subscription = informer.subscribe()
            try await whileRunning(informers) {
                try await informer.waitUntilSynced()
                #expect(subscription.hasSynced)
                #expect(subscription.store.keys().map(\.description) == ["default/a", "kube-system/s"])
                try await expectEventually { server.watchCount == 2 }
                #expect(server.requestCount(method: "GET", pathPrefix: "/api/v1/pods") == 0)
            }
        }
    }

    @Test func aLongNamespaceListUsesOneFilteredClusterWideWatch() async throws {
        try await withInformerCluster { server, client in
            try server.create(.pods, informerPod("a"))
            try server.create(.pods, informerPod("p", namespace: "kube-public"))
            let informers = makeInformers(client)
            let names = ["default"] + (1...NamespaceSelection.perNamespaceWatchLimit).map { "ns-\($0)" }
            let subscription = informers.informer(Pod.self, namespaces: .names(names)).subscribe()
            try await whileRunning(informers) {
                try await subscription.waitUntilSynced()
                #expect(subscription.store.keys().map(\.description) == ["default/a"])
                try server.create(.pods, informerPod("q", namespace: "kube-public"))
                try server.create(.pods, informerPod("b"))
                try await expectEventually { subscription.store.count == 2 }
                #expect(subscription.store.keys().map(\.description) == ["default/a", "default/b"])
                #expect(server.requestCount(method: "GET", pathPrefix: "/api/v1/pods") == 2)
            }
        }
    }
}
