import Foundation
import Testing
import TocsinTesting

@Suite("The fake's JSON text matches JSONEncoder's")
struct FakeJSONSerializationTests {
    static func encoderText(_ value: FakeJSON) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    @Test(arguments: [
        FakeJSON.null, true, false, 0, -42, 9_007_199_254_740_993, .number(1.5), .number(-0.25), .number(1e-7),
        "plain", "quote \" backslash \\ slash / tab \t newline \n cr \r bell \u{07} nul \u{00}", "ünïcødé ✓ 🚨",
        ["a": 1, "B": 2, "_c": ["z": [1, "two", .null, ["deep": true]]], "": "empty key"], [], [:],
        ["metadata": ["name": "web-1", "labels": ["app.kubernetes.io/name": "web"]], "spec": ["containers": [["name": "c"]]]],
    ])
    func sameTextAsJSONEncoder(value: FakeJSON) throws {
        #expect(value.jsonString == (try Self.encoderText(value)))
        #expect(try FakeJSON(jsonData: value.jsonData) == value)
    }
}
