import Foundation
import Testing

/// charts/tocsin: metadata, CRD copies, values against the schema, and template references to values.
@Suite struct HelmChartTests {
    static let chart = "charts/tocsin"

    static func values() throws -> JSONValue {
        try #require(try DeploymentFiles.documents("\(chart)/values.yaml").first)
    }

    static func schema() throws -> JSONValue {
        try #require(try DeploymentFiles.documents("\(chart)/values.schema.json").first)
    }

    /// `.Values.a.b` paths used by a template text, in order of appearance, without duplicates.
    static func valuePaths(in template: String) throws -> [String] {
        let pattern = try Regex(#"\.Values((?:\.[A-Za-z_][A-Za-z0-9_]*)+)"#)
        var paths: [String] = []
        for match in template.matches(of: pattern) {
            guard let captured = match.output[1].substring else { continue }
            let path = String(captured.dropFirst())
            if !paths.contains(path) { paths.append(path) }
        }
        return paths
    }

    /// The template paths that do not resolve to a key of `values`.
    static func unknownPaths(_ paths: [String], in values: JSONValue) -> [String] {
        paths.filter { values.at($0) == nil }
    }

    static var templates: [String] {
        DeploymentFiles.files(under: "\(chart)/templates", suffixes: [".yaml", ".tpl", ".txt"])
    }

    @Test func chartMetadata() throws {
        let chart = try #require(try DeploymentFiles.documents("\(Self.chart)/Chart.yaml").first)
        #expect(chart["apiVersion"]?.text == "v2")
        #expect(chart["name"]?.text == "tocsin")
        #expect(chart["type"]?.text == "application")
        #expect(chart["version"]?.text == "0.1.0")
        #expect(chart["appVersion"]?.text == "0.1.0")
    }

    @Test(arguments: KustomizeBaseTests.crdFiles)
    func chartCRDsAreByteIdenticalToCRDs(fileName: String) throws {
        #expect(
            try DeploymentFiles.data("\(Self.chart)/crds/\(fileName)") == DeploymentFiles.data("crds/\(fileName)"),
            "charts/tocsin/crds/\(fileName) differs from crds/\(fileName): copy it again")
    }

    @Test func chartHoldsEveryCRDAndNothingElse() {
        let copied = DeploymentFiles.files(under: "\(Self.chart)/crds")
            .map { String($0.dropFirst("\(Self.chart)/crds/".count)) }
        #expect(copied == KustomizeBaseTests.crdFiles)
    }

    @Test(arguments: DeploymentFiles.files(under: "charts/tocsin/crds"))
    func chartCRDDocumentsAreCustomResourceDefinitions(path: String) throws {
        let documents = try DeploymentFiles.documents(path)
        #expect(documents.map { $0["kind"]?.text } == ["CustomResourceDefinition"])
        #expect(documents.first?.at("metadata.name")?.text?.hasSuffix(".tocsin.dev") == true)
    }

    @Test func valuesSatisfyTheSchema() throws {
        let schema = try Self.schema()
        #expect(schema["$schema"]?.text == "http://json-schema.org/draft-07/schema#")
        #expect(ValuesSchemaCheck.problems(try Self.values(), against: schema) == [])
    }

    @Test func everyTopLevelValueIsDeclaredWithAType() throws {
        let properties = try #require(try Self.schema()["properties"]?.objectValue)
        let values = try #require(try Self.values().objectValue)
        for key in values.keys.sorted() {
            #expect(properties[key]?["type"] != nil, "values.yaml key \(key) has no type in values.schema.json")
        }
    }

    @Test func schemaCheckFindsWrongValues() throws {
        guard case .object(var values) = try Self.values() else {
            Issue.record("values.yaml is not a mapping")
            return
        }
        values["logFormat"] = .string("xml")
        values["replicaCount"] = .string("two")
        values["unknownKey"] = .bool(true)
        values["watch"] = .object(["allNamespaces": .string("yes"), "namespaces": .array([]), "namespaceSelector": .string("")])
        values["rbac"] = .object(["create": .bool(true)])
        #expect(ValuesSchemaCheck.problems(.object(values), against: try Self.schema()) == [
            "logFormat: must be one of json, text",
            "rbac.clusterWide: is required",
            "replicaCount: must be of type integer, found string",
            "unknownKey: is not declared in the schema",
            "watch.allNamespaces: must be of type boolean, found string",
        ])
    }

    @Test(arguments: templates)
    func templatesReferenceOnlyExistingValues(path: String) throws {
        let paths = try Self.valuePaths(in: DeploymentFiles.text(path))
        #expect(Self.unknownPaths(paths, in: try Self.values()) == [], "\(path) uses values missing from values.yaml")
    }

    @Test func everyTemplateIsPresent() {
        let names = Self.templates.map { String($0.dropFirst("\(Self.chart)/templates/".count)) }
        #expect(names == [
            "NOTES.txt", "_helpers.tpl", "clusterrole.yaml", "deployment.yaml", "ingress.yaml", "lease-role.yaml",
            "pdb.yaml", "role.yaml", "service.yaml", "serviceaccount.yaml", "servicemonitor.yaml",
        ])
    }

    @Test func valuePathScanFindsTypos() throws {
        let template = "image: {{ .Values.image.repository }}:{{ .Values.image.tagg }} {{ $.Values.replicaCount }}"
        let paths = try Self.valuePaths(in: template)
        #expect(paths == ["image.repository", "image.tagg", "replicaCount"])
        #expect(Self.unknownPaths(paths, in: try Self.values()) == ["image.tagg"])
    }

    @Test func defaultValuesMatchTheKustomizeBase() throws {
        let values = try Self.values()
        #expect(values.at("image.repository")?.text == "ghcr.io/tocsin/tocsin")
        #expect(values["replicaCount"] == .integer(2))
        #expect(values.at("leaderElection.leaseName")?.text == "tocsin-leader")
        #expect(values.at("watch.allNamespaces") == .bool(true))
        #expect(values.at("rbac.clusterWide") == .bool(true))
        #expect(values["logFormat"]?.text == "json")
        let container = try WorkloadManifestTests.container(in: "manifests")
        #expect(values["resources"] == container["resources"])
    }
}
