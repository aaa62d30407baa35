import Foundation
import KubeCore
import Testing
import TocsinEngine

@Suite("ObservationInterner: equal values of cached projections share storage")
struct ObservationInternerTests {
    /// The address of a native string's UTF-8 storage (strings over 15 bytes live on the heap).
    static func storage(_ value: String) -> UnsafeRawPointer? {
        var copy = value
        return copy.withUTF8 { UnsafeRawPointer($0.baseAddress) }
    }

    /// The identity of a dictionary's storage (a `Dictionary` is one reference to it).
    static func storage(_ labels: [String: String]) -> Int {
        unsafeBitCast(labels, to: Int.self)
    }

    /// A pod of the ReplicaSet `web-7d4b9c` on `node`, decoded from its own JSON (so nothing is shared by accident).
    static func pod(_ name: String, node: String = "ip-10-0-3-17.eu-west-1.compute.internal") throws -> Pod {
        let json = """
            {"metadata":{"name":"\(name)","namespace":"shop","labels":{"app.kubernetes.io/name":"web-frontend",
             "pod-template-hash":"7d4b9c6f5d"},"ownerReferences":[{"apiVersion":"apps/v1","kind":"ReplicaSet",
             "name":"web-frontend-7d4b9c6f5d","uid":"6a1f0c2e-4b7d-4e51-9c3a-0d8e7f6a5b4c","controller":true}]},
             "spec":{"nodeName":"\(node)","containers":[{"name":"application-server"}]},
             "status":{"phase":"Running","containerStatuses":[{"name":"application-server","ready":true,"restartCount":0}]}}
            """
        return try KubeJSON.decode(Pod.self, from: Data(json.utf8))
    }

    @Test func podsOfOneWorkloadShareLabelsOwnerNodeAndContainers() throws {
        let first = try #require(WatchedPod(try Self.pod("web-frontend-7d4b9c6f5d-aaaaa")))
        let second = try #require(WatchedPod(try Self.pod("web-frontend-7d4b9c6f5d-bbbbb")))

        #expect(first.labels == ["app.kubernetes.io/name": "web-frontend", "pod-template-hash": "7d4b9c6f5d"])
        #expect(Self.storage(first.labels) == Self.storage(second.labels))
        #expect(Self.storage(try #require(first.nodeName)) == Self.storage(try #require(second.nodeName)))
        #expect(Self.storage(try #require(first.owner).uid) == Self.storage(try #require(second.owner).uid))
        #expect(first.containers == second.containers)
        #expect(Self.storage(first.containers[0].name) == Self.storage(second.containers[0].name))
        // What differs stays each pod's own.
        #expect(first.name == "web-frontend-7d4b9c6f5d-aaaaa")
        #expect(second.name == "web-frontend-7d4b9c6f5d-bbbbb")
    }

    @Test func internedValuesEqualTheirInputs() {
        let interner = ObservationInterner()
        let labels = ["team": "payments-platform-squad", "app": "checkout"]
        #expect(interner.labels(labels) == labels)
        #expect(interner.string("a string longer than fifteen bytes") == "a string longer than fifteen bytes")
        #expect(interner.string(nil as String?) == nil)
        #expect(interner.owner(nil) == nil)
        #expect(interner.labels([:]) == [:])
        let long = String(repeating: "x", count: 40)
        #expect(Self.storage(interner.string(String(long))) == Self.storage(interner.string(String(long))))
    }

    @Test func aFullPoolStartsOverSoItStaysBounded() {
        let interner = ObservationInterner(capacity: 2, stringCapacity: 3)
        for index in 0..<5 { _ = interner.labels(["app": "service-number-\(index)-of-many"]) }
        let counts = interner.counts
        #expect(counts.labels == 1)
        #expect(counts.strings <= 3)
    }
}
