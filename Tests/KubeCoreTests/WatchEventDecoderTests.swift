import Foundation
import Testing

@testable import KubeCore

@Suite("WatchEventDecoder")
struct WatchEventDecoderTests {
    static func line(_ type: String, _ object: String) -> [UInt8] {
        Array(#"{"type":"\#(type)","object":\#(object)}"#.utf8)
    }

    @Test("ADDED, MODIFIED and DELETED carry the decoded object", arguments: [WatchEventType.added, .modified, .deleted])
    func objectEvents(type: WatchEventType) throws {
        let event = try WatchEventDecoder<Pod>().decode(Self.line(type.rawValue, Fixtures.crashLoopingPod))
        let pod = try KubeJSON.decode(Pod.self, from: Fixtures.data(Fixtures.crashLoopingPod))
        #expect(event.type == type)
        #expect(event.object == pod)
        #expect(event.resourceVersion == "483920")
        switch type {
        case .added: #expect(event == .added(pod))
        case .modified: #expect(event == .modified(pod))
        default: #expect(event == .deleted(pod))
        }
    }

    @Test("BOOKMARK decodes only the resourceVersion of a partial object")
    func bookmark() throws {
        let line = Self.line("BOOKMARK", #"{"kind":"Pod","apiVersion":"v1","metadata":{"resourceVersion":"12746","creationTimestamp":null,"annotations":{"k8s.io/initial-events-end":"true"}},"spec":{"containers":null},"status":{}}"#)
        let event = try WatchEventDecoder<Pod>().decode(line)
        #expect(event == .bookmark(resourceVersion: "12746"))
        #expect(event.object == nil && event.type == .bookmark && event.resourceVersion == "12746")
    }

    @Test("a BOOKMARK without a resourceVersion is an error")
    func bookmarkWithoutVersion() {
        #expect(throws: KubeDecodingError.self) {
            _ = try WatchEventDecoder<Pod>().decode(Self.line("BOOKMARK", #"{"metadata":{}}"#))
        }
    }

    @Test("ERROR 410 decodes the Status")
    func error410() throws {
        let line = Self.line("ERROR", #"{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"too old resource version: 1000 (483920)","reason":"Expired","code":410}"#)
        let event = try WatchEventDecoder<Node>().decode(line)
        #expect(
            event == .error(Status(metadata: ListMeta(), status: "Failure", message: "too old resource version: 1000 (483920)",
                                   reason: "Expired", code: 410))
        )
        #expect(event.type == .error && event.object == nil && event.resourceVersion == nil)
    }

    @Test("generic objects and Data lines decode too")
    func genericAndData() throws {
        let event = try WatchEventDecoder<GenericObject>().decode(Data(Self.line("MODIFIED", Fixtures.customResource)))
        #expect(event.object?.kind == "AlertRule" && event.resourceVersion == "480001")
    }

    @Test("an unknown type is a KubeDecodingError")
    func unknownType() {
        #expect {
            _ = try WatchEventDecoder<Pod>().decode(Self.line("RENAMED", "{}"))
        } throws: { error in
            guard let error = error as? KubeDecodingError else { return false }
            return error.code == .unknownEventType && error.typeName == "WatchEvent<Pod>"
                && error.reason.contains(#""RENAMED""#)
        }
    }

    @Test("a malformed object gives an error naming the type and an excerpt; the next line still decodes")
    func malformedThenNext() throws {
        var splitter = WatchLineSplitter()
        let bad = #"{"type":"MODIFIED","object":{"metadata":{"name":"n1","resourceVersion":"5"},"status":{"conditions":[{"type":"Ready","status":true,"message":"\#(String(repeating: "m", count: 150))"}]}}}"#
        let good = #"{"type":"MODIFIED","object":{"metadata":{"name":"n1","resourceVersion":"6"}}}"#
        splitter.append(Array((bad + "\n" + good + "\n").utf8))
        let decoder = WatchEventDecoder<Node>()
        var events: [WatchEvent<Node>] = []
        var errors: [KubeDecodingError] = []
        while let line = try splitter.nextLine() {
            do {
                events.append(try decoder.decode(line))
            } catch {
                errors.append(error)
            }
        }
        #expect(errors.count == 1)
        #expect(errors.first?.code == .invalidObject)
        #expect(errors.first?.typeName == "WatchEvent<Node>")
        #expect(errors.first?.excerpt == String(bad.prefix(200)) + "…")
        #expect(errors.first?.reason.hasPrefix("object.status.conditions[0].status: expected String") == true)
        #expect(events == [.modified(Node(metadata: ObjectMeta(name: "n1", resourceVersion: "6")))])
    }

    @Test("invalid JSON is a KubeDecodingError", arguments: ["", "not json", #"{"type":"ADDED"}"#, #"{"object":{}}"#, "[1]"])
    func invalid(text: String) {
        #expect(throws: KubeDecodingError.self) {
            _ = try WatchEventDecoder<Pod>().decode(Array(text.utf8))
        }
    }
}
