import Foundation
import Testing

/// manifests/: the kustomize base, its variants, the rendered install.yaml and the CRD copies.
@Suite struct KustomizeBaseTests {
    static let crdFiles = [
        "alertrules.tocsin.dev.yaml", "incidents.tocsin.dev.yaml", "monitors.tocsin.dev.yaml",
        "oncalloverrides.tocsin.dev.yaml", "oncallschedules.tocsin.dev.yaml",
    ]

    /// Every Kubernetes object file below manifests/ (kustomizations and the non-object files left out).
    static var objectFiles: [String] {
        DeploymentFiles.files(under: "manifests").filter {
            !$0.hasSuffix("/kustomization.yaml") && !DeploymentFiles.nonObjectManifests.contains($0)
        }
    }

    @Test(arguments: objectFiles)
    func everyDocumentNamesItsAPIVersionKindAndName(path: String) throws {
        let documents = try DeploymentFiles.documents(path)
        #expect(!documents.isEmpty, "\(path) holds no document")
        for document in documents {
            #expect(document["apiVersion"]?.text?.isEmpty == false, "\(path): \(document.objectName) has no apiVersion")
            #expect(document["kind"]?.text?.isEmpty == false, "\(path): a document has no kind")
            #expect(document.at("metadata.name")?.text?.isEmpty == false, "\(path): \(document.objectName) has no name")
        }
    }

    @Test(arguments: ["manifests", "manifests/namespaced", "manifests/servicemonitor"])
    func everyKustomizationResourceExists(directory: String) throws {
        let resources = try DeploymentFiles.kustomizationResources(directory)
        #expect(!resources.isEmpty)
        for resource in resources {
            let exists = FileManager.default.fileExists(
                atPath: DeploymentFiles.root.appendingPathComponent(resource).path)
            #expect(exists, "\(directory)/kustomization.yaml lists \(resource), which does not exist")
        }
    }

    @Test func baseHoldsExactlyTheExpectedObjects() throws {
        let names = try DeploymentFiles.kustomizationDocuments("manifests").map(\.objectName)
        #expect(names == [
            "Namespace/tocsin-system",
            "CustomResourceDefinition/alertrules.tocsin.dev", "CustomResourceDefinition/incidents.tocsin.dev",
            "CustomResourceDefinition/monitors.tocsin.dev", "CustomResourceDefinition/oncalloverrides.tocsin.dev",
            "CustomResourceDefinition/oncallschedules.tocsin.dev",
            "ServiceAccount/tocsin", "ClusterRole/tocsin", "ClusterRoleBinding/tocsin",
            "ClusterRole/tocsin-secret-reader", "ClusterRoleBinding/tocsin-secret-reader",
            "Role/tocsin-leader-election", "RoleBinding/tocsin-leader-election",
            "Service/tocsin", "Deployment/tocsin", "PodDisruptionBudget/tocsin",
        ])
    }

    @Test func namespacedObjectsOfTheBaseLiveInTocsinSystem() throws {
        let clusterScoped: Set<String> = ["Namespace", "CustomResourceDefinition", "ClusterRole", "ClusterRoleBinding"]
        for document in try DeploymentFiles.kustomizationDocuments("manifests") {
            let namespace = document.at("metadata.namespace")?.text
            if clusterScoped.contains(document["kind"]?.text ?? "") {
                #expect(namespace == nil, "\(document.objectName) is cluster-scoped but names a namespace")
            } else {
                #expect(namespace == "tocsin-system", "\(document.objectName) is in \(namespace ?? "no namespace")")
            }
        }
    }

    @Test func installYAMLHoldsExactlyTheDocumentsOfTheBase() throws {
        let rendered = try DeploymentFiles.documents("manifests/install.yaml")
        let base = try DeploymentFiles.kustomizationDocuments("manifests")
        #expect(rendered.map(\.objectName) == base.map(\.objectName), "regenerate manifests/install.yaml")
        let differing = zip(rendered, base).filter { $0.0 != $0.1 }.map(\.0.objectName)
        #expect(differing == [], "manifests/install.yaml differs from the base: regenerate it (manifests/README.md)")
    }

    @Test func installYAMLStartsWithTheNamespaceAndTheCRDs() throws {
        let kinds = try DeploymentFiles.documents("manifests/install.yaml").prefix(5).map { $0["kind"]?.text }
        #expect(kinds == ["Namespace"] + Array(repeating: "CustomResourceDefinition", count: 4))
    }

    @Test(arguments: crdFiles)
    func manifestCRDsAreByteIdenticalToCRDs(fileName: String) throws {
        #expect(
            try DeploymentFiles.data("manifests/crds/\(fileName)") == DeploymentFiles.data("crds/\(fileName)"),
            "manifests/crds/\(fileName) differs from crds/\(fileName): copy it again")
    }

    @Test func everyCRDIsCopied() {
        let top = DeploymentFiles.files(under: "crds").filter { !$0.hasPrefix("crds/examples/") }
            .map { String($0.dropFirst("crds/".count)) }
        #expect(top == Self.crdFiles)
        #expect(DeploymentFiles.files(under: "manifests/crds").map { String($0.dropFirst("manifests/crds/".count)) }
            == Self.crdFiles)
    }

    @Test func namespacedVariantHasNoClusterScopedObjects() throws {
        let documents = try DeploymentFiles.kustomizationDocuments("manifests/namespaced")
        #expect(documents.map(\.objectName) == [
            "ServiceAccount/tocsin", "Role/tocsin", "RoleBinding/tocsin", "Service/tocsin", "Deployment/tocsin",
            "PodDisruptionBudget/tocsin",
        ])
        for document in documents {
            #expect(document.at("metadata.namespace")?.text == "tocsin", "\(document.objectName)")
        }
        let kustomization = try #require(try DeploymentFiles.documents("manifests/namespaced/kustomization.yaml").first)
        #expect(kustomization["namespace"]?.text == "tocsin")
    }

    @Test func serviceMonitorComponentScrapesTheHTTPPort() throws {
        let kustomization = try #require(try DeploymentFiles.documents("manifests/servicemonitor/kustomization.yaml").first)
        #expect(kustomization["kind"]?.text == "Component")
        let monitor = try #require(try DeploymentFiles.documents("manifests/servicemonitor/servicemonitor.yaml").first)
        #expect(monitor["apiVersion"]?.text == "monitoring.coreos.com/v1")
        #expect(monitor.at("spec.endpoints")?.items.map { $0["port"]?.text } == ["http"])
        #expect(monitor.at("spec.endpoints")?.items.map { $0["path"]?.text } == ["/metrics"])
        let service = try #require(try DeploymentFiles.documents("manifests/service.yaml").first)
        #expect(monitor.at("spec.selector.matchLabels") == service.at("spec.selector"))
    }
}
