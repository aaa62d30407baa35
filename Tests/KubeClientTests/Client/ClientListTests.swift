import Foundation
import KubeClient
import KubeCore
import Testing
import TocsinTesting

/// Lists: selectors, pagination with continue tokens, consistent snapshots and expired tokens.
@Suite struct ClientListTests {
    @Test func listAllFollowsContinueTokensAcrossPages() async throws {
        try await withFakeCluster { server, client in
            for index in 0..<25 {
                _ = try server.create(.pods, podJSON(String(format: "pod-%02d", index)))
            }
            let before = server.requestCount(method: "GET", pathPrefix: "/api/v1/namespaces/default/pods")
            let list = try await client.listAll(Pod.self, namespace: "default", pageSize: 10)
            let requests = server.requests.suffix(3)
            #expect(server.requestCount(method: "GET", pathPrefix: "/api/v1/namespaces/default/pods") - before == 3)
            #expect(list.items.map(\.metadata.name) == (0..<25).map { String(format: "pod-%02d", $0) })
            #expect(list.metadata.resourceVersion == server.resourceVersion)
            #expect(list.metadata.continueToken == nil)
            #expect(requests.map { $0.query["limit"] } == ["10", "10", "10"])
            #expect(requests.first?.query["continue"] == nil)
            #expect(requests.dropFirst().allSatisfy { ($0.query["continue"] ?? "").isEmpty == false })
        }
    }

    @Test func onePageCarriesRemainingItemCountAndAContinueToken() async throws {
        try await withFakeCluster { server, client in
            for index in 0..<5 { _ = try server.create(.pods, podJSON("p\(index)")) }
            let page = try await client.list(Pod.self, namespace: "default", options: ListOptions(limit: 2))
            #expect(page.items.count == 2)
            #expect(page.metadata.remainingItemCount == 3)
            #expect(page.metadata.continueToken?.isEmpty == false)
        }
    }

    @Test func pagesAreAConsistentSnapshotWhileWritesHappen() async throws {
        try await withFakeCluster { server, client in
            for index in 0..<4 { _ = try server.create(.pods, podJSON("p\(index)")) }
            let first = try await client.list(Pod.self, namespace: "default", options: ListOptions(limit: 2))
            _ = try server.create(.pods, podJSON("p9"))
            _ = try server.delete(.pods, name: "p3")
            let second = try await client.list(
                Pod.self, namespace: "default", options: ListOptions(limit: 2, continueToken: first.metadata.continueToken))
            #expect(second.items.map(\.metadata.name) == ["p2", "p3"])
            #expect(second.metadata.continueToken == nil)
        }
    }

    @Test func anExpiredContinueTokenIsGone() async throws {
        try await withFakeCluster { server, client in
            for index in 0..<4 { _ = try server.create(.pods, podJSON("p\(index)")) }
            let first = try await client.list(Pod.self, namespace: "default", options: ListOptions(limit: 2))
            _ = try server.create(.pods, podJSON("p9"))
            server.compact()
            let error = await #expect(throws: KubeAPIError.self) {
                _ = try await client.list(
                    Pod.self, namespace: "default",
                    options: ListOptions(limit: 2, continueToken: first.metadata.continueToken))
            }
            #expect(error?.isGone == true)
            #expect(error?.statusCode == 410)
        }
    }

    @Test(arguments: [
        ("app=web", ["a", "c"]),
        ("app!=web", ["b", "d"]),
        ("app in (web,db)", ["a", "b", "c"]),
        ("tier", ["c"]),
        ("!tier,app=web", ["a"]),
    ])
    func labelSelectorsFilterOnTheServer(selector: String, expected: [String]) async throws {
        try await withFakeCluster { server, client in
            _ = try server.create(.pods, podJSON("a", labels: ["app": "web"]))
            _ = try server.create(.pods, podJSON("b", labels: ["app": "db"]))
            _ = try server.create(.pods, podJSON("c", labels: ["app": "web", "tier": "front"]))
            _ = try server.create(.pods, podJSON("d"))
            let list = try await client.listAll(
                Pod.self, namespace: "default", options: ListOptions(labelSelector: selector))
            #expect(list.items.compactMap(\.metadata.name) == expected)
            #expect(server.requests.last?.query["labelSelector"] == selector)
        }
    }

    @Test func fieldSelectorsAndAllNamespaces() async throws {
        try await withFakeCluster { server, client in
            _ = try server.create(.pods, podJSON("a", node: "node-1"))
            _ = try server.create(.pods, podJSON("b", namespace: "kube-system", node: "node-2"))
            _ = try server.create(.pods, podJSON("c", namespace: "kube-system", node: "node-1"))
            let onNode = try await client.listAll(
                Pod.self, namespace: nil, options: ListOptions(fieldSelector: "spec.nodeName=node-1"))
            #expect(onNode.items.map { "\($0.metadata.namespace ?? "")/\($0.metadata.name ?? "")" }
                == ["default/a", "kube-system/c"])
            #expect(server.requests.last?.path == "/api/v1/pods")
        }
    }
}
