import Foundation
import Testing

@testable import KubeCore

@Suite("JSONValue")
struct JSONValueTests {
    @Test("keeps integers, doubles, booleans and nulls apart")
    func decodesScalarsExactly() throws {
        let value = try JSONValue(parsing: Data(#"{"i":3,"big":9007199254740993,"d":0.5,"e":1.5e3,"t":true,"f":false,"z":0,"n":null,"s":"1"}"#.utf8))
        #expect(value["i"] == .integer(3))
        #expect(value["big"] == .integer(9_007_199_254_740_993))
        #expect(value["d"] == .double(0.5))
        #expect(value["e"] == .integer(1500), "an integral number in exponent form is an integer, as Int64 is tried first")
        #expect(value["t"] == .bool(true))
        #expect(value["f"] == .bool(false))
        #expect(value["z"] == .integer(0))
        #expect(value["n"] == .null)
        #expect(value["s"] == .string("1"))
    }

    @Test("literals build the same values as decoding")
    func literals() throws {
        let literal: JSONValue = ["a": [1, 2.5, "x", true, nil], "b": ["c": "d"]]
        let parsed = try JSONValue(parsing: Data(#"{"a":[1,2.5,"x",true,null],"b":{"c":"d"}}"#.utf8))
        #expect(literal == parsed)
    }

    @Test("accessors and paths")
    func accessors() {
        let value: JSONValue = ["spec": ["containers": [["name": "app", "restarts": 4]]], "ratio": 2.0]
        #expect(value.value(atPath: ["spec", "containers", "0", "name"])?.stringValue == "app")
        #expect(value.value(atPath: ["spec", "containers", "0", "restarts"])?.int64Value == 4)
        #expect(value.value(atPath: ["spec", "containers", "1"]) == nil)
        #expect(value.value(atPath: ["spec", "missing"]) == nil)
        #expect(value.value(atPath: []) == value)
        #expect(value["ratio"]?.int64Value == 2)
        #expect(value["ratio"]?.doubleValue == 2.0)
        #expect(value["spec"]?["containers"]?[0]?["name"] == "app")
        #expect(value["spec"]?["containers"]?[5] == nil)
        #expect(value["spec"]?.objectValue?.keys.sorted() == ["containers"])
        #expect(value["spec"]?["containers"]?.arrayValue?.count == 1)
        #expect(JSONValue.bool(true).boolValue == true)
        #expect(JSONValue.string("x").boolValue == nil)
        #expect(JSONValue.double(1.5).int64Value == nil)
    }

    @Test("encodes any Encodable and decodes back through KubeJSON (dates as RFC 3339)")
    func encodingAndDecoding() throws {
        let meta = ObjectMeta(name: "web", namespace: "shop", creationTimestamp: Fixtures.date("2024-05-01T12:00:00Z"))
        let value = try JSONValue(encoding: meta)
        #expect(value == ["name": "web", "namespace": "shop", "creationTimestamp": "2024-05-01T12:00:00Z"])
        #expect(try value.decode(as: ObjectMeta.self) == meta)
    }

    @Test("invalid JSON gives a KubeDecodingError with an excerpt")
    func invalidJSON() {
        #expect(throws: KubeDecodingError.self) { try JSONValue(parsing: Data("{nope".utf8)) }
        do {
            _ = try JSONValue(parsing: Data("{nope".utf8))
        } catch {
            #expect(error.typeName == "JSONValue")
            #expect(error.excerpt == "{nope")
            #expect(error.code == .invalidObject)
        }
    }
}
