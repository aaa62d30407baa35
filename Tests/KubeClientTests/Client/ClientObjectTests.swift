import Foundation
import KubeClient
import KubeCore
import Testing
import TocsinTesting

/// get, create, update, patch, delete and the status subresource, through real HTTP against the fake API server.
@Suite struct ClientObjectTests {
    @Test func getDecodesATypedPodAndSendsTheRightRequest() async throws {
        try await withFakeCluster { server, client in
            _ = try server.create(.pods, podJSON("web-1", labels: ["app": "web"], restarts: 3))
            let pod = try await client.get(Pod.self, name: "web-1")
            #expect(pod.metadata.name == "web-1")
            #expect(pod.metadata.namespace == "default")
            #expect(pod.metadata.labels == ["app": "web"])
            #expect(pod.metadata.uid?.isEmpty == false)
            #expect(pod.spec?.nodeName == "node-1")
            #expect(pod.status?.containerStatuses?.first?.restartCount == 3)
            let request = try #require(server.requests.last)
            #expect(request.method == "GET")
            #expect(request.path == "/api/v1/namespaces/default/pods/web-1")
            #expect(request.headers["accept"] == "application/json")
            #expect(request.headers["user-agent"]?.hasPrefix("tocsin/") == true)
        }
    }

    @Test func aMissingObjectIsATypedNotFoundWithTheServersStatus() async throws {
        try await withFakeCluster { _, client in
            let error = await #expect(throws: KubeAPIError.self) {
                _ = try await client.get(Pod.self, name: "absent", namespace: "kube-system")
            }
            #expect(error?.isNotFound == true)
            #expect(error?.statusCode == 404)
            #expect(error?.reason == "NotFound")
            #expect(error?.message == "pods \"absent\" not found")
            #expect(error?.isConflict == false)
        }
    }

    @Test func createReturnsTheStoredObjectAndADuplicateIsAlreadyExists() async throws {
        try await withFakeCluster { server, client in
            var configMap = ConfigMap(metadata: ObjectMeta(name: "settings"), data: ["level": "debug"])
            let created = try await client.create(configMap)
            #expect(created.metadata.namespace == "default")
            #expect(created.metadata.resourceVersion == server.resourceVersion)
            #expect(created.data == ["level": "debug"])
            let stored = try #require(server.object(.configMaps, name: "settings"))
            #expect(stored["data"]?["level"]?.stringValue == "debug")
            let request = try #require(server.requests.last)
            #expect(request.method == "POST")
            #expect(request.path == "/api/v1/namespaces/default/configmaps")
            #expect(request.headers["content-type"] == "application/json")

            configMap.data = ["level": "info"]
            let error = await #expect(throws: KubeAPIError.self) { _ = try await client.create(configMap) }
            #expect(error?.isAlreadyExists == true)
            #expect(error?.statusCode == 409)
        }
    }

    @Test func aStaleUpdateIsAConflictAndAFreshOneWins() async throws {
        try await withFakeCluster { server, client in
            let created = try await client.create(ConfigMap(metadata: ObjectMeta(name: "cm"), data: ["a": "1"]))
            var first = created
            first.data = ["a": "2"]
            let updated = try await client.update(first)
            #expect(updated.data == ["a": "2"])
            #expect(updated.metadata.resourceVersion != created.metadata.resourceVersion)

            var stale = created
            stale.data = ["a": "3"]
            let error = await #expect(throws: KubeAPIError.self) { _ = try await client.update(stale) }
            #expect(error?.isConflict == true)
            #expect(error?.reason == "Conflict")
            #expect(server.object(.configMaps, name: "cm")?["data"]?["a"]?.stringValue == "2")
        }
    }

    @Test func statusSubresourceWritesOnlyStatusAndTheMainResourceOnlySpec() async throws {
        try await withFakeCluster { server, client in
            server.register(widgetResource)
            let widgetJSON: JSONValue = [
                "apiVersion": "example.tocsin.dev/v1", "kind": "Widget",
                "metadata": ["name": "w1", "namespace": "default"],
                "spec": ["size": 1],
            ]
            var widget = try widgetJSON.decode(as: GenericObject.self)
            widget = try await client.create(widget, resource: widgetType)
            #expect(widget.metadata.generation == 1)

            var statusChange = widget
            statusChange.content["status"] = ["phase": "Ready"]
            statusChange.content["spec"] = ["size": 99]
            let afterStatus = try await client.updateStatus(statusChange, resource: widgetType)
            #expect(afterStatus.content["status"]?["phase"]?.stringValue == "Ready")
            #expect(afterStatus.content["spec"]?["size"]?.int64Value == 1)
            #expect(afterStatus.metadata.generation == 1)
            #expect(server.requests.last?.path == "/apis/example.tocsin.dev/v1/namespaces/default/widgets/w1/status")

            var specChange = afterStatus
            specChange.content["spec"] = ["size": 2]
            specChange.content["status"] = ["phase": "Ignored"]
            let afterSpec = try await client.update(specChange, resource: widgetType)
            #expect(afterSpec.content["spec"]?["size"]?.int64Value == 2)
            #expect(afterSpec.content["status"]?["phase"]?.stringValue == "Ready")
            #expect(afterSpec.metadata.generation == 2)

            let fetched = try await client.get(
                GenericObject.self, name: "w1", subresource: "status", resource: widgetType)
            #expect(fetched.content["status"]?["phase"]?.stringValue == "Ready")
        }
    }

    @Test func mergeJSONAndApplyPatchesSendTheirContentTypes() async throws {
        try await withFakeCluster { server, client in
            _ = try server.create(.pods, podJSON("p1", labels: ["app": "web"]))
            let merged = try await client.patch(
                Pod.self, name: "p1", patch: .merge(["metadata": ["labels": ["tier": "front", "app": nil]]]))
            #expect(merged.metadata.labels == ["tier": "front"])
            #expect(server.requests.last?.headers["content-type"] == "application/merge-patch+json")

            let patched = try await client.patch(
                Pod.self, name: "p1",
                patch: .json([.add("/metadata/annotations", ["tocsin.dev/seen": "yes"])]))
            #expect(patched.metadata.annotations == ["tocsin.dev/seen": "yes"])
            #expect(server.requests.last?.headers["content-type"] == "application/json-patch+json")

            let failedTest = await #expect(throws: KubeAPIError.self) {
                _ = try await client.patch(
                    Pod.self, name: "p1", patch: .json([.test("/metadata/name", "other")]))
            }
            #expect(failedTest?.isInvalid == true)

            let applied = try await client.patch(
                ConfigMap.self, name: "applied",
                patch: .apply([
                    "apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "applied"], "data": ["k": "v"],
                ]),
                options: PatchOptions(fieldManager: "tocsin", force: true))
            #expect(applied.data == ["k": "v"])
            let request = try #require(server.requests.last)
            #expect(request.headers["content-type"] == "application/apply-patch+yaml")
            #expect(request.query["fieldManager"] == "tocsin")
            #expect(request.query["force"] == "true")
        }
    }

    @Test func deleteWithAFinalizerMarksTheObjectUntilTheFinalizerIsRemoved() async throws {
        try await withFakeCluster { server, client in
            var configMap = ConfigMap(metadata: ObjectMeta(name: "guarded"), data: [:])
            configMap.metadata.finalizers = ["tocsin.dev/cleanup"]
            let created = try await client.create(configMap)

            let wrongPrecondition = await #expect(throws: KubeAPIError.self) {
                try await client.delete(
                    ConfigMap.self, name: "guarded",
                    options: DeleteOptions(preconditions: Preconditions(uid: "not-the-uid")))
            }
            #expect(wrongPrecondition?.isConflict == true)

            try await client.delete(
                ConfigMap.self, name: "guarded",
                options: DeleteOptions(
                    propagationPolicy: .foreground, preconditions: Preconditions(uid: created.metadata.uid)))
            var marked = try await client.get(ConfigMap.self, name: "guarded")
            #expect(marked.metadata.deletionTimestamp != nil)

            marked.metadata.finalizers = nil
            _ = try await client.update(marked)
            let gone = await #expect(throws: KubeAPIError.self) {
                _ = try await client.get(ConfigMap.self, name: "guarded")
            }
            #expect(gone?.isNotFound == true)
        }
    }

    @Test func clusterScopedResourcesIgnoreTheNamespace() async throws {
        try await withFakeCluster { server, client in
            _ = try server.create(
                .nodes,
                [
                    "apiVersion": "v1", "kind": "Node", "metadata": ["name": "node-1"],
                    "status": ["conditions": [["type": "Ready", "status": "False", "reason": "KubeletNotReady"]]],
                ])
            let node = try await client.get(Node.self, name: "node-1", namespace: "ignored")
            #expect(node.status?.conditions?.first?.status == "False")
            #expect(server.requests.last?.path == "/api/v1/nodes/node-1")
        }
    }
}
