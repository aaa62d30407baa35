import Foundation
import KubeClient
import KubeCore
import Testing
import TocsinAPI
import TocsinTesting

/// The Kubernetes client's behaviour, once against the fake and once against the real server, from the same
/// test code.
@Suite struct ClientConformanceTests {
    static func configMap(_ name: String, _ namespace: String, data: [String: String] = ["a": "1"], labels: [String: String]? = nil)
        -> ConfigMap
    {
        ConfigMap(metadata: ObjectMeta(name: name, namespace: namespace, labels: labels), data: data)
    }

    static func monitor(_ name: String, _ namespace: String, kinds: [String] = ["Pod"]) -> GenericObject {
        GenericObject(
            type: .monitors, metadata: ObjectMeta(name: name, namespace: namespace),
            content: ["spec": ["kinds": .array(kinds.map(JSONValue.string))]])
    }

    @Test(arguments: Backend.available)
    func listPaginatesInNameOrderAtOneResourceVersion(backend: Backend) async throws {
        try await ClusterUnderTest.with(backend) { cluster in
            for index in 0..<7 {
                _ = try await cluster.client.create(Self.configMap("page-\(index)", cluster.namespace, labels: ["set": "pages"]))
            }
            let first = try await cluster.client.list(
                ConfigMap.self, namespace: cluster.namespace, options: ListOptions(labelSelector: "set=pages", limit: 3))
            #expect(first.items.map(\.metadata.name) == ["page-0", "page-1", "page-2"])
            let token = try #require(first.metadata.continueToken)
            #expect(!token.isEmpty)
            // With a label selector the server cannot count what is left: no remainingItemCount.
            #expect(first.metadata.remainingItemCount == nil)
            let all = try await cluster.client.listAll(
                ConfigMap.self, namespace: cluster.namespace, options: ListOptions(labelSelector: "set=pages"), pageSize: 3)
            #expect(all.items.map(\.metadata.name) == (0..<7).map { "page-\($0)" })
            // The list's resourceVersion is its first page's (other tests write to the shared server meanwhile).
            #expect(all.metadata.resourceVersion?.isEmpty == false)
            let none = try await cluster.client.list(
                ConfigMap.self, namespace: cluster.namespace, options: ListOptions(labelSelector: "set=other"))
            #expect(none.items.isEmpty)
            #expect(none.metadata.continueToken == nil || none.metadata.continueToken == "")
        }
    }

    @Test(arguments: Backend.available)
    func aWatchFromAListSeesEveryLaterChangeInOrderAndResumes(backend: Backend) async throws {
        try await ClusterUnderTest.with(backend) { cluster in
            let client = cluster.client
            let listed = try await client.list(ConfigMap.self, namespace: cluster.namespace)
            let start = try #require(listed.metadata.resourceVersion)
            let created = try await client.create(Self.configMap("watched", cluster.namespace))
            var changed = created
            changed.data = ["a": "2"]
            let updated = try await client.update(changed)
            try await client.delete(ConfigMap.self, name: "watched", namespace: cluster.namespace)

            var seen: [(WatchEventType, String?, String?)] = []
            for try await result in client.watch(
                ConfigMap.self, namespace: cluster.namespace, options: WatchOptions(resourceVersion: start, timeoutSeconds: 30))
            {
                let event = try result.get()
                if event.type == .bookmark { continue }
                seen.append((event.type, event.object?.data?["a"], event.resourceVersion))
                if seen.count == 3 { break }
            }
            #expect(seen.map(\.0) == [.added, .modified, .deleted])
            #expect(seen.map(\.1) == ["1", "2", "2"])
            #expect(seen[0].2 == created.metadata.resourceVersion)
            #expect(seen[1].2 == updated.metadata.resourceVersion)

            // Resuming from the MODIFIED event's resourceVersion replays only what came after it.
            var resumed: [WatchEventType] = []
            for try await result in client.watch(
                ConfigMap.self, namespace: cluster.namespace,
                options: WatchOptions(resourceVersion: seen[1].2, timeoutSeconds: 30))
            {
                let event = try result.get()
                if event.type == .bookmark { continue }
                resumed.append(event.type)
                break
            }
            #expect(resumed == [.deleted])
        }
    }

    @Test(arguments: Backend.available)
    func aStaleUpdateIsAConflictWithTheServersStatus(backend: Backend) async throws {
        try await ClusterUnderTest.with(backend) { cluster in
            let created = try await cluster.client.create(Self.configMap("cm", cluster.namespace))
            var fresh = created
            fresh.data = ["a": "2"]
            let updated = try await cluster.client.update(fresh)
            #expect(updated.metadata.resourceVersion != created.metadata.resourceVersion)
            var stale = created
            stale.data = ["a": "3"]
            let error = await #expect(throws: KubeAPIError.self) { _ = try await cluster.client.update(stale) }
            #expect(error?.isConflict == true)
            #expect(error?.statusCode == 409)
            #expect(error?.reason == "Conflict")
            #expect(error?.status?.details?.name == "cm")
            #expect(
                error?.message
                    == "Operation cannot be fulfilled on configmaps \"cm\": the object has been modified; please apply your changes to the latest version and try again")
        }
    }

    @Test(arguments: Backend.available)
    func statusErrorsAreTypedWithTheServersReasonAndMessage(backend: Backend) async throws {
        try await ClusterUnderTest.with(backend) { cluster in
            let missing = await #expect(throws: KubeAPIError.self) {
                _ = try await cluster.client.get(ConfigMap.self, name: "absent", namespace: cluster.namespace)
            }
            #expect(missing?.isNotFound == true)
            #expect(missing?.message == "configmaps \"absent\" not found")
            #expect(missing?.status?.details?.kind == "configmaps")

            _ = try await cluster.client.create(Self.configMap("twice", cluster.namespace))
            let duplicate = await #expect(throws: KubeAPIError.self) {
                _ = try await cluster.client.create(Self.configMap("twice", cluster.namespace))
            }
            #expect(duplicate?.isAlreadyExists == true)
            #expect(duplicate?.statusCode == 409)
            #expect(duplicate?.message == "configmaps \"twice\" already exists")

            let invalid = await #expect(throws: KubeAPIError.self) {
                _ = try await cluster.client.create(Self.configMap("Not_A_Name", cluster.namespace))
            }
            #expect(invalid?.isInvalid == true)
            #expect(invalid?.statusCode == 422)
            #expect(invalid?.status?.details?.causes?.first?.field == "metadata.name")

            let noNamespace = await #expect(throws: KubeAPIError.self) {
                _ = try await cluster.client.create(Self.configMap("x", "no-such-namespace"))
            }
            #expect(noNamespace?.isNotFound == true)
            #expect(noNamespace?.message == "namespaces \"no-such-namespace\" not found")
        }
    }

    @Test(arguments: Backend.available)
    func generationCountsSpecChangesAndTheStatusSubresourceWritesOnlyStatus(backend: Backend) async throws {
        try await ClusterUnderTest.with(backend) { cluster in
            let client = cluster.client
            let created = try await client.create(Self.monitor("m", cluster.namespace), resource: .monitors)
            #expect(created.metadata.generation == 1)

            // Status through the main resource is ignored.
            var withStatus = created
            withStatus["status"] = ["namespaceCount": 3]
            let afterMain = try await client.update(withStatus, resource: .monitors)
            #expect(afterMain["status"] == nil)
            #expect(afterMain.metadata.generation == 1)

            // Status through the subresource is written; spec changes there are ignored; generation stays.
            var statusWrite = afterMain
            statusWrite["status"] = ["namespaceCount": 3]
            statusWrite["spec"] = ["kinds": ["Node"]]
            let afterStatus = try await client.updateStatus(statusWrite, resource: .monitors)
            #expect(afterStatus["status"]?["namespaceCount"]?.int64Value == 3)
            #expect(afterStatus["spec"]?["kinds"] == ["Pod"])
            #expect(afterStatus.metadata.generation == 1)

            // A spec change bumps generation; metadata-only changes do not.
            var specChange = afterStatus
            specChange["spec"] = ["kinds": ["Node"]]
            let afterSpec = try await client.update(specChange, resource: .monitors)
            #expect(afterSpec.metadata.generation == 2)
            #expect(afterSpec["status"]?["namespaceCount"]?.int64Value == 3)
            let afterLabel = try await client.patch(
                GenericObject.self, name: "m", namespace: cluster.namespace,
                patch: .merge(["metadata": ["labels": ["team": "sre"]]]), resource: .monitors)
            #expect(afterLabel.metadata.generation == 2)

            // A status merge patch through the subresource.
            let patched = try await client.patch(
                GenericObject.self, name: "m", namespace: cluster.namespace,
                patch: .merge(["status": ["namespaceCount": 5]]), subresource: "status", resource: .monitors)
            #expect(patched["status"]?["namespaceCount"]?.int64Value == 5)
        }
    }

    @Test(arguments: Backend.available)
    func mergeJSONStrategicAndApplyPatches(backend: Backend) async throws {
        try await ClusterUnderTest.with(backend) { cluster in
            let client = cluster.client
            let namespace = cluster.namespace
            _ = try await client.create(Self.configMap("p", namespace, data: ["a": "1", "b": "2"]))

            let merged = try await client.patch(
                ConfigMap.self, name: "p", namespace: namespace, patch: .merge(["data": ["a": "10", "b": nil]]))
            #expect(merged.data == ["a": "10"])

            let jsonPatched = try await client.patch(
                ConfigMap.self, name: "p", namespace: namespace,
                patch: .json([
                    JSONPatchOperation(op: .test, path: "/data/a", value: "10"),
                    JSONPatchOperation(op: .add, path: "/data/c", value: "3"),
                ]))
            #expect(jsonPatched.data == ["a": "10", "c": "3"])
            let failedTest = await #expect(throws: KubeAPIError.self) {
                _ = try await client.patch(
                    ConfigMap.self, name: "p", namespace: namespace,
                    patch: .json([JSONPatchOperation(op: .test, path: "/data/a", value: "nope")]))
            }
            #expect(failedTest?.statusCode == 422)

            let strategic = try await client.patch(
                ConfigMap.self, name: "p", namespace: namespace, patch: .strategicMerge(["data": ["d": "4"]]))
            #expect(strategic.data == ["a": "10", "c": "3", "d": "4"])
            // Custom resources have no strategic merge: 415 on the real server, so on the fake too.
            _ = try await client.create(Self.monitor("sm", namespace), resource: .monitors)
            let unsupported = await #expect(throws: KubeAPIError.self) {
                _ = try await client.patch(
                    GenericObject.self, name: "sm", namespace: namespace, patch: .strategicMerge(["spec": ["kinds": ["Node"]]]),
                    resource: .monitors)
            }
            #expect(unsupported?.statusCode == 415)

            // Server-side apply: creates, owns its fields, and conflicts with another manager unless forced.
            let applied = try await client.patch(
                ConfigMap.self, name: "applied", namespace: namespace,
                patch: .apply(["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "applied"], "data": ["x": "1"]]),
                options: PatchOptions(fieldManager: "tocsin-a"))
            #expect(applied.data == ["x": "1"])
            let conflict = await #expect(throws: KubeAPIError.self) {
                _ = try await client.patch(
                    ConfigMap.self, name: "applied", namespace: namespace,
                    patch: .apply(["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "applied"], "data": ["x": "2"]]),
                    options: PatchOptions(fieldManager: "tocsin-b"))
            }
            #expect(conflict?.isConflict == true)
            let forced = try await client.patch(
                ConfigMap.self, name: "applied", namespace: namespace,
                patch: .apply(["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "applied"], "data": ["x": "2"]]),
                options: PatchOptions(fieldManager: "tocsin-b", force: true))
            #expect(forced.data == ["x": "2"])
        }
    }

    @Test(arguments: Backend.available)
    func aFinalizerHoldsADeletedObjectUntilItIsRemoved(backend: Backend) async throws {
        try await ClusterUnderTest.with(backend) { cluster in
            let client = cluster.client
            var configMap = Self.configMap("held", cluster.namespace)
            configMap.metadata.finalizers = ["tocsin.dev/test"]
            let created = try await client.create(configMap)
            try await client.delete(ConfigMap.self, name: "held", namespace: cluster.namespace)
            let terminating = try await client.get(ConfigMap.self, name: "held", namespace: cluster.namespace)
            #expect(terminating.metadata.deletionTimestamp != nil)
            #expect(terminating.metadata.finalizers == ["tocsin.dev/test"])

            // A precondition on a stale uid is refused.
            let wrongUID = await #expect(throws: KubeAPIError.self) {
                try await client.delete(
                    ConfigMap.self, name: "held", namespace: cluster.namespace,
                    options: DeleteOptions(preconditions: Preconditions(uid: "not-the-uid")))
            }
            #expect(wrongUID?.isConflict == true)

            var released = terminating
            released.metadata.finalizers = []
            _ = try await client.update(released)
            let gone = await #expect(throws: KubeAPIError.self) {
                _ = try await client.get(ConfigMap.self, name: "held", namespace: cluster.namespace)
            }
            #expect(gone?.isNotFound == true)
            #expect(created.metadata.uid != nil)
        }
    }

    @Test(arguments: Backend.available)
    func discoveryListsTheTocsinResourcesWithTheirStatusSubresource(backend: Backend) async throws {
        try await ClusterUnderTest.with(backend) { cluster in
            let body = try await cluster.client.data(
                for: KubeRequest(
                    method: .get, path: "/apis/tocsin.dev/v1alpha1",
                    headers: [.init(name: "Accept", value: "application/json")]))
            let list = try JSONValue(parsing: body)
            #expect(list["kind"] == "APIResourceList")
            #expect(list["groupVersion"] == "tocsin.dev/v1alpha1")
            let names = Set((list["resources"]?.arrayValue ?? []).compactMap { $0["name"]?.stringValue })
            for plural in ["monitors", "alertrules", "oncallschedules", "oncalloverrides", "incidents"] {
                #expect(names.contains(plural), "\(plural) in \(names.sorted())")
                #expect(names.contains("\(plural)/status"), "\(plural)/status in \(names.sorted())")
            }
            let monitors = list["resources"]?.arrayValue?.first { $0["name"] == "monitors" }
            #expect(monitors?["namespaced"] == true)
            #expect(monitors?["kind"] == "Monitor")
        }
    }

    /// WatchList: a watch with `sendInitialEvents` starts with the current objects as ADDED events and a
    /// BOOKMARK after them (annotated `k8s.io/initial-events-end`), then goes on with live events. A bookmark the
    /// real server sends without waiting a minute, so bookmarks are tested against both.
    @Test(arguments: Backend.available)
    func aWatchListSendsTheObjectsThenABookmarkThenChanges(backend: Backend) async throws {
        try await ClusterUnderTest.with(backend) { cluster in
            for name in ["b", "a"] { _ = try await cluster.client.create(Self.configMap(name, cluster.namespace)) }
            var added: [String] = []
            var bookmark: String?
            var live: [String] = []
            for try await result in cluster.client.watch(
                ConfigMap.self, namespace: cluster.namespace,
                options: WatchOptions(timeoutSeconds: 30, sendInitialEvents: true))
            {
                switch try result.get() {
                case .added(let object) where bookmark == nil: added.append(object.metadata.name ?? "")
                case .bookmark(let resourceVersion) where bookmark == nil:
                    bookmark = resourceVersion
                    _ = try await cluster.client.create(Self.configMap("c", cluster.namespace))
                case .added(let object): live.append(object.metadata.name ?? "")
                default: break
                }
                if !live.isEmpty { break }
            }
            #expect(added == ["a", "b"])
            #expect(bookmark?.isEmpty == false)
            #expect(live == ["c"])

            // Without resourceVersionMatch=NotOlderThan the server refuses it.
            let refused = await #expect(throws: KubeAPIError.self) {
                var request = KubeRequest.watch(
                    .configMaps, namespace: cluster.namespace, options: WatchOptions(timeoutSeconds: 5))
                request.query.append(QueryItem(name: "sendInitialEvents", value: "true"))
                _ = try await cluster.client.data(for: request)
            }
            #expect(refused?.statusCode == 422, "\(String(describing: refused))")
        }
    }

    /// A watch from a resourceVersion whose history was compacted is `410 Gone` (an ERROR event with a Status
    /// `Expired`), which makes a reflector relist. The real server answers so without its watch cache (which
    /// keeps a window of history of its own), as the fake does after ``FakeAPIServer/compact()``.
    @Test(arguments: Backend.available)
    func aWatchFromACompactedResourceVersionIsGone(backend: Backend) async throws {
        switch backend {
        case .fake:
            try await ClusterUnderTest.with(.fake) { cluster in
                try await Self.expectGone(client: cluster.client, namespace: cluster.namespace) { cluster.fake?.compact() }
            }
        case .real:
            try await RealCluster.withDedicatedControlPlane(.init(apiServerFlags: ["--watch-cache=false"])) { controlPlane in
                try await RealCluster.withNamespace("gone", on: controlPlane) { controlPlane, client, namespace in
                    try await Self.expectGone(client: client, namespace: namespace) { try await controlPlane.compactEtcd() }
                }
            }
        }
    }

    static func expectGone(
        client: KubernetesClient, namespace: String, compact: () async throws -> Void
    ) async throws {
        let created = try await client.create(configMap("old", namespace))
        let old = try #require(created.metadata.resourceVersion)
        // A watch from `old` starts at the revision after it: compacting at the current revision must lie past that.
        _ = try await client.create(configMap("newer", namespace))
        _ = try await client.create(configMap("newest", namespace))
        try await compact()
        var status: Status?
        do {
            for try await result in client.watch(
                ConfigMap.self, namespace: namespace, options: WatchOptions(resourceVersion: old, timeoutSeconds: 30))
            {
                if case .error(let error) = try result.get() {
                    status = error
                    break
                }
            }
        } catch let error as KubeAPIError {
            status = error.status
        }
        #expect(status?.code == 410, "\(String(describing: status))")
        #expect(status?.reason == "Expired" || status?.reason == "Gone", "\(String(describing: status))")
    }

    /// The server renders the AlertRule's printer columns: `Condition` is the condition's type, not JSON.
    @Test(arguments: Backend.available)
    func thePrinterColumnsOfAnAlertRuleAreReadable(backend: Backend) async throws {
        guard backend == .real else { return }  // Tables are the real server's; the fake does not render them.
        try await ClusterUnderTest.with(backend) { cluster in
            var rule = GenericObject(
                type: .alertRules, metadata: ObjectMeta(name: "columns", namespace: cluster.namespace),
                content: [
                    "spec": [
                        "monitorRef": ["name": "m"], "severity": "high", "condition": ["podFailed": [:]],
                        "routes": [["slack": ["channel": "#x", "tokenSecretRef": ["name": "s", "key": "k"]]]],
                    ]
                ])
            rule = try await cluster.client.create(rule, resource: .alertRules)
            rule["status"] = ["conditionType": "podFailed"]
            _ = try await cluster.client.updateStatus(rule, resource: .alertRules)
            let body = try await cluster.client.data(
                for: KubeRequest(
                    method: .get, path: ResourceType.alertRules.path(namespace: cluster.namespace, name: "columns"),
                    headers: [.init(name: "Accept", value: "application/json;as=Table;v=v1;g=meta.k8s.io")]))
            let table = try JSONValue(parsing: body)
            let names = (table["columnDefinitions"]?.arrayValue ?? []).compactMap { $0["name"]?.stringValue }
            let column = try #require(names.firstIndex(of: "Condition"), "\(names)")
            let cell = table["rows"]?[0]?["cells"]?[column]
            #expect(cell == "podFailed", "\(String(describing: cell))")
        }
    }
}
