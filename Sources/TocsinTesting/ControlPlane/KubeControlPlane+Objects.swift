import Foundation
import KubeClient
import KubeCore
import Yams

/// What a test needs to put into a real cluster that has no kubelet or controllers: namespaces, CRDs, pods
/// with their status written as a kubelet would, nodes, events, ServiceAccount tokens.
extension KubeControlPlane {
    /// The CustomResourceDefinitions resource.
    public static let customResourceDefinitions = ResourceType(
        group: "apiextensions.k8s.io", version: "v1", plural: "customresourcedefinitions",
        kind: "CustomResourceDefinition", isNamespaced: false)

    /// Creates a namespace with a unique name starting with `prefix` (a test's own, for isolation).
    /// - Returns: the namespace's name.
    /// - Throws: ``KubeAPIError`` from the server.
    public func createNamespace(_ prefix: String, client: KubernetesClient) async throws -> String {
        let suffix = UUID().uuidString.prefix(6).lowercased()
        let name = "\(prefix.prefix(50))-\(suffix)"
        _ = try await client.create(Namespace(metadata: ObjectMeta(name: name)))
        return name
    }

    /// Creates or replaces every CustomResourceDefinition in the YAML files of `folder` and waits until each
    /// is `Established`.
    /// - Returns: the names of the definitions, in file order.
    /// - Throws: ``KubeAPIError`` when the server refuses one (the message names the field), or
    ///   ``KubeControlPlaneError`` when one is not established within 30 s.
    @discardableResult
    public func installCRDs(from folder: URL, client: KubernetesClient) async throws -> [String] {
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
        var names: [String] = []
        for file in files {
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            for document in try Self.yamlDocuments(text) where document["kind"]?.stringValue == "CustomResourceDefinition" {
                let definition = try Self.object(from: document)
                try await createOrReplace(definition, resource: Self.customResourceDefinitions, client: client)
                names.append(definition.metadata.name ?? "")
            }
        }
        for name in names {
            try await waitUntil("CustomResourceDefinition \(name) is Established", timeout: .seconds(30)) {
                let stored = try await client.get(
                    GenericObject.self, name: name, resource: Self.customResourceDefinitions)
                return stored["status"]?["conditions"]?.arrayValue?.contains {
                    $0["type"]?.stringValue == "Established" && $0["status"]?.stringValue == "True"
                } == true
            }
        }
        return names
    }

    /// Creates `object`, or replaces the stored one when it exists.
    /// - Returns: the object as the server stored it.
    /// - Throws: ``KubeAPIError`` from the server.
    @discardableResult
    public func createOrReplace(
        _ object: GenericObject, resource: ResourceType, client: KubernetesClient
    ) async throws -> GenericObject {
        do {
            return try await client.create(object, resource: resource)
        } catch let error as KubeAPIError where error.isAlreadyExists {
            // Replace what is stored; another writer (the server itself, for a CRD's status) may win the race,
            // so a conflict re-reads and tries again.
            var attempt = 0
            while true {
                let stored = try await client.get(
                    GenericObject.self, name: object.metadata.name ?? "", namespace: object.metadata.namespace,
                    resource: resource)
                var replacement = object
                replacement.metadata.resourceVersion = stored.metadata.resourceVersion
                do {
                    return try await client.update(replacement, resource: resource)
                } catch let error as KubeAPIError where error.isConflict && attempt < 10 {
                    attempt += 1
                }
            }
        }
    }

    /// Creates a pod bound to `nodeName` with one container per name in `containers` (no kubelet runs it).
    /// - Throws: ``KubeAPIError`` from the server.
    @discardableResult
    public func createPod(
        _ name: String, namespace: String, nodeName: String = "node-1", labels: [String: String] = [:],
        containers: [String] = ["app"], ownerReferences: [OwnerReference]? = nil, client: KubernetesClient
    ) async throws -> Pod {
        let containerList: [JSONValue] = containers.map { .object(["name": .string($0), "image": "registry.example/app:1"]) }
        let pod = GenericObject(
            type: .pods,
            metadata: ObjectMeta(name: name, namespace: namespace, labels: labels, ownerReferences: ownerReferences),
            content: ["spec": .object(["nodeName": .string(nodeName), "containers": .array(containerList)])])
        let created = try await client.create(pod, resource: .pods)
        return try await client.get(Pod.self, name: created.metadata.name ?? name, namespace: namespace)
    }

    /// Replaces a pod's `status` through the `status` subresource (a merge patch), as a kubelet writes it.
    /// - Throws: ``KubeAPIError`` from the server.
    @discardableResult
    public func writePodStatus(
        _ name: String, namespace: String, status: JSONValue, client: KubernetesClient
    ) async throws -> Pod {
        try await client.patch(
            Pod.self, name: name, namespace: namespace, patch: .merge(.object(["status": status])),
            subresource: "status")
    }

    /// The status of a running pod whose containers are ready, or waiting in `CrashLoopBackOff` with
    /// `restarts` restarts when `isCrashLooping`.
    public static func podStatus(
        containers: [String] = ["app"], isCrashLooping: Bool = false, restarts: Int64 = 0,
        startedAt: String = "2026-01-01T00:00:00Z"
    ) -> JSONValue {
        let statuses: [JSONValue] = containers.map { container in
            let state: JSONValue =
                isCrashLooping
                ? ["waiting": ["reason": "CrashLoopBackOff", "message": "back-off 5m0s restarting failed container"]]
                : ["running": ["startedAt": .string(startedAt)]]
            var status: [String: JSONValue] = [
                "name": .string(container), "ready": .bool(!isCrashLooping), "restartCount": .integer(restarts),
                "image": "registry.example/app:1", "imageID": "", "started": .bool(!isCrashLooping), "state": state,
            ]
            if isCrashLooping {
                status["lastState"] = [
                    "terminated": [
                        "exitCode": 1, "reason": "Error", "startedAt": .string(startedAt),
                        "finishedAt": .string(startedAt),
                    ]
                ]
            }
            return .object(status)
        }
        let ready: JSONValue = isCrashLooping ? "False" : "True"
        return [
            "phase": "Running", "startTime": .string(startedAt), "containerStatuses": .array(statuses),
            "conditions": [
                ["type": "Ready", "status": ready, "lastTransitionTime": .string(startedAt)],
                ["type": "ContainersReady", "status": ready, "lastTransitionTime": .string(startedAt)],
            ],
        ]
    }

    /// Creates a node and writes its `Ready` condition through the `status` subresource.
    /// - Throws: ``KubeAPIError`` from the server.
    @discardableResult
    public func createNode(_ name: String, isReady: Bool = true, labels: [String: String] = [:], client: KubernetesClient)
        async throws -> KubeCore.Node
    {
        _ = try await client.create(GenericObject(type: .nodes, metadata: ObjectMeta(name: name, labels: labels)), resource: .nodes)
        return try await writeNodeReady(name, isReady: isReady, client: client)
    }

    /// Writes a node's `Ready` condition (True, or False with reason `KubeletNotReady`) as its kubelet would.
    /// - Throws: ``KubeAPIError`` from the server.
    @discardableResult
    public func writeNodeReady(_ name: String, isReady: Bool, client: KubernetesClient) async throws -> KubeCore.Node {
        let now = RFC3339.format(Date(), fractionDigits: 0)
        let condition: JSONValue = [
            "type": "Ready", "status": isReady ? "True" : "False",
            "reason": isReady ? "KubeletReady" : "KubeletNotReady",
            "message": isReady ? "kubelet is posting ready status" : "container runtime network not ready",
            "lastHeartbeatTime": .string(now), "lastTransitionTime": .string(now),
        ]
        return try await client.patch(
            KubeCore.Node.self, name: name, patch: .strategicMerge(["status": ["conditions": [condition]]]),
            subresource: "status")
    }

    /// Creates a core/v1 Event about `object` (a Warning by default).
    /// - Throws: ``KubeAPIError`` from the server.
    @discardableResult
    public func createEvent(
        about object: ObjectReference, reason: String, message: String, type: String = "Warning", count: Int64 = 1,
        namespace: String, client: KubernetesClient
    ) async throws -> GenericObject {
        let now = RFC3339.format(Date(), fractionDigits: 0)
        let event = GenericObject(
            type: .events, metadata: ObjectMeta(namespace: namespace, generateName: "\(object.name ?? "object")-"),
            content: [
                "involvedObject": try JSONValue(encoding: object), "reason": .string(reason),
                "message": .string(message), "type": .string(type), "count": .integer(count),
                "firstTimestamp": .string(now), "lastTimestamp": .string(now),
                "source": ["component": "kubelet", "host": "node-1"],
            ])
        return try await client.create(event, namespace: namespace, resource: .events)
    }

    /// Creates an events.k8s.io/v1 Event about `object` (a Warning by default).
    /// - Throws: ``KubeAPIError`` from the server.
    @discardableResult
    public func createEventsV1Event(
        about object: ObjectReference, reason: String, note: String, type: String = "Warning", namespace: String,
        client: KubernetesClient
    ) async throws -> GenericObject {
        let event = GenericObject(
            type: .eventsV1, metadata: ObjectMeta(namespace: namespace, generateName: "\(object.name ?? "object")-"),
            content: [
                "regarding": try JSONValue(encoding: object), "reason": .string(reason), "note": .string(note),
                "type": .string(type), "action": "Failing", "eventTime": .string(MicroTime(Date()).description),
                "reportingController": "tocsin.dev/test", "reportingInstance": "test-1",
            ])
        return try await client.create(event, namespace: namespace, resource: .eventsV1)
    }

    /// Creates the ServiceAccount `name` in `namespace` when it is missing and returns a token for it from the
    /// TokenRequest API (`audiences` default to the API server's own).
    /// - Throws: ``KubeAPIError`` from the server, ``KubeControlPlaneError`` when the answer has no token.
    public func serviceAccountToken(
        _ name: String, namespace: String, audiences: [String] = [KubeControlPlane.serviceAccountIssuer],
        expirationSeconds: Int64 = 3600, client: KubernetesClient
    ) async throws -> String {
        let serviceAccounts = ResourceType(
            group: "", version: "v1", plural: "serviceaccounts", kind: "ServiceAccount", isNamespaced: true)
        do {
            _ = try await client.create(
                GenericObject(type: serviceAccounts, metadata: ObjectMeta(name: name, namespace: namespace)),
                resource: serviceAccounts)
        } catch let error as KubeAPIError where error.isAlreadyExists {}
        let request: JSONValue = [
            "apiVersion": "authentication.k8s.io/v1", "kind": "TokenRequest",
            "spec": ["audiences": .array(audiences.map(JSONValue.string)), "expirationSeconds": .integer(expirationSeconds)],
        ]
        let body = try await client.data(
            for: KubeRequest(
                method: .post, path: serviceAccounts.path(namespace: namespace, name: name, subresource: "token"),
                headers: [
                    .init(name: "Content-Type", value: "application/json"), .init(name: "Accept", value: "application/json"),
                ],
                body: try KubeJSON.makeEncoder().encode(request)))
        guard let token = try JSONValue(parsing: body)["status"]?["token"]?.stringValue else {
            throw KubeControlPlaneError("the TokenRequest for ServiceAccount \(namespace)/\(name) returned no token")
        }
        return token
    }

    /// Polls `condition` every 100 ms until it returns true; errors count as false.
    /// - Throws: ``KubeControlPlaneError`` naming `what` after `timeout`.
    public func waitUntil(
        _ what: String, timeout: Duration = .seconds(60), _ condition: () async throws -> Bool
    ) async throws {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        var lastError: (any Error)?
        while clock.now < deadline {
            do {
                if try await condition() { return }
            } catch {
                lastError = error
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw KubeControlPlaneError("timed out after \(timeout) waiting until \(what)\(lastError.map { " (last error: \($0))" } ?? "")")
    }

    /// The documents of a YAML stream as JSON values (empty documents skipped).
    /// - Throws: the YAML parser's error.
    public static func yamlDocuments(_ text: String) throws -> [JSONValue] {
        try Yams.load_all(yaml: text).map { jsonValue(from: $0) }.filter { !$0.isNull }
    }

    /// Decodes a JSON value as an object.
    /// - Throws: ``KubeDecodingError`` when it is not an object.
    public static func object(from value: JSONValue) throws -> GenericObject {
        try KubeJSON.decode(GenericObject.self, from: try KubeJSON.makeEncoder().encode(value))
    }

    private static func jsonValue(from value: Any) -> JSONValue {
        switch value {
        case let dictionary as [String: Any]:
            return .object(dictionary.mapValues(jsonValue(from:)))
        case let array as [Any]:
            return .array(array.map(jsonValue(from:)))
        case let bool as Bool:
            return .bool(bool)
        case let integer as Int:
            return .integer(Int64(integer))
        case let double as Double:
            return .double(double)
        case let string as String:
            return .string(string)
        case let date as Date:
            return .string(RFC3339.format(date, fractionDigits: 0))
        default:
            return .null
        }
    }
}
