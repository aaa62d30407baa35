import Foundation
import KubeClient
import KubeCore
import Testing
import TocsinAPI
import TocsinTesting

extension RealServer {
    /// The shipped CRDs and examples as a real API server takes them.
    @Suite struct CRDTests {
        static let exampleFiles: [String] = {
            let folder = RealCluster.repositoryRoot.appendingPathComponent("crds/examples")
            return ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
                .filter { $0.hasSuffix(".yaml") }.sorted()
        }()

        static let tocsinKinds = ["Monitor", "AlertRule", "OnCallSchedule", "OnCallOverride", "Incident"]

        /// `crds/`, the kustomize base's copies and the Helm chart's copies are each accepted and Established.
        @Test(arguments: ["crds", "manifests/crds", "charts/tocsin/crds"])
        func everyShippedCRDIsAcceptedAndEstablished(folder: String) async throws {
            let controlPlane = try await RealCluster.controlPlane()
            let client = try controlPlane.makeClient()
            let names = try await controlPlane.installCRDs(
                from: RealCluster.repositoryRoot.appendingPathComponent(folder), client: client)
            try await client.shutdown()
            #expect(names.sorted() == CustomResourceDefinition.all.map(\.name).sorted())
        }

        /// Every example is accepted with strict field validation (as `kubectl apply` sends it) and stored
        /// unchanged: nothing pruned, nothing rewritten (defaults may be added).
        @Test(arguments: exampleFiles)
        func exampleIsAcceptedUnchanged(file: String) async throws {
            let text = try String(
                contentsOf: RealCluster.repositoryRoot.appendingPathComponent("crds/examples/\(file)"), encoding: .utf8)
            let documents = try KubeControlPlane.yamlDocuments(text)
            #expect(!documents.isEmpty)
            try await RealCluster.withNamespace("example") { _, client, namespace in
                for document in documents {
                    let kind = try #require(document["kind"]?.stringValue)
                    let resource = try #require(CustomResourceDefinition.all.map(\.resourceType).first { $0.kind == kind }, "\(file): \(kind)")
                    var object = try KubeControlPlane.object(from: document)
                    object.metadata.namespace = namespace
                    let stored = try await createStrictly(object, resource: resource, client: client)
                    for (key, value) in object.content where key != "status" {
                        let missing = Self.missingFields(value, in: stored[key], path: key)
                        #expect(missing == [], "\(file) \(kind)/\(object.metadata.name ?? ""): the server changed \(missing)")
                    }
                }
            }
        }

        /// Where both can see a mistake, the server refuses it at the field `tocsin validate` names.
        @Test(arguments: InvalidSpec.cases)
        func anInvalidSpecIsRefusedForTheFieldTheValidatorNames(invalid: InvalidSpec) async throws {
            let base = try KubeControlPlane.yamlDocuments(
                String(
                    contentsOf: RealCluster.repositoryRoot.appendingPathComponent("crds/examples/\(invalid.example)"),
                    encoding: .utf8))[0]
            let broken = invalid.apply(to: base)
            // Tocsin's own validator.
            let yaml = String(decoding: try KubeJSON.makeEncoder().encode(broken), as: UTF8.self)
            let documents = try ManifestDecoder().decode(yaml: yaml)
            let validatorFields = Set(documents.flatMap(\.errors).map(\.field))
            #expect(validatorFields.contains(invalid.field), "validator: \(documents.flatMap(\.errors))")
            // The API server.
            try await RealCluster.withNamespace("invalid") { _, client, namespace in
                let kind = try #require(broken["kind"]?.stringValue)
                let resource = try #require(CustomResourceDefinition.all.map(\.resourceType).first { $0.kind == kind })
                var object = try KubeControlPlane.object(from: broken)
                object.metadata.namespace = namespace
                let error = await #expect(throws: KubeAPIError.self) {
                    _ = try await createStrictly(object, resource: resource, client: client)
                }
                #expect(error?.statusCode == 422, "\(String(describing: error))")
                let serverFields = Set((error?.status?.details?.causes ?? []).compactMap(\.field))
                #expect(
                    serverFields.contains { $0 == invalid.field || $0.hasPrefix(invalid.field + ".") || $0.hasPrefix(invalid.field + "[") },
                    "server refused \(serverFields), validator \(validatorFields): \(error?.message ?? "")")
            }
        }

        /// Fields of `expected` that `actual` lacks or holds with another value.
        static func missingFields(_ expected: JSONValue, in actual: JSONValue?, path: String) -> [String] {
            switch expected {
            case .object(let members):
                guard case .object(let stored)? = actual else { return [path] }
                return members.sorted { $0.key < $1.key }.flatMap { missingFields($0.value, in: stored[$0.key], path: "\(path).\($0.key)") }
            case .array(let items):
                guard case .array(let stored)? = actual, stored.count == items.count else { return [path] }
                return items.indices.flatMap { missingFields(items[$0], in: stored[$0], path: "\(path)[\($0)]") }
            case .integer(let value):
                if case .double(let number)? = actual, number == Double(value) { return [] }
                return actual == expected ? [] : [path]
            default:
                return actual == expected ? [] : [path]
            }
        }
    }
}

/// Creates `object` with `fieldValidation=Strict`, as `kubectl apply` does, so unknown fields are refused.
func createStrictly(_ object: GenericObject, resource: ResourceType, client: KubernetesClient) async throws -> GenericObject {
    var request = try KubeRequest.create(resource, namespace: object.metadata.namespace, body: object)
    request.query.append(QueryItem(name: "fieldValidation", value: "Strict"))
    return try KubeJSON.decode(GenericObject.self, from: try await client.data(for: request))
}

/// A change that makes a valid example invalid, and the field both the validator and the server must name.
struct InvalidSpec: Sendable, CustomTestStringConvertible {
    let name: String
    let example: String
    let field: String
    let change: @Sendable (inout JSONValue) -> Void

    var testDescription: String { name }

    func apply(to value: JSONValue) -> JSONValue {
        var copy = value
        change(&copy)
        return copy
    }

    static let cases: [InvalidSpec] = [
        InvalidSpec(name: "two condition types (CEL)", example: "alertrule-crashlooping.yaml", field: "spec.condition") {
            $0.set(["spec", "condition", "nodeNotReady"], [:])
        },
        InvalidSpec(name: "unknown severity (enum)", example: "alertrule-crashlooping.yaml", field: "spec.severity") {
            $0.set(["spec", "severity"], "urgent")
        },
        InvalidSpec(name: "malformed duration (pattern)", example: "alertrule-crashlooping.yaml", field: "spec.for") {
            $0.set(["spec", "for"], "15 minutes")
        },
        InvalidSpec(name: "unknown kind in a Monitor (enum)", example: "monitor.yaml", field: "spec.kinds[0]") {
            $0.set(["spec", "kinds"], ["Deployment"])
        },
        InvalidSpec(name: "schedule without rotations (required)", example: "oncallschedule.yaml", field: "spec.rotations") {
            $0.set(["spec", "rotations"], nil)
        },
    ]
}

extension JSONValue {
    /// Sets (or with nil removes) the value at `path`, creating objects on the way.
    mutating func set(_ path: [String], _ value: JSONValue?) {
        guard let first = path.first else {
            if let value { self = value }
            return
        }
        guard case .object(var members) = self else { return }
        if path.count == 1 {
            members[first] = value
        } else {
            var child = members[first] ?? .object([:])
            child.set(Array(path.dropFirst()), value)
            members[first] = child
        }
        self = .object(members)
    }
}
