import Foundation
import Testing

@testable import KubeCore

/// Errors: the same `DecodingError` (case, coding path, message) as Foundation's for a wrong shape; the field's
/// path for a number out of range; a root `dataCorrupted` for malformed JSON, never a crash or a hang.
@Suite("FastJSONDecoder errors")
struct FastJSONErrorTests {
    struct Sample: Decodable, Equatable {
        var name: String
        var count: Int8?
        var ratio: Float?
        var items: [Item]?
        var when: Date?
        var blob: Data?
        var kind: Kind?

        struct Item: Decodable, Equatable {
            var id: UInt16
            var tags: [String]?
        }

        enum Kind: String, Decodable {
            case a, b
        }
    }

    static func describeFast(_ json: String) -> String {
        do {
            _ = try FastJSONDecoder().decode(Sample.self, from: Data(json.utf8))
            return "OK"
        } catch {
            return KubeDecodingError.describe(error)
        }
    }

    static func describeFoundation(_ json: String) -> String {
        do {
            _ = try KubeJSON.makeDecoder().decode(Sample.self, from: Data(json.utf8))
            return "OK"
        } catch {
            return KubeDecodingError.describe(error)
        }
    }

    @Test(
        "a wrong shape fails with Foundation's exact error and coding path",
        arguments: [
            (#"{}"#, "name: required key not found"),
            (#"{"name":1}"#, "name: expected String: Expected to decode String but found number instead."),
            (#"{"name":null}"#, "name: expected String, found null"),
            (#"{"name":"a","items":[{"id":1},{"tags":[]}]}"#, "items[1].id: required key not found"),
            (#"{"name":"a","items":[{"id":1,"tags":["x",2]}]}"#, "items[0].tags[1]: expected String: Expected to decode String but found number instead."),
            (#"{"name":"a","items":{}}"#, "items: expected Array<Any>: Expected to decode Array<Any> but found a dictionary instead."),
            (#"{"name":"a","items":[null]}"#, "items[0]: expected Dictionary<String, Any>, found null"),
            (#"{"name":"a","items":[3]}"#, "items[0]: expected Dictionary<String, Any>: Expected to decode Dictionary<String, Any> but found number instead."),
            (#"{"name":"a","items":[{"id":1,"tags":"x"}]}"#, "items[0].tags: expected Array<Any>: Expected to decode Array<Any> but found a string instead."),
            (#"{"name":"a","when":"yesterday"}"#, #"when: Expected an RFC 3339 timestamp such as 2024-05-01T12:00:00Z, found "yesterday"."#),
            (#"{"name":"a","when":5}"#, "when: expected String: Expected to decode String but found number instead."),
            (#"{"name":"a","blob":"!!"}"#, "blob: Encountered Data is not valid Base64."),
            (#"{"name":"a","kind":"c"}"#, "kind: Cannot initialize Kind from invalid String value c"),
            (#"{"name":"a","count":true}"#, "count: expected Int8: Expected to decode Int8 but found bool instead."),
            (#"{"name":"a","items":[{"id":"1"}]}"#, "items[0].id: expected UInt16: Expected to decode UInt16 but found a string instead."),
            (#"[]"#, "<root>: expected Dictionary<String, Any>: Expected to decode Dictionary<String, Any> but found an array instead."),
            (#"null"#, "<root>: expected Dictionary<String, Any>, found null"),
            (#"{"name":"a","items":null,"when":null,"count":1.0}"#, "OK"),
        ])
    func wrongShape(json: String, expected: String) {
        #expect(Self.describeFast(json) == expected)
        #expect(Self.describeFoundation(json) == expected)
    }

    @Test(
        "a number out of range fails at the field, naming the number and the type",
        arguments: [
            (#"{"name":"a","count":300}"#, ["count"], "Number 300 does not fit in Int8."),
            (#"{"name":"a","count":-129}"#, ["count"], "Number -129 does not fit in Int8."),
            (#"{"name":"a","count":1.5}"#, ["count"], "Number 1.5 does not fit in Int8."),
            (#"{"name":"a","items":[{"id":1},{"id":-1}]}"#, ["items", "Index 1", "id"], "Number -1 does not fit in UInt16."),
            (#"{"name":"a","items":[{"id":65536}]}"#, ["items", "Index 0", "id"], "Number 65536 does not fit in UInt16."),
            (#"{"name":"a","ratio":1e39}"#, ["ratio"], "Number 1e39 does not fit in Float."),
        ])
    func outOfRange(json: String, path: [String], message: String) {
        #expect {
            _ = try FastJSONDecoder().decode(Sample.self, from: Data(json.utf8))
        } throws: { error in
            guard case .dataCorrupted(let context) = error as? DecodingError else { return false }
            return context.codingPath.map(\.stringValue) == path && context.debugDescription == message
        }
    }

    @Test(
        "every integer width is range-checked",
        arguments: [
            ("127", true), ("128", false), ("-128", true), ("-129", false),
        ])
    func int8Range(text: String, fits: Bool) {
        #expect(((try? FastJSONDecoder().decode(Int8.self, from: Array(text.utf8))) != nil) == fits)
    }

    @Test("integer limits")
    func integerLimits() throws {
        let decoder = FastJSONDecoder()
        #expect(try decoder.decode(Int64.self, from: Array("-9223372036854775808".utf8)) == .min)
        #expect(try decoder.decode(Int64.self, from: Array("9223372036854775807".utf8)) == .max)
        #expect(throws: DecodingError.self) { try decoder.decode(Int64.self, from: Array("9223372036854775808".utf8)) }
        #expect(throws: DecodingError.self) { try decoder.decode(Int64.self, from: Array("-9223372036854775809".utf8)) }
        #expect(try decoder.decode(UInt64.self, from: Array("18446744073709551615".utf8)) == .max)
        #expect(throws: DecodingError.self) { try decoder.decode(UInt64.self, from: Array("18446744073709551616".utf8)) }
        #expect(throws: DecodingError.self) { try decoder.decode(UInt.self, from: Array("-1".utf8)) }
        #expect(try decoder.decode(UInt8.self, from: Array("-0".utf8)) == 0)
        #expect(try decoder.decode(Int16.self, from: Array("-32768".utf8)) == .min)
        #expect(try decoder.decode(UInt32.self, from: Array("4294967295".utf8)) == .max)
        #expect(throws: DecodingError.self) { try decoder.decode(Int32.self, from: Array("2147483648".utf8)) }
        #expect(try decoder.decode(Int.self, from: Array("1e3".utf8)) == 1000)
        #expect(try decoder.decode(Int.self, from: Array("2.0".utf8)) == 2)
        #expect(try decoder.decode(Double.self, from: Array("-1.25e-2".utf8)) == -0.0125)
        #expect(throws: DecodingError.self) { try decoder.decode(Double.self, from: Array("1e400".utf8)) }
    }

    @Test(
        "malformed JSON fails at the root with 'not valid JSON' and the syntax error",
        arguments: [
            ("", "The input is empty: expected a JSON value (at byte 0)"),
            ("   ", "The input is empty: expected a JSON value (at byte 3)"),
            (#"{"name":"a""#, "Unexpected end of input inside an object (at byte 11)"),
            (#"{"name":"a"#, "Unterminated string (at byte 8)"),
            (#"{"name":"a"} x"#, "Unexpected 'x' after the JSON value (at byte 13)"),
            (#"{"name":"a"}}"#, "Unexpected '}' after the JSON value (at byte 12)"),
            (#"{"name":tru}"#, "Invalid literal (expected true) (at byte 11)"),
            (#"{"name":nul"#, "Invalid literal: the input ends inside it (expected null) (at byte 8)"),
            (#"{"name":"a",}"#, "Unexpected '}': expected a string key (at byte 12)"),
            (#"{"name":"a","items":[1,]}"#, "Unexpected ']': expected a JSON value (at byte 23)"),
            (#"{"name" "a"}"#, "Unexpected '\"': expected ':' after a key (at byte 8)"),
            (#"{"name":"a" "count":1}"#, "Unexpected '\"': expected ',' or '}' (at byte 12)"),
            (#"{name:"a"}"#, "Unexpected 'n': expected a string key (at byte 1)"),
            (#"{"name":"\q"}"#, #"Invalid escape sequence \q in a string (at byte 9)"#),
            (#"{"name":"\u12G4"}"#, #"Invalid \u escape: expected four hexadecimal digits (at byte 13)"#),
            (#"{"name":"\ud83d"}"#, #"Unpaired high surrogate \ud83d in a string (at byte 9)"#),
            (#"{"name":"\ud83d\u0041"}"#, #"Unpaired high surrogate \ud83d in a string (at byte 15)"#),
            (#"{"name":"\ude00"}"#, #"Unpaired low surrogate \ude00 in a string (at byte 9)"#),
            ("{\"name\":\"a\tb\"}", "Unescaped control character 0x09 in a string (at byte 10)"),
            (#"{"name":"a","count":01}"#, "Invalid number: leading zeros are not allowed (at byte 21)"),
            (#"{"name":"a","count":-}"#, "Invalid number: expected a digit (at byte 21)"),
            (#"{"name":"a","ratio":1.}"#, "Invalid number: expected a digit after '.' (at byte 22)"),
            (#"{"name":"a","ratio":.5}"#, "Unexpected '.': expected a JSON value (at byte 20)"),
            (#"{"name":"a","ratio":1e}"#, "Invalid number: expected a digit in the exponent (at byte 22)"),
            (#"{"name":"a","ratio":+1}"#, "Unexpected '+': expected a JSON value (at byte 20)"),
            (#"{"name":"a","items":[{"id":1}"#, "Unexpected end of input inside an array (at byte 29)"),
            (#"{"name":"a","unknown":{"deep":[1,{"x":]}]}}"#, "Unexpected ']': expected a JSON value (at byte 38)"),
        ])
    func malformed(json: String, syntaxError: String) {
        #expect {
            _ = try FastJSONDecoder().decode(Sample.self, from: Data(json.utf8))
        } throws: { error in
            guard case .dataCorrupted(let context) = error as? DecodingError else { return false }
            return context.codingPath.isEmpty && context.debugDescription == "The given data was not valid JSON."
                && context.underlyingError.map { String(describing: $0) } == syntaxError
        }
    }

    @Test("invalid UTF-8 in a string is rejected", arguments: [[0xC3], [0xE2, 0x82], [0xED, 0xA0, 0x80], [0xF5, 0x80, 0x80, 0x80], [0xC0, 0xAF], [0x80]])
    func invalidUTF8(sequence: [UInt8]) {
        let bytes = Array(#"{"name":"a"#.utf8) + sequence + Array(#"b"}"#.utf8)
        #expect(throws: DecodingError.self) { _ = try FastJSONDecoder().decode(Sample.self, from: bytes) }
    }

    @Test("every truncation of a real pod fails cleanly")
    func truncations() {
        let bytes = Array(FastJSONFixtures.pod(2).utf8)
        var failures = 0
        for length in stride(from: 0, to: bytes.count, by: 7) {
            do {
                _ = try FastJSONDecoder().decode(Pod.self, from: Array(bytes[..<length]))
            } catch {
                failures += 1
            }
        }
        #expect(failures == (bytes.count + 6) / 7)
    }

    @Test("nesting deeper than 512 levels fails instead of overflowing the stack")
    func deepNesting() throws {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: DecodingError.self) { _ = try FastJSONDecoder().decode(JSONValue.self, from: Array(deep.utf8)) }
        let fine = String(repeating: "[", count: 500) + String(repeating: "]", count: 500)
        _ = try FastJSONDecoder().decode(JSONValue.self, from: Array(fine.utf8))
    }

    @Test("a failing watch line names the field in the KubeDecodingError")
    func watchLineError() {
        let line = #"{"type":"ADDED","object":{"metadata":{"name":"p"},"status":{"containerStatuses":[{"name":"a","restartCount":4294967296}]}}}"#
        #expect {
            _ = try WatchEventDecoder<Pod>().decode(Array(line.utf8))
        } throws: { error in
            guard let error = error as? KubeDecodingError else { return false }
            return error.code == .invalidObject && error.typeName == "WatchEvent<Pod>"
                && error.reason == "object.status.containerStatuses[0].restartCount: Number 4294967296 does not fit in Int32."
        }
    }
}
