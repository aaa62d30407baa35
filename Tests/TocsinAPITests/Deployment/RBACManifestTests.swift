import Foundation
import Testing

/// One RBAC rule, compared exactly.
struct PolicyRuleRow: Hashable, CustomStringConvertible {
    var apiGroups: [String]
    var resources: [String]
    var verbs: [String]

    init(_ apiGroups: [String], _ resources: [String], _ verbs: [String]) {
        self.apiGroups = apiGroups
        self.resources = resources
        self.verbs = verbs
    }

    /// The rules of a Role or ClusterRole; a rule that is not three string lists becomes an empty row.
    static func rules(of role: JSONValue) -> [PolicyRuleRow] {
        (role["rules"]?.items ?? []).map {
            PolicyRuleRow($0["apiGroups"]?.strings ?? [], $0["resources"]?.strings ?? [], $0["verbs"]?.strings ?? [])
        }
    }

    var description: String { "\(apiGroups) \(resources) \(verbs)" }
}

/// Least-privilege RBAC of the base and of the namespaced variant.
@Suite struct RBACManifestTests {
    static let read = ["get", "list", "watch"]
    static let readWrite = ["get", "list", "watch", "create", "patch"]
    static let tocsinRules = [
        PolicyRuleRow(["tocsin.dev"], ["monitors", "alertrules", "oncallschedules", "oncalloverrides", "incidents"],
                      ["get", "list", "watch", "create", "update", "patch", "delete"]),
        PolicyRuleRow(["tocsin.dev"],
                      ["monitors/status", "alertrules/status", "oncallschedules/status", "oncalloverrides/status",
                       "incidents/status"],
                      ["get", "update", "patch"]),
        PolicyRuleRow(["tocsin.dev"],
                      ["monitors/finalizers", "alertrules/finalizers", "oncallschedules/finalizers", "incidents/finalizers"],
                      ["update"]),
    ]
    static let leaseRule = PolicyRuleRow(["coordination.k8s.io"], ["leases"], ["get", "create", "update"])

    static func object(_ name: String, in variant: String) throws -> JSONValue {
        let found = try DeploymentFiles.kustomizationDocuments(variant).filter { $0.objectName == name }
        #expect(found.count == 1, "\(variant): expected one \(name)")
        return try #require(found.first)
    }

    @Test func clusterRoleGrantsExactlyWhatTheOperatorNeeds() throws {
        let role = try Self.object("ClusterRole/tocsin", in: "manifests")
        #expect(PolicyRuleRow.rules(of: role) == [
            PolicyRuleRow([""], ["pods", "nodes", "namespaces"], Self.read),
            PolicyRuleRow([""], ["events"], Self.readWrite),
            PolicyRuleRow(["events.k8s.io"], ["events"], Self.readWrite),
        ] + Self.tocsinRules + [
            PolicyRuleRow(["authentication.k8s.io"], ["tokenreviews"], ["create"]),
            PolicyRuleRow(["authorization.k8s.io"], ["subjectaccessreviews"], ["create"]),
        ])
    }

    @Test func secretReadIsItsOwnClusterRole() throws {
        let role = try Self.object("ClusterRole/tocsin-secret-reader", in: "manifests")
        #expect(PolicyRuleRow.rules(of: role) == [PolicyRuleRow([""], ["secrets"], Self.read)])
    }

    @Test func leaderElectionRoleCoversLeasesInTheOperatorNamespace() throws {
        let role = try Self.object("Role/tocsin-leader-election", in: "manifests")
        #expect(role.at("metadata.namespace")?.text == "tocsin-system")
        #expect(PolicyRuleRow.rules(of: role) == [Self.leaseRule])
    }

    @Test func namespacedRoleGrantsTheSameInsideOneNamespace() throws {
        let role = try Self.object("Role/tocsin", in: "manifests/namespaced")
        #expect(PolicyRuleRow.rules(of: role) == [
            PolicyRuleRow([""], ["pods"], Self.read),
            PolicyRuleRow([""], ["secrets"], Self.read),
            PolicyRuleRow([""], ["events"], Self.readWrite),
            PolicyRuleRow(["events.k8s.io"], ["events"], Self.readWrite),
        ] + Self.tocsinRules + [Self.leaseRule])
    }

    @Test(arguments: ["manifests", "manifests/namespaced"])
    func noRuleUsesWildcards(variant: String) throws {
        for document in try DeploymentFiles.kustomizationDocuments(variant)
        where ["Role", "ClusterRole"].contains(document["kind"]?.text ?? "") {
            for rule in PolicyRuleRow.rules(of: document) {
                #expect(!rule.verbs.isEmpty && !rule.resources.isEmpty && !rule.apiGroups.isEmpty, "\(rule)")
                #expect(!(rule.apiGroups + rule.resources + rule.verbs).contains("*"), "\(document.objectName): \(rule)")
                #expect(!rule.verbs.contains("escalate") && !rule.verbs.contains("bind") && !rule.verbs.contains("impersonate"))
            }
        }
    }

    @Test(arguments: ["manifests", "manifests/namespaced"])
    func everyBindingNamesAnExistingRoleAndTheServiceAccount(variant: String) throws {
        let documents = try DeploymentFiles.kustomizationDocuments(variant)
        let roles = Set(documents.filter { ["Role", "ClusterRole"].contains($0["kind"]?.text ?? "") }.map(\.objectName))
        let serviceAccount = try #require(documents.first { $0["kind"]?.text == "ServiceAccount" })
        let bindings = documents.filter { ["RoleBinding", "ClusterRoleBinding"].contains($0["kind"]?.text ?? "") }
        #expect(!bindings.isEmpty)
        for binding in bindings {
            let roleName = "\(binding.at("roleRef.kind")?.text ?? "?")/\(binding.at("roleRef.name")?.text ?? "?")"
            #expect(roles.contains(roleName), "\(binding.objectName) refers to \(roleName), which is not in \(variant)")
            #expect(binding.at("roleRef.apiGroup")?.text == "rbac.authorization.k8s.io")
            #expect(binding["subjects"] == .array([
                .object([
                    "kind": .string("ServiceAccount"), "name": .string("tocsin"),
                    "namespace": serviceAccount.at("metadata.namespace") ?? .null,
                ])
            ]), "\(binding.objectName)")
        }
    }

    @Test func namespacedVariantHasNoClusterRoleOrClusterRoleBinding() throws {
        let kinds = try DeploymentFiles.kustomizationDocuments("manifests/namespaced").compactMap { $0["kind"]?.text }
        #expect(!kinds.contains("ClusterRole"))
        #expect(!kinds.contains("ClusterRoleBinding"))
        #expect(!kinds.contains("Namespace"))
        #expect(!kinds.contains("CustomResourceDefinition"))
    }
}
