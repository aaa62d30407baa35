import Foundation
import Testing

@testable import KubeCore

@Suite("GenericObject")
struct GenericObjectTests {
    @Test("a custom resource round-trips losslessly, managedFields included")
    func roundTrip() throws {
        let input = Fixtures.data(Fixtures.customResource)
        let object = try KubeJSON.decode(GenericObject.self, from: input)
        #expect(object.apiVersion == "tocsin.dev/v1alpha1" && object.kind == "AlertRule")
        #expect(object.metadata.name == "crashloop" && object.metadata.generation == 3)
        #expect(object.metadata.finalizers == ["tocsin.dev/incidents"])
        #expect(object.extraMetadata.keys.sorted() == ["managedFields", "selfLink"])
        #expect(object.content.keys.sorted() == ["spec", "status"])
        #expect(object["spec"]?["threshold"] == .double(0.75))
        #expect(object["spec"]?["big"] == .integer(9_007_199_254_740_993))
        #expect(object["spec"]?["labels"] == .null)
        #expect(object["spec"]?.value(atPath: ["escalation", "1", "severity"]) == "critical")

        let output = try KubeJSON.makeEncoder().encode(object)
        #expect(try JSONValue(parsing: output) == JSONValue(parsing: input))
        #expect(try KubeJSON.decode(GenericObject.self, from: output) == object)
    }

    @Test("GET-modify-PUT keeps unmodelled metadata and content")
    func modify() throws {
        var object = try KubeJSON.decode(GenericObject.self, from: Fixtures.data(Fixtures.customResource))
        object.metadata.labels?["tier"] = "1"
        object["status"] = ["observedGeneration": 4]
        let value = try JSONValue(encoding: object)
        #expect(value["metadata"]?["labels"] == ["team": "payments", "tier": "1"])
        #expect(value["metadata"]?["managedFields"]?[0]?["manager"] == "kubectl-client-side-apply")
        #expect(value["status"] == ["observedGeneration": 4])
        #expect(value["spec"]?["for"] == "15m")
    }

    @Test("a new object of a type writes its apiVersion and kind; reserved content keys are not written")
    func newObject() throws {
        var object = GenericObject(
            type: ResourceTypeTests.alertRules, metadata: ObjectMeta(name: "r", namespace: "shop"),
            content: ["spec": ["for": "0s"]]
        )
        object.content["kind"] = "Ignored"
        #expect(
            try JSONValue(encoding: object) == [
                "apiVersion": "tocsin.dev/v1alpha1", "kind": "AlertRule",
                "metadata": ["name": "r", "namespace": "shop"], "spec": ["for": "0s"],
            ]
        )
    }

    @Test("a pod decodes as a generic object and back into a typed Pod")
    func genericToTyped() throws {
        let object = try KubeJSON.decode(GenericObject.self, from: Fixtures.data(Fixtures.crashLoopingPod))
        let pod = try JSONValue(encoding: object).decode(as: Pod.self)
        #expect(pod == (try KubeJSON.decode(Pod.self, from: Fixtures.data(Fixtures.crashLoopingPod))))
    }
}
