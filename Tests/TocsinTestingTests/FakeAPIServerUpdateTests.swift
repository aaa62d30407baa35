import Foundation
import Testing
import TocsinTesting

@Suite("Fake API server: update")
struct FakeAPIServerUpdateTests {
    @Test func aStaleResourceVersionAnswersConflict() async throws {
        try await FakeCluster.with { cluster in
            let created = try await cluster.send(.POST, "/api/v1/namespaces/default/pods", FakeCluster.pod("web"))
            var first = created.body
            first[path: ["metadata", "labels"]] = ["a": "1"]
            let updated = try await cluster.send(.PUT, "/api/v1/namespaces/default/pods/web", first)
            #expect(updated.status == 200)
            #expect(updated.body.resourceVersion != created.body.resourceVersion)
            var stale = created.body
            stale[path: ["metadata", "labels"]] = ["a": "2"]
            let conflict = try await cluster.send(.PUT, "/api/v1/namespaces/default/pods/web", stale)
            #expect(conflict.status == 409)
            #expect(
                conflict.body == [
                    "kind": "Status", "apiVersion": "v1", "metadata": [:], "status": "Failure",
                    "message": .string(
                        "Operation cannot be fulfilled on pods \"web\": the object has been modified; "
                            + "please apply your changes to the latest version and try again"),
                    "reason": "Conflict", "details": ["name": "web", "kind": "pods"], "code": 409,
                ])
        }
    }

    @Test func aNoOpUpdateKeepsTheResourceVersion() async throws {
        try await FakeCluster.with { cluster in
            let created = try await cluster.send(.POST, "/api/v1/namespaces/default/pods", FakeCluster.pod("web"))
            let before = cluster.server.resourceVersion
            let same = try await cluster.send(.PUT, "/api/v1/namespaces/default/pods/web", created.body)
            #expect(same.status == 200)
            #expect(same.body == created.body)
            #expect(cluster.server.resourceVersion == before)
        }
    }

    @Test func generationMovesOnlyWhenTheSpecChanges() async throws {
        try await FakeCluster.with { cluster in
            let path = "/apis/tocsin.dev/v1alpha1/namespaces/default/monitors"
            var monitor = try await cluster.send(.POST, path, FakeCluster.monitor("m")).body
            monitor[path: ["metadata", "labels"]] = ["team": "sre"]
            monitor = try await cluster.send(.PUT, "\(path)/m", monitor).body
            #expect(monitor[path: ["metadata", "generation"]] == 1)
            monitor["spec"] = ["interval": "1m"]
            monitor = try await cluster.send(.PUT, "\(path)/m", monitor).body
            #expect(monitor[path: ["metadata", "generation"]] == 2)
            monitor["status"] = ["watched": 1]
            monitor = try await cluster.send(.PUT, "\(path)/m/status", monitor).body
            #expect(monitor[path: ["metadata", "generation"]] == 2)
        }
    }

    @Test func theStatusSubresourceSeparatesStatusFromTheRest() async throws {
        try await FakeCluster.with { cluster in
            let path = "/apis/tocsin.dev/v1alpha1/namespaces/default/monitors"
            let created = try await cluster.send(.POST, path, FakeCluster.monitor("m")).body
            var mainWrite = created
            mainWrite["status"] = ["watched": 5]
            mainWrite["spec"] = ["interval": "5m"]
            let afterMain = try await cluster.send(.PUT, "\(path)/m", mainWrite).body
            #expect(afterMain["status"] == nil)
            #expect(afterMain["spec"] == ["interval": "5m"])
            var statusWrite = afterMain
            statusWrite["status"] = ["watched": 7]
            statusWrite["spec"] = ["interval": "9h"]
            statusWrite[path: ["metadata", "labels"]] = ["ignored": "yes"]
            let afterStatus = try await cluster.send(.PUT, "\(path)/m/status", statusWrite).body
            #expect(afterStatus["status"] == ["watched": 7])
            #expect(afterStatus["spec"] == ["interval": "5m"])
            #expect(afterStatus[path: ["metadata", "labels"]] == nil)
            let fetched = try await cluster.send(.GET, "\(path)/m/status")
            #expect(fetched.body == afterStatus)
        }
    }

    @Test func anUpdateWithoutResourceVersionIsInvalidForCustomResourcesOnly() async throws {
        try await FakeCluster.with { cluster in
            let path = "/apis/tocsin.dev/v1alpha1/namespaces/default/monitors"
            var monitor = try await cluster.send(.POST, path, FakeCluster.monitor("m")).body
            monitor[path: ["metadata", "resourceVersion"]] = nil
            let refused = try await cluster.send(.PUT, "\(path)/m", monitor)
            #expect(refused.status == 422)
            #expect(
                refused.body["message"]?.stringValue
                    == "Monitor.tocsin.dev \"m\" is invalid: metadata.resourceVersion: Invalid value: 0x0: "
                    + "must be specified for an update")
            var pod = try await cluster.send(.POST, "/api/v1/namespaces/default/pods", FakeCluster.pod("p")).body
            pod[path: ["metadata", "resourceVersion"]] = nil
            pod[path: ["metadata", "labels"]] = ["x": "y"]
            let accepted = try await cluster.send(.PUT, "/api/v1/namespaces/default/pods/p", pod)
            #expect(accepted.status == 200)
            #expect(accepted.body[path: ["metadata", "labels"]] == ["x": "y"])
        }
    }
}
