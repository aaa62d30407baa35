import Foundation
import Testing
import TocsinTesting

@Suite("Fake API server: delete")
struct FakeAPIServerDeleteTests {
    static let path = "/apis/tocsin.dev/v1alpha1/namespaces/default/monitors"

    @Test func finalizersHoldTheObjectUntilTheLastOneIsRemoved() async throws {
        try await FakeCluster.with { cluster in
            var monitor = FakeCluster.monitor("m")
            monitor[path: ["metadata", "finalizers"]] = ["tocsin.dev/cleanup"]
            let created = try await cluster.send(.POST, Self.path, monitor).body
            let watch = try await cluster.watchLines(
                "\(Self.path)?watch=true&resourceVersion=\(created.resourceVersion)", count: 2
            ) {
                let deleting = try await cluster.send(.DELETE, "\(Self.path)/m")
                #expect(deleting.status == 200)
                #expect(deleting.body[path: ["metadata", "deletionTimestamp"]] != nil)
                #expect(deleting.body[path: ["metadata", "deletionGracePeriodSeconds"]] == 0)
                #expect(deleting.body[path: ["metadata", "generation"]] == 2)
                var cleared = deleting.body
                cleared[path: ["metadata", "finalizers"]] = .array([])
                let removed = try await cluster.send(.PUT, "\(Self.path)/m", cleared)
                #expect(removed.status == 200)
            }
            #expect(watch.lines.map { $0["type"] } == ["MODIFIED", "DELETED"])
            let gone = try await cluster.send(.GET, "\(Self.path)/m")
            #expect(gone.status == 404)
        }
    }

    @Test func deleteWithoutFinalizersAnswersStatusSuccessOrThePod() async throws {
        try await FakeCluster.with { cluster in
            let monitor = try await cluster.send(.POST, Self.path, FakeCluster.monitor("m")).body
            let reply = try await cluster.send(.DELETE, "\(Self.path)/m")
            #expect(reply.status == 200)
            #expect(
                reply.body == [
                    "kind": "Status", "apiVersion": "v1", "metadata": [:], "status": "Success",
                    "details": [
                        "name": "m", "group": "tocsin.dev", "kind": "monitors",
                        "uid": monitor[path: ["metadata", "uid"]] ?? .null,
                    ],
                ])
            _ = try await cluster.send(.POST, "/api/v1/namespaces/default/pods", FakeCluster.pod("web"))
            let pod = try await cluster.send(.DELETE, "/api/v1/namespaces/default/pods/web")
            #expect(pod.body["kind"] == "Pod")
            #expect(pod.body.name == "web")
        }
    }

    @Test func failedPreconditionsConflict() async throws {
        try await FakeCluster.with { cluster in
            let created = try await cluster.send(.POST, Self.path, FakeCluster.monitor("m")).body
            let uid = created[path: ["metadata", "uid"]]?.stringValue ?? ""
            let wrongUID = try await cluster.send(
                .DELETE, "\(Self.path)/m", ["kind": "DeleteOptions", "preconditions": ["uid": "other"]])
            #expect(wrongUID.status == 409)
            #expect(
                wrongUID.body["message"]?.stringValue
                    == "Operation cannot be fulfilled on monitors.tocsin.dev \"m\": Precondition failed: "
                    + "UID in precondition: other, UID in object meta: \(uid)")
            let wrongVersion = try await cluster.send(
                .DELETE, "\(Self.path)/m", ["preconditions": ["resourceVersion": "1"]])
            #expect(wrongVersion.status == 409)
            let right = try await cluster.send(
                .DELETE, "\(Self.path)/m", ["preconditions": ["uid": .string(uid), "resourceVersion": .string(created.resourceVersion)]])
            #expect(right.status == 200)
        }
    }

    @Test(arguments: ["Background", "Foreground", "Orphan"])
    func propagationPolicyDecidesTheFateOfDependents(policy: String) async throws {
        try await FakeCluster.with { cluster in
            let owner = try await cluster.send(.POST, Self.path, FakeCluster.monitor("m")).body
            let reference: FakeJSON = [
                "apiVersion": "tocsin.dev/v1alpha1", "kind": "Monitor", "name": "m",
                "uid": owner[path: ["metadata", "uid"]] ?? .null,
            ]
            let dependent: FakeJSON = ["metadata": ["name": "child", "ownerReferences": [reference]]]
            _ = try await cluster.send(.POST, "/api/v1/namespaces/default/configmaps", dependent)
            _ = try await cluster.send(.DELETE, "\(Self.path)/m", ["propagationPolicy": .string(policy)])
            let child = cluster.server.object(.configMaps, name: "child")
            if policy == "Orphan" {
                #expect(child != nil)
                #expect(child?[path: ["metadata", "ownerReferences"]] == nil)
            } else {
                #expect(child == nil)
            }
        }
    }
}
