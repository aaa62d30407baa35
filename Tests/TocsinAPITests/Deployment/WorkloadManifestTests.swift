import Foundation
import Testing

/// The Deployment, Service and PodDisruptionBudget of the base and of the namespaced variant.
@Suite struct WorkloadManifestTests {
    static let variants = ["manifests", "manifests/namespaced"]

    static func object(_ kind: String, in variant: String) throws -> JSONValue {
        let documents = try DeploymentFiles.kustomizationDocuments(variant).filter { $0["kind"]?.text == kind }
        #expect(documents.count == 1, "\(variant): expected one \(kind), found \(documents.count)")
        return try #require(documents.first)
    }

    static func container(in variant: String) throws -> JSONValue {
        let containers = try object("Deployment", in: variant).at("spec.template.spec.containers")?.items ?? []
        #expect(containers.count == 1)
        return try #require(containers.first)
    }

    @Test(arguments: variants)
    func podRunsAsNonRootWithTheRestrictedProfile(variant: String) throws {
        let pod = try #require(try Self.object("Deployment", in: variant).at("spec.template.spec"))
        #expect(pod.at("securityContext.runAsNonRoot") == .bool(true))
        #expect(pod.at("securityContext.runAsUser") == .integer(65532))
        #expect(pod.at("securityContext.seccompProfile.type")?.text == "RuntimeDefault")
        #expect(pod["automountServiceAccountToken"] == .bool(true))
        #expect(pod["serviceAccountName"]?.text == "tocsin")
        #expect(pod["terminationGracePeriodSeconds"] == .integer(30))
        let container = try #require(try Self.container(in: variant)["securityContext"])
        #expect(container["runAsNonRoot"] == .bool(true))
        #expect(container["runAsUser"] == .integer(65532))
        #expect(container["readOnlyRootFilesystem"] == .bool(true))
        #expect(container["allowPrivilegeEscalation"] == .bool(false))
        #expect(container.at("capabilities.drop")?.strings == ["ALL"])
        #expect(container.at("capabilities.add") == nil)
        #expect(container.at("seccompProfile.type")?.text == "RuntimeDefault")
        #expect(container["privileged"] == nil)
    }

    @Test(arguments: variants)
    func containerRunsTheOperatorWithProbesOnTheNamedPort(variant: String) throws {
        let container = try Self.container(in: variant)
        #expect(container["image"]?.text == "ghcr.io/tocsin/tocsin:0.1.0")
        #expect(container["args"]?.strings?.prefix(4) == ["run", "--in-cluster", "--log-format", "json"])
        #expect(container["ports"] == .array([
            .object(["name": .string("http"), "containerPort": .integer(8080), "protocol": .string("TCP")])
        ]))
        #expect(container.at("livenessProbe.httpGet") == .object(["path": .string("/livez"), "port": .string("http")]))
        #expect(container.at("readinessProbe.httpGet") == .object(["path": .string("/readyz"), "port": .string("http")]))
        #expect(container.at("startupProbe.httpGet") == .object(["path": .string("/livez"), "port": .string("http")]))
    }

    @Test(arguments: variants)
    func resourcesAreRequestedAndLimited(variant: String) throws {
        #expect(try Self.container(in: variant)["resources"] == .object([
            "requests": .object(["cpu": .string("50m"), "memory": .string("64Mi")]),
            "limits": .object(["cpu": .string("500m"), "memory": .string("256Mi")]),
        ]))
    }

    @Test(arguments: variants)
    func twoReplicasSpreadAcrossNodes(variant: String) throws {
        let deployment = try Self.object("Deployment", in: variant)
        #expect(deployment.at("spec.replicas") == .integer(2))
        let selector = deployment.at("spec.selector.matchLabels")
        let spread = deployment.at("spec.template.spec.topologySpreadConstraints")?.items ?? []
        #expect(spread.map { $0["topologyKey"]?.text } == ["kubernetes.io/hostname"])
        #expect(spread.first?.at("labelSelector.matchLabels") == selector)
        let antiAffinity = deployment.at(
            "spec.template.spec.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution")?.items ?? []
        #expect(antiAffinity.map { $0.at("podAffinityTerm.topologyKey")?.text } == ["kubernetes.io/hostname"])
        #expect(antiAffinity.first?.at("podAffinityTerm.labelSelector.matchLabels") == selector)
    }

    @Test(arguments: variants)
    func selectorsMatchThePodTemplateLabels(variant: String) throws {
        let deployment = try Self.object("Deployment", in: variant)
        let selector = try #require(deployment.at("spec.selector.matchLabels")?.objectValue)
        let podLabels = try #require(deployment.at("spec.template.metadata.labels")?.objectValue)
        #expect(!selector.isEmpty)
        for (key, value) in selector {
            #expect(podLabels[key] == value, "\(variant): pod template lacks selector label \(key)")
        }
        let service = try Self.object("Service", in: variant)
        #expect(service.at("spec.selector")?.objectValue == selector)
        #expect(service.at("spec.type")?.text == "ClusterIP")
        #expect(service.at("spec.ports") == .array([
            .object([
                "name": .string("http"), "port": .integer(8080), "targetPort": .string("http"),
                "protocol": .string("TCP"),
            ])
        ]))
        let budget = try Self.object("PodDisruptionBudget", in: variant)
        #expect(budget.at("spec.selector.matchLabels")?.objectValue == selector)
        #expect(budget.at("spec.minAvailable") == .integer(1))
    }

    @Test func namespacedVariantWatchesOnlyItsOwnNamespace() throws {
        let container = try Self.container(in: "manifests/namespaced")
        #expect(container["args"]?.strings?.contains("--watch-namespace=$(POD_NAMESPACE)") == true)
        #expect(container["env"] == .array([
            .object([
                "name": .string("POD_NAMESPACE"),
                "valueFrom": .object(["fieldRef": .object(["fieldPath": .string("metadata.namespace")])]),
            ])
        ]))
    }
}

extension JSONValue {
    /// The members of an object value, `nil` for anything else.
    var objectValue: [String: JSONValue]? {
        if case .object(let members) = self { return members }
        return nil
    }
}
