import AsyncHTTPClient
import Foundation
import KubeClient
import KubeCore
import KubeRuntime
import Logging
import Synchronization
import Testing
import TocsinAPI
import TocsinTesting

extension RealServer {
    /// The shipped RBAC and the incidents API's authentication through the real server.
    @Suite struct AccessTests {
        /// The ServiceAccount bound by the rendered manifests' own ClusterRoles and Role runs the whole flow
        /// without a single 403.
        @Test func theShippedRBACIsEnoughForTheWholeFlow() async throws {
            try await OperatorHarness.with("rbac") { harness in
                let token = try await Self.bindShippedRBAC(harness)
                try await harness.apply(harness.rule("api-crashlooping", condition: "{podCrashLooping: {lookback: 5m}}"))
                _ = try await harness.controlPlane.createPod("api-1", namespace: harness.namespace, client: harness.client)
                let logs = CapturedLogs()
                var options = harness.options(
                    leaderElection: LeaderElectionConfiguration(leaseName: "tocsin-leader", namespace: harness.namespace))
                options.operatorNamespace = harness.namespace
                try await harness.runOperator(token: token, options: options, logger: logs.logger) { assembly in
                    try await harness.waitForSync(assembly)
                    _ = try await harness.controlPlane.writePodStatus(
                        "api-1", namespace: harness.namespace,
                        status: KubeControlPlane.podStatus(isCrashLooping: true, restarts: 4), client: harness.client)
                    let firing = try await harness.incident(of: "api-crashlooping", in: .firing)
                    let card = try await eventually("the Slack card") { harness.slack.messages(in: OperatorHarness.channelID).first }
                    try await harness.click(
                        "tocsin_acknowledge", incident: firing.metadata.name ?? "", messageTS: card.ts,
                        port: try #require(assembly.boundPort))
                    _ = try await harness.incident(of: "api-crashlooping", in: .acknowledged)
                    // The operator recorded Kubernetes Events and holds its Lease.
                    let lease = try await harness.client.get(Lease.self, name: "tocsin-leader", namespace: harness.namespace)
                    #expect(lease.spec?.holderIdentity != nil)
                }
                let forbidden = logs.lines.filter { $0.localizedCaseInsensitiveContains("forbidden") }
                #expect(forbidden == [], "the shipped RBAC lacks a permission")
                // Two writers of the AlertRule status once met in a 409 at start-up: a conflict is a quiet requeue now.
                let conflicts = logs.lines.filter { ($0.hasPrefix("warning") || $0.hasPrefix("error")) && $0.contains("409") }
                #expect(conflicts == [])
            }
        }

        /// The namespaced variant (manifests/namespaced/role.yaml only): the operator runs in its namespace, a
        /// Monitor that asks for Nodes says it may not watch them (Ready=False Forbidden, one warning line),
        /// and a Monitor of Pods and Events works.
        @Test func theNamespacedVariantWorksAndSaysWhatItMayNotWatch() async throws {
            try await OperatorHarness.with("namespaced") { harness in
                let token = try await Self.bindRoles(from: ["namespaced/role.yaml"], harness)
                try await harness.apply(
                    """
                    apiVersion: tocsin.dev/v1alpha1
                    kind: Monitor
                    metadata: {name: pods}
                    spec:
                      kinds: [Pod, Event]
                    """)
                try await harness.apply(
                    harness.rule("pod-failed", condition: "{podFailed: {}}")
                        .replacingOccurrences(of: "monitorRef: {name: shop}", with: "monitorRef: {name: pods}"))
                _ = try await harness.controlPlane.createPod("job-1", namespace: harness.namespace, client: harness.client)
                let logs = CapturedLogs()
                let options = harness.options(
                    leaderElection: LeaderElectionConfiguration(leaseName: "tocsin-leader", namespace: harness.namespace))
                try await harness.runOperator(token: token, options: options, logger: logs.logger) { _ in
                    let ready = try await eventually("the Monitor asking for Nodes to say Forbidden") {
                        let monitor = try await harness.client.get(
                            GenericObject.self, name: "shop", namespace: harness.namespace, resource: .monitors)
                        return monitor["status"]?["conditions"]?.arrayValue?.first {
                            $0["type"] == "Ready" && $0["status"] == "False" && $0["reason"] == "Forbidden"
                        }
                    }
                    #expect(ready["message"]?.stringValue?.contains("nodes") == true, "\(ready)")
                    try await harness.failPod("job-1")
                    _ = try await harness.incident(of: "pod-failed", in: .firing)
                    try await eventually("the Slack card") { harness.slack.messages(in: OperatorHarness.channelID).first }
                }
                let warnings = logs.lines.filter { $0.hasPrefix("warning") && $0.localizedCaseInsensitiveContains("forbidden") }
                #expect(warnings.count == 1, "\(warnings)")
                #expect(warnings.allSatisfy { $0.contains("nodes") }, "\(warnings)")
            }
        }

        /// The incidents API authenticates with TokenReview and authorizes with SubjectAccessReview.
        @Test func theIncidentsAPIUsesTheServersTokenAndAccessReviews() async throws {
            try await OperatorHarness.with("api") { harness in
                let otherAudience = try await harness.controlPlane.serviceAccountToken(
                    "someone", namespace: harness.namespace, audiences: ["https://elsewhere.example"], client: harness.client)
                try await harness.runOperator { assembly in
                    try await harness.waitForSync(assembly)
                    let port = try #require(assembly.boundPort)
                    func status(_ token: String?) async throws -> UInt {
                        var request = HTTPClientRequest(
                            url: "http://127.0.0.1:\(port)/api/v1/incidents?namespace=\(harness.namespace)")
                        if let token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
                        return try await HTTPClient.shared.execute(request, timeout: .seconds(30)).status.code
                    }
                    #expect(try await status(harness.controlPlane.adminToken) == 200)
                    #expect(try await status(harness.controlPlane.unprivilegedToken) == 403)
                    #expect(try await status("not-a-token") == 401)
                    #expect(try await status(otherAudience) == 401)
                    #expect(try await status(nil) == 401)
                }
            }
        }

        /// Binds copies of `manifests/clusterrole*.yaml` and `manifests/role.yaml` (renamed for this test) to a
        /// ServiceAccount `tocsin` of the harness's namespace and returns a TokenRequest token for it.
        static func bindShippedRBAC(_ harness: OperatorHarness) async throws -> String {
            try await bindRoles(from: ["clusterrole.yaml", "clusterrole-secrets.yaml", "role.yaml"], harness)
        }

        /// Binds copies of the roles in `files` (under `manifests/`, renamed for this test; Roles moved into the
        /// harness's namespace) to its ServiceAccount `tocsin` and returns a TokenRequest token for it.
        static func bindRoles(from files: [String], _ harness: OperatorHarness) async throws -> String {
            let namespace = harness.namespace
            let clusterRoles = ResourceType(
                group: "rbac.authorization.k8s.io", version: "v1", plural: "clusterroles", kind: "ClusterRole", isNamespaced: false)
            let clusterRoleBindings = ResourceType(
                group: "rbac.authorization.k8s.io", version: "v1", plural: "clusterrolebindings", kind: "ClusterRoleBinding",
                isNamespaced: false)
            let roles = ResourceType(group: "rbac.authorization.k8s.io", version: "v1", plural: "roles", kind: "Role", isNamespaced: true)
            let roleBindings = ResourceType(
                group: "rbac.authorization.k8s.io", version: "v1", plural: "rolebindings", kind: "RoleBinding", isNamespaced: true)
            let subject: JSONValue = [["kind": "ServiceAccount", "name": "tocsin", "namespace": .string(namespace)]]
            for file in files {
                let text = try String(
                    contentsOf: RealCluster.repositoryRoot.appendingPathComponent("manifests/\(file)"), encoding: .utf8)
                for document in try KubeControlPlane.yamlDocuments(text) {
                    var role = try KubeControlPlane.object(from: document)
                    let name = "\(role.metadata.name ?? "role")-\(namespace)"
                    role.metadata.name = name
                    if role.kind == "Role" {
                        role.metadata.namespace = namespace
                        _ = try await harness.client.create(role, resource: roles)
                        _ = try await harness.client.create(
                            GenericObject(
                                type: roleBindings, metadata: ObjectMeta(name: name, namespace: namespace),
                                content: [
                                    "roleRef": ["apiGroup": "rbac.authorization.k8s.io", "kind": "Role", "name": .string(name)],
                                    "subjects": subject,
                                ]), resource: roleBindings)
                    } else {
                        _ = try await harness.client.create(role, resource: clusterRoles)
                        _ = try await harness.client.create(
                            GenericObject(
                                type: clusterRoleBindings, metadata: ObjectMeta(name: name),
                                content: [
                                    "roleRef": ["apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": .string(name)],
                                    "subjects": subject,
                                ]), resource: clusterRoleBindings)
                    }
                }
            }
            return try await harness.controlPlane.serviceAccountToken("tocsin", namespace: namespace, client: harness.client)
        }
    }
}

/// Log lines kept in memory (message and metadata), for asserting what the operator logged.
final class CapturedLogs: Sendable {
    private let storage = Mutex<[String]>([])

    var lines: [String] { storage.withLock { $0 } }

    var logger: Logger {
        var logger = Logger(label: "tocsin.real-server") { _ in CapturingHandler(logs: self) }
        logger.logLevel = .debug
        return logger
    }

    func append(_ line: String) {
        storage.withLock { $0.append(line) }
    }

    struct CapturingHandler: LogHandler {
        let logs: CapturedLogs
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .debug

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            let merged = metadata.merging(event.metadata ?? [:]) { $1 }
            logs.append("\(event.level) \(event.message) \(merged.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " "))")
        }
    }
}
