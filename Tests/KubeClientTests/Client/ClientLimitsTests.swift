import Foundation
import KubeClient
import KubeCore
import Synchronization
import Testing
import TocsinTesting

/// Counts completions across tasks.
final class CompletionCounter: Sendable {
    private let count = Mutex(0)
    func increment() { count.withLock { $0 += 1 } }
    var value: Int { count.withLock { $0 } }
}

/// Client-side rate limiting, list consistency options, and grouped resources.
@Suite struct ClientLimitsTests {
    @Test func requestsBeyondTheBurstWaitForTheRateLimiter() async throws {
        try await withFakeCluster { configuration in
            configuration.qps = 0.5
            configuration.burst = 2
        } _: { server, client in
            let before = server.requestCount(pathPrefix: "/api/v1/namespaces/default")
            let done = CompletionCounter()
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<3 {
                    group.addTask {
                        _ = try await client.get(Namespace.self, name: "default")
                        done.increment()
                    }
                }
                // The burst of two goes at once; the third waits about two seconds for a token (long enough that a
                // loaded machine still sees the first two alone).
                #expect(try await eventually { done.value == 2 })
                #expect(done.value == 2)
                #expect(server.requestCount(pathPrefix: "/api/v1/namespaces/default") - before == 2)
                try await group.waitForAll()
            }
            #expect(server.requestCount(pathPrefix: "/api/v1/namespaces/default") - before == 3)
        }
    }

    @Test func listPassesResourceVersionAndMatch() async throws {
        try await withFakeCluster { server, client in
            _ = try server.create(.pods, podJSON("a"))
            let version = server.resourceVersion
            let list = try await client.list(
                Pod.self, namespace: "default",
                options: ListOptions(resourceVersion: version, resourceVersionMatch: .notOlderThan))
            #expect(list.items.map(\.metadata.name) == ["a"])
            let request = try #require(server.requests.last)
            #expect(request.query["resourceVersion"] == version)
            #expect(request.query["resourceVersionMatch"] == "NotOlderThan")

            let tooNew = String((Int(version) ?? 0) + 1000)
            let error = await #expect(throws: KubeAPIError.self) {
                _ = try await client.list(
                    Pod.self, namespace: "default",
                    options: ListOptions(resourceVersion: tooNew, resourceVersionMatch: .notOlderThan))
            }
            #expect(error?.isTimeout == true)
        }
    }

    @Test func groupedResourcesUseTheirAPIPaths() async throws {
        try await withFakeCluster { server, client in
            var lease = Lease(metadata: ObjectMeta(name: "tocsin", namespace: "kube-system"))
            lease.spec = LeaseSpec(holderIdentity: "replica-a", leaseDurationSeconds: 15)
            let created = try await client.create(lease)
            #expect(created.spec?.holderIdentity == "replica-a")
            #expect(server.requests.last?.path == "/apis/coordination.k8s.io/v1/namespaces/kube-system/leases")
            let stored = try #require(server.object(.leases, namespace: "kube-system", name: "tocsin"))
            #expect(stored["apiVersion"]?.stringValue == "coordination.k8s.io/v1")
            #expect(stored["kind"]?.stringValue == "Lease")

            _ = try server.create(
                .eventsV1,
                [
                    "apiVersion": "events.k8s.io/v1", "kind": "Event",
                    "metadata": ["name": "web.1", "namespace": "default"],
                    "regarding": ["kind": "Pod", "name": "web", "namespace": "default"],
                    "reason": "BackOff", "note": "Back-off restarting failed container", "type": "Warning",
                    "eventTime": "2026-11-20T10:00:00.000000Z",
                    "series": ["count": 7, "lastObservedTime": "2026-11-20T10:05:00.123456Z"],
                    "reportingController": "kubelet", "reportingInstance": "node-1", "action": "Restarting",
                ])
            let events = try await client.listAll(EventsV1Event.self, namespace: "default")
            #expect(server.requests.last?.path == "/apis/events.k8s.io/v1/namespaces/default/events")
            let summary = try #require(events.items.first?.summary)
            #expect(summary.count == 7)
            #expect(summary.reason == "BackOff")
            #expect(summary.involvedObject.name == "web")
        }
    }
}
