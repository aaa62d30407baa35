import Foundation
import Testing

@testable import KubeCore

/// The fast decoder gives exactly what Foundation's `JSONDecoder` (as ``KubeJSON/makeDecoder()``) gives.
@Suite("FastJSONDecoder decodes like KubeJSON.makeDecoder()")
struct FastJSONEquivalenceTests {
    /// One document and the type to decode it as.
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var json: String
        var check: @Sendable (Data) throws -> Void

        var testDescription: String { name }

        init<T: Decodable & Equatable & Sendable>(_ name: String, _ type: T.Type, _ json: String) {
            self.name = name
            self.json = json
            check = { data in
                let fast = try FastJSONDecoder().decode(T.self, from: data)
                let foundation = try KubeJSON.makeDecoder().decode(T.self, from: data)
                #expect(fast == foundation)
            }
        }
    }

    static let cases: [Case] = [
        Case("Pod with managedFields (~9 KB)", Pod.self, FastJSONFixtures.pod(3)),
        Case("crash-looping Pod", Pod.self, Fixtures.crashLoopingPod),
        Case("Pod as GenericObject", GenericObject.self, FastJSONFixtures.pod(4)),
        Case("Pod as JSONValue", JSONValue.self, FastJSONFixtures.pod(5)),
        Case("Node", Node.self, Fixtures.notReadyNode),
        Case("core Event", Event.self, Fixtures.coreWarningEvent),
        Case("events.k8s.io Event with series", EventsV1Event.self, Fixtures.eventsV1EventWithSeries),
        Case("Lease (MicroTime)", Lease.self, Fixtures.lease),
        Case("Secret (base64 Data)", Secret.self, Fixtures.secret),
        Case("custom resource as GenericObject", GenericObject.self, Fixtures.customResource),
        Case("custom resource as JSONValue", JSONValue.self, Fixtures.customResource),
        Case(
            "Status", Status.self,
            #"{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"pods \"web\" is forbidden: User \"system:serviceaccount:tocsin-system:tocsin\" cannot get resource \"pods\"","reason":"Forbidden","details":{"name":"web","kind":"pods","causes":[{"reason":"FieldValueInvalid","message":"Invalid value","field":"spec.containers[0].image"}]},"code":403}"#
        ),
        Case("PodList page", ObjectList<Pod>.self, FastJSONFixtures.podList(4)),
        Case("empty PodList with null items", ObjectList<Pod>.self, #"{"kind":"PodList","apiVersion":"v1","metadata":{"resourceVersion":"12"},"items":null}"#),
        Case("NodeList", ObjectList<Node>.self, #"{"kind":"NodeList","apiVersion":"v1","metadata":{"resourceVersion":"9"},"items":[\#(Fixtures.notReadyNode),\#(Fixtures.notReadyNode)]}"#),
        Case(
            "ConfigMap with escapes", ConfigMap.self,
            #"{"kind":"ConfigMap","apiVersion":"v1","metadata":{"name":"c","namespace":"n"},"data":{"a.yaml":"key: \"v\"\n\tnext: \\ \/ \b\f\r","emoji":"\ud83d\ude00 \u00e9 \u20ac","raw":"é€😀"}}"#
        ),
        Case(
            "Namespace", Namespace.self,
            #"{"kind":"Namespace","apiVersion":"v1","metadata":{"name":"shop","labels":{"kubernetes.io/metadata.name":"shop","team":"a"}},"spec":{"finalizers":["kubernetes"]},"status":{"phase":"Active"}}"#
        ),
        Case(
            "JSONValue numbers, nulls and nesting", JSONValue.self,
            #"  {"i":1,"neg":-7,"big":9223372036854775807,"bigger":9223372036854775808,"f":1.5,"whole":1.0,"exp":1e3,"negexp":-2.5E-3,"z":-0,"t":true,"n":null,"a":[[],{},[[1,[2,{"x":[null]}]]]],"s":"\u0000x"}  "#
        ),
        Case("JSONValue scalar at the root", JSONValue.self, #" "just a string" "#),
        Case("[String: JSONValue] with duplicate keys (first wins)", [String: JSONValue].self, #"{"a":1,"b":2,"a":3}"#),
        Case("struct with duplicate keys (first wins)", Condition.self, #"{"type":"Ready","status":"True","type":"Other"}"#),
        Case("[String: String]", [String: String].self, #"{"app":"web","a\"b":"c\\d","":"empty"}"#),
        Case("[[Int]]", [[Int]].self, #"[[1,2],[],[3,-4,5e0]]"#),
        Case("[Double]", [Double].self, #"[0,1.5,-2e-3,1E+2,123456789012345678901234567890]"#),
        Case("[Date]", [Date].self, #"["2024-05-01T12:00:00Z","2024-05-01T12:00:00.123456789+02:00","2024-05-01t12:00:00z"]"#),
        Case("[Data]", [Data].self, #"["aGVsbG8=","","AAEC/w=="]"#),
        Case("[Bool?]", [Bool?].self, #"[true,null,false]"#),
        Case("[String: [String: Int64]]", [String: [String: Int64]].self, #"{"x":{"a":-9223372036854775808},"y":{}}"#),
    ]

    @Test("the same value as Foundation's JSONDecoder", arguments: cases)
    func sameValue(_ testCase: Case) throws {
        try testCase.check(Data(testCase.json.utf8))
    }

    @Test("WatchEventDecoder gives the same event from [UInt8] and Data as decoding the object alone")
    func watchEvent() throws {
        let line = #"{"type":"MODIFIED","object":\#(FastJSONFixtures.pod(9))}"#
        let expected = try KubeJSON.makeDecoder().decode(Pod.self, from: Data(FastJSONFixtures.pod(9).utf8))
        #expect(try WatchEventDecoder<Pod>().decode(Array(line.utf8)) == .modified(expected))
        #expect(try WatchEventDecoder<Pod>().decode(Data(line.utf8)) == .modified(expected))
        #expect(expected.status?.containerStatuses?.first?.lastState?.terminated?.reason == "OOMKilled")
    }

    @Test("decoding from an UnsafeRawBufferPointer")
    func rawBuffer() throws {
        let bytes = Array(FastJSONFixtures.pod(1).utf8)
        let pod = try bytes.withUnsafeBytes { try FastJSONDecoder().decode(Pod.self, from: $0) }
        #expect(pod.metadata.name == "payments-6b7c9d-1")
        #expect(pod.metadata.labels?["team"] == "pay/ments")
        #expect(pod.metadata.annotations?["note"] == "line one\nline \"two\"\ttabbed \\ end")
    }
}
