import Foundation
import Testing
import TocsinAPI

/// The committed `crds/*.yaml` are exactly what the Swift schema generates.
@Suite struct CRDDriftTests {
    static let crdsDirectory = Fixtures.examplesDirectory.deletingLastPathComponent()

    @Test(arguments: CustomResourceDefinition.all.map(\.fileName))
    func committedFileMatchesGenerated(fileName: String) throws {
        let definition = try #require(CustomResourceDefinition.all.first { $0.fileName == fileName })
        let url = Self.crdsDirectory.appendingPathComponent(fileName)
        let committed = try? String(contentsOf: url, encoding: .utf8)
        let generated = try definition.yaml()
        #expect(committed == generated, "crds/\(fileName) differs from the Swift schema: run hack/gen-crds.sh")
    }

    @Test func everyCommittedCRDFileIsGenerated() throws {
        let present = try FileManager.default.contentsOfDirectory(atPath: Self.crdsDirectory.path)
            .filter { $0.hasSuffix(".yaml") }.sorted()
        #expect(present == CustomResourceDefinition.all.map(\.fileName).sorted(), "run hack/gen-crds.sh")
    }

    @Test func generationIsDeterministic() throws {
        #expect(try CustomResourceDefinition.yaml() == CustomResourceDefinition.yaml())
    }

    @Test func multiDocumentStreamHoldsEveryKindInOrder() throws {
        let documents = try JSONValue.documents(yaml: CustomResourceDefinition.yaml())
        #expect(documents.map { $0["spec"]?["names"]?["kind"] } == [
            .string("Monitor"), .string("AlertRule"), .string("OnCallSchedule"), .string("OnCallOverride"),
            .string("Incident"),
        ])
    }

    /// The API server refuses anything but `type: object` on the root `metadata` (found on a real server).
    @Test(arguments: CustomResourceDefinition.all.map(\.fileName))
    func rootMetadataSchemaIsOnlyAnObject(fileName: String) throws {
        let definition = try #require(CustomResourceDefinition.all.first { $0.fileName == fileName })
        #expect(try Self.rootMetadataSchema(of: definition) == .object(["type": .string("object")]))
    }

    @Test func theGeneratorEmitsNoDescriptionOnRootMetadataWhateverTheSchemaSays() throws {
        var definition = CustomResourceDefinition.monitor
        definition.schema.properties?["metadata"] = SchemaProperty(type: .object, description: "The object's metadata.")
        #expect(try Self.rootMetadataSchema(of: definition) == .object(["type": .string("object")]))
    }

    /// The root `metadata` property of the one version's schema, as generated.
    static func rootMetadataSchema(of definition: CustomResourceDefinition) throws -> JSONValue? {
        let document = try #require(try JSONValue.documents(yaml: definition.yaml()).first)
        guard case .array(let versions)? = document["spec"]?["versions"], let version = versions.first else { return nil }
        return version["schema"]?["openAPIV3Schema"]?["properties"]?["metadata"]
    }

    @Test func alertRuleDefinitionHeader() throws {
        let document = try #require(try JSONValue.documents(yaml: CustomResourceDefinition.alertRule.yaml()).first)
        #expect(document["apiVersion"] == .string("apiextensions.k8s.io/v1"))
        #expect(document["kind"] == .string("CustomResourceDefinition"))
        #expect(document["metadata"] == .object(["name": .string("alertrules.tocsin.dev")]))
        let spec = try #require(document["spec"])
        #expect(spec["group"] == .string("tocsin.dev"))
        #expect(spec["scope"] == .string("Namespaced"))
        #expect(spec["names"] == .object([
            "categories": .array([.string("tocsin")]), "kind": .string("AlertRule"), "listKind": .string("AlertRuleList"),
            "plural": .string("alertrules"), "shortNames": .array([.string("ar")]), "singular": .string("alertrule"),
        ]))
        guard case .array(let versions) = spec["versions"], versions.count == 1 else {
            Issue.record("expected one version")
            return
        }
        let version = versions[0]
        #expect(version["name"] == .string("v1alpha1"))
        #expect(version["served"] == .bool(true))
        #expect(version["storage"] == .bool(true))
        #expect(version["subresources"] == .object(["status": .object([:])]))
        guard case .array(let columns) = version["additionalPrinterColumns"] else {
            Issue.record("expected printer columns")
            return
        }
        #expect(columns.map { $0["name"] } == [.string("Severity"), .string("Condition"), .string("Firing"), .string("Ready"), .string("Age")])
        #expect(columns[3]["jsonPath"] == .string(".status.conditions[?(@.type==\"Ready\")].status"))
        // The condition's type as the reconciler writes it, not the raw JSON of `.spec.condition`.
        #expect(columns[1]["jsonPath"] == .string(".status.conditionType"))
        #expect(columns[1]["type"] == .string("string"))
    }

    @Test func printerColumnsPerKind() {
        let names = CustomResourceDefinition.all.map { definition in
            definition.printerColumns.filter { $0.priority == 0 }.map(\.name)
        }
        #expect(names == [
            ["Namespaces", "Watched", "Ready", "Age"],
            ["Severity", "Condition", "Firing", "Ready", "Age"],
            ["On Call Now", "Next Handoff", "Ready", "Age"],
            ["Schedule", "Participant", "Start", "End", "Ready", "Age"],
            ["Phase", "Severity", "Subject", "On Call", "Age"],
        ])
    }
}
