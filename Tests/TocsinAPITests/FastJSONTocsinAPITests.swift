import Foundation
import KubeCore
import Testing
import TocsinAPI

/// Every Tocsin kind in the examples decodes with ``FastJSONDecoder`` to exactly what Foundation's decoder
/// (``KubeJSON/makeDecoder()``) gives, from the JSON the API server would hold.
@Suite("FastJSONDecoder on Tocsin kinds")
struct FastJSONTocsinAPITests {
    static func expectSameDecoding<T: TocsinResource>(_ object: T) throws {
        let json = try KubeJSON.makeEncoder().encode(object)
        let fast = try FastJSONDecoder().decode(T.self, from: json)
        let foundation = try KubeJSON.makeDecoder().decode(T.self, from: json)
        #expect(fast == foundation)
        #expect(fast == object)
        let list = try KubeJSON.makeEncoder().encode(ObjectList(items: [object, object]))
        #expect(try FastJSONDecoder().decode(ObjectList<T>.self, from: list).items == [object, object])
    }

    @Test("example manifests", arguments: ExampleTests.files)
    func examples(file: String) throws {
        for document in try ExampleTests.documents(file) {
            switch try #require(document.object) {
            case .monitor(let object): try Self.expectSameDecoding(object)
            case .alertRule(let object): try Self.expectSameDecoding(object)
            case .onCallSchedule(let object): try Self.expectSameDecoding(object)
            case .onCallOverride(let object): try Self.expectSameDecoding(object)
            case .incident(let object): try Self.expectSameDecoding(object)
            }
        }
    }

    @Test("a field condition's value keeps its JSON type")
    func fieldConditionValue() throws {
        for value in [#""Running""#, "3", "2.5", "true"] {
            let json = Data(#"{"kind":"Pod","path":"status.phase","operator":"==","value":\#(value)}"#.utf8)
            let fast = try FastJSONDecoder().decode(FieldCondition.self, from: json)
            #expect(fast == (try KubeJSON.makeDecoder().decode(FieldCondition.self, from: json)))
            #expect(fast.value == (value == #""Running""# ? "Running" : value))
        }
    }
}
