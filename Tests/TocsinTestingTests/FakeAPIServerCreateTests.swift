import Foundation
import Testing
import TocsinTesting

@Suite("Fake API server: create and get")
struct FakeAPIServerCreateTests {
    @Test func createThenGetReturnsTheStoredObject() async throws {
        try await FakeCluster.with { cluster in
            let created = try await cluster.send(.POST, "/api/v1/namespaces/default/pods", FakeCluster.pod("web"))
            #expect(created.status == 201)
            let metadata = created.body["metadata"]
            #expect(metadata?["uid"]?.stringValue?.count == 36)
            #expect(metadata?["generation"] == 1)
            #expect(metadata?["namespace"] == "default")
            #expect(created.body["kind"] == "Pod")
            #expect(created.body["apiVersion"] == "v1")
            let timestamp = metadata?["creationTimestamp"]?.stringValue ?? ""
            #expect(timestamp.count == 20 && timestamp.hasSuffix("Z"))
            #expect(Int(created.body.resourceVersion) ?? 0 > 0)
            let fetched = try await cluster.send(.GET, "/api/v1/namespaces/default/pods/web")
            #expect(fetched.status == 200)
            #expect(fetched.body == created.body)
            #expect(fetched.headers["Content-Type"] == ["application/json"])
        }
    }

    @Test func getOfAMissingObjectAnswersTheRealNotFoundStatus() async throws {
        try await FakeCluster.with { cluster in
            let reply = try await cluster.send(.GET, "/api/v1/namespaces/default/pods/x")
            #expect(reply.status == 404)
            #expect(
                reply.body == [
                    "kind": "Status", "apiVersion": "v1", "metadata": [:], "status": "Failure",
                    "message": "pods \"x\" not found", "reason": "NotFound",
                    "details": ["name": "x", "kind": "pods"], "code": 404,
                ])
            let lease = try await cluster.send(.GET, "/apis/coordination.k8s.io/v1/namespaces/default/leases/l")
            #expect(lease.body["message"] == "leases.coordination.k8s.io \"l\" not found")
            #expect(lease.body["details"] == ["name": "l", "group": "coordination.k8s.io", "kind": "leases"])
        }
    }
}

@Suite("Fake API server: create rules")
struct FakeAPIServerCreateRuleTests {
    @Test func creatingAnExistingNameAnswersAlreadyExists() async throws {
        try await FakeCluster.with { cluster in
            _ = try await cluster.send(.POST, "/api/v1/namespaces/default/pods", FakeCluster.pod("web"))
            let again = try await cluster.send(.POST, "/api/v1/namespaces/default/pods", FakeCluster.pod("web"))
            #expect(again.status == 409)
            #expect(again.body["reason"] == "AlreadyExists")
            #expect(again.body["message"] == "pods \"web\" already exists")
            #expect(again.body["details"] == ["name": "web", "kind": "pods"])
        }
    }

    @Test func creatingInAMissingNamespaceAnswersNamespaceNotFound() async throws {
        try await FakeCluster.with { cluster in
            let reply = try await cluster.send(
                .POST, "/api/v1/namespaces/nowhere/pods", FakeCluster.pod("web", namespace: "nowhere"))
            #expect(reply.status == 404)
            #expect(reply.body["message"] == "namespaces \"nowhere\" not found")
            #expect(reply.body["details"] == ["name": "nowhere", "kind": "namespaces"])
        }
    }

    @Test func aBodyNamespaceThatDiffersFromTheURLIsABadRequest() async throws {
        try await FakeCluster.with { cluster in
            let reply = try await cluster.send(
                .POST, "/api/v1/namespaces/default/pods", FakeCluster.pod("web", namespace: "kube-system"))
            #expect(reply.status == 400)
            #expect(reply.body["reason"] == "BadRequest")
            #expect(
                reply.body["message"]
                    == "the namespace of the provided object does not match the namespace sent on the request")
        }
    }

    @Test func aMissingNameIsInvalidAndGenerateNameAddsFiveCharacters() async throws {
        try await FakeCluster.with { cluster in
            let unnamed: FakeJSON = ["metadata": [:], "data": ["a": "b"]]
            let reply = try await cluster.send(.POST, "/api/v1/namespaces/default/configmaps", unnamed)
            #expect(reply.status == 422)
            #expect(
                reply.body["message"]
                    == "ConfigMap \"\" is invalid: metadata.name: Required value: name or generateName is required")
            let generated: FakeJSON = ["metadata": ["generateName": "cfg-"]]
            let created = try await cluster.send(.POST, "/api/v1/namespaces/default/configmaps", generated)
            #expect(created.status == 201)
            #expect(created.body.name.hasPrefix("cfg-") && created.body.name.count == 9)
        }
    }

    @Test func statusInACreateBodyIsDroppedForCustomResourcesOnly() async throws {
        try await FakeCluster.with { cluster in
            var monitor = FakeCluster.monitor("m")
            monitor["status"] = ["watched": 3]
            let created = try await cluster.send(.POST, "/apis/tocsin.dev/v1alpha1/namespaces/default/monitors", monitor)
            #expect(created.status == 201)
            #expect(created.body["status"] == nil)
            let pod = FakeCluster.pod("web", extra: ["status": ["phase": "Running"]])
            let createdPod = try await cluster.send(.POST, "/api/v1/namespaces/default/pods", pod)
            #expect(createdPod.body["status"] == ["phase": "Running"])
        }
    }

    @Test func unknownResourcesAnswerTheGenericNotFound() async throws {
        try await FakeCluster.with { cluster in
            for path in ["/api/v1/namespaces/default/widgets", "/apis/nope.dev/v1/things", "/api/v1/pods/x"] {
                let reply = try await cluster.send(.GET, path)
                #expect(reply.status == 404)
                #expect(
                    reply.body == [
                        "kind": "Status", "apiVersion": "v1", "metadata": [:], "status": "Failure",
                        "message": "the server could not find the requested resource", "reason": "NotFound",
                        "details": [:], "code": 404,
                    ])
            }
        }
    }
}
