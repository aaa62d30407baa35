import Foundation
import Testing
import TocsinTesting

@Suite("Fake API server: list")
struct FakeAPIServerListTests {
    static let pods = "/api/v1/namespaces/default/pods"

    static func seed(_ cluster: FakeCluster) throws {
        try cluster.server.create(.pods, FakeCluster.pod("a", labels: ["app": "web", "tier": "front"], extra: ["status": ["phase": "Running"]]))
        try cluster.server.create(.pods, FakeCluster.pod("b", labels: ["app": "db"], extra: ["status": ["phase": "Pending"]]))
        try cluster.server.create(.pods, FakeCluster.pod("c", labels: ["app": "web", "release": "canary"], extra: ["spec": ["nodeName": "n1"]]))
        try cluster.server.create(.pods, FakeCluster.pod("d", namespace: "kube-system", labels: ["app": "web"]))
    }

    @Test(arguments: [
        ("labelSelector=app%3Dweb", ["a", "c"]),
        ("labelSelector=app%3D%3Dweb", ["a", "c"]),
        ("labelSelector=app!%3Dweb", ["b"]),
        ("labelSelector=app+in+(web,db)", ["a", "b", "c"]),
        ("labelSelector=app%20notin%20(web)", ["b"]),
        ("labelSelector=release", ["c"]),
        ("labelSelector=!release", ["a", "b"]),
        ("labelSelector=app%3Dweb,tier%3Dfront", ["a"]),
        ("fieldSelector=metadata.name%3Db", ["b"]),
        ("fieldSelector=status.phase!%3DRunning", ["b", "c"]),
        ("fieldSelector=spec.nodeName%3Dn1", ["c"]),
        ("fieldSelector=metadata.namespace%3Ddefault,status.phase%3DPending", ["b"]),
    ])
    func selectorsFilterTheList(query: String, names: [String]) async throws {
        try await FakeCluster.with { cluster in
            try Self.seed(cluster)
            let reply = try await cluster.send(.GET, "\(Self.pods)?\(query)")
            #expect(reply.status == 200)
            #expect(reply.body["items"]?.arrayValue?.map(\.name) == names)
        }
    }

    @Test func anInvalidLabelSelectorIsABadRequest() async throws {
        try await FakeCluster.with { cluster in
            let reply = try await cluster.send(.GET, "\(Self.pods)?labelSelector=app+in+web")
            #expect(reply.status == 400)
            #expect(reply.body["reason"] == "BadRequest")
        }
    }

    @Test func aListHasTheRealShapeAcrossNamespaces() async throws {
        try await FakeCluster.with { cluster in
            try Self.seed(cluster)
            let reply = try await cluster.send(.GET, "/api/v1/pods")
            #expect(reply.body["kind"] == "PodList")
            #expect(reply.body["apiVersion"] == "v1")
            #expect(reply.body[path: ["metadata", "resourceVersion"]]?.stringValue == cluster.server.resourceVersion)
            let items = reply.body["items"]?.arrayValue ?? []
            #expect(items.map(\.name) == ["a", "b", "c", "d"])
            #expect(items.allSatisfy { $0["kind"] == nil && $0["apiVersion"] == nil })
            _ = try await cluster.send(.POST, "/apis/tocsin.dev/v1alpha1/namespaces/default/monitors", FakeCluster.monitor("m"))
            let monitors = try await cluster.send(.GET, "/apis/tocsin.dev/v1alpha1/monitors")
            #expect(monitors.body["kind"] == "MonitorList")
            #expect(monitors.body["items"]?.arrayValue?.first?["kind"] == "Monitor")
        }
    }

    @Test func pagesAreAConsistentSnapshotWhileWritesHappen() async throws {
        try await FakeCluster.with { cluster in
            for index in 1...7 { try cluster.server.create(.configMaps, ["metadata": ["name": .string("cm-\(index)")]]) }
            let path = "/api/v1/namespaces/default/configmaps?limit=3"
            let first = try await cluster.send(.GET, path)
            #expect(first.body["items"]?.arrayValue?.map(\.name) == ["cm-1", "cm-2", "cm-3"])
            #expect(first.body[path: ["metadata", "remainingItemCount"]] == 4)
            let listVersion = first.body[path: ["metadata", "resourceVersion"]]
            try cluster.server.delete(.configMaps, name: "cm-5")
            try cluster.server.create(.configMaps, ["metadata": ["name": "cm-45"]])
            let token1 = first.body[path: ["metadata", "continue"]]?.stringValue ?? ""
            let second = try await cluster.send(.GET, "\(path)&continue=\(token1)")
            #expect(second.body["items"]?.arrayValue?.map(\.name) == ["cm-4", "cm-5", "cm-6"])
            #expect(second.body[path: ["metadata", "remainingItemCount"]] == 1)
            #expect(second.body[path: ["metadata", "resourceVersion"]] == listVersion)
            let token2 = second.body[path: ["metadata", "continue"]]?.stringValue ?? ""
            let third = try await cluster.send(.GET, "\(path)&continue=\(token2)")
            #expect(third.body["items"]?.arrayValue?.map(\.name) == ["cm-7"])
            #expect(third.body[path: ["metadata", "continue"]] == nil)
            #expect(third.body[path: ["metadata", "remainingItemCount"]] == nil)
        }
    }

    @Test func aContinueTokenFromBeforeCompactionIsExpired() async throws {
        try await FakeCluster.with { cluster in
            for index in 1...3 { try cluster.server.create(.configMaps, ["metadata": ["name": .string("cm-\(index)")]]) }
            let first = try await cluster.send(.GET, "/api/v1/namespaces/default/configmaps?limit=1")
            try cluster.server.create(.configMaps, ["metadata": ["name": "cm-9"]])
            cluster.server.compact()
            let token = first.body[path: ["metadata", "continue"]]?.stringValue ?? ""
            let expired = try await cluster.send(.GET, "/api/v1/namespaces/default/configmaps?limit=1&continue=\(token)")
            #expect(expired.status == 410)
            #expect(expired.body["reason"] == "Expired")
            #expect(expired.body["message"]?.stringValue?.hasPrefix("The provided continue parameter is too old") == true)
            #expect(expired.body[path: ["metadata", "continue"]]?.stringValue?.isEmpty == false)
        }
    }

    @Test func resourceVersionMatchFollowsTheRealRules() async throws {
        try await FakeCluster.with { cluster in
            let old = cluster.server.resourceVersion
            try cluster.server.create(.configMaps, ["metadata": ["name": "new"]])
            let base = "/api/v1/namespaces/default/configmaps"
            let exact = try await cluster.send(.GET, "\(base)?resourceVersion=\(old)&resourceVersionMatch=Exact")
            #expect(exact.body["items"]?.arrayValue?.count == 0)
            #expect(exact.body[path: ["metadata", "resourceVersion"]]?.stringValue == old)
            let notOlder = try await cluster.send(.GET, "\(base)?resourceVersion=\(old)&resourceVersionMatch=NotOlderThan")
            #expect(notOlder.body["items"]?.arrayValue?.count == 1)
            let future = try await cluster.send(.GET, "\(base)?resourceVersion=999999&resourceVersionMatch=NotOlderThan")
            #expect(future.status == 504)
            #expect(future.body["reason"] == "Timeout")
            cluster.server.compact()
            let gone = try await cluster.send(.GET, "\(base)?resourceVersion=\(old)&resourceVersionMatch=Exact")
            #expect(gone.status == 410)
            #expect(gone.body["message"] == "The resourceVersion for the provided list is too old.")
        }
    }
}
