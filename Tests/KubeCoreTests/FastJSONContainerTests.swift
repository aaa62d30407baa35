import Foundation
import Testing

@testable import KubeCore

/// Containers: skipping unknown values, keys, nested containers, `superDecoder`, strings and dates.
@Suite("FastJSONDecoder containers")
struct FastJSONContainerTests {
    struct Pair: Decodable, Equatable {
        var a: String
        var b: Int
    }

    @Test("unknown keys are skipped, however deep and whatever their strings hold")
    func skipsUnknown() throws {
        let json = #"""
            {"x":{"y":[{"z":[[[{"}":"]"}]]]},"\"a\"",null,true,false,-1.5e3,{}],"w":"{\"a\":1,[\"]"},
             "a" : "first" , "q":[[],[[]],{"a":"not this one"}], "b":42, "tail":{"a":{"b":{"c":"\\\""}}}}
            """#
        #expect(try FastJSONDecoder().decode(Pair.self, from: Array(json.utf8)) == Pair(a: "first", b: 42))
    }

    @Test("a key written with escapes matches its coding key")
    func escapedKey() throws {
        let json = #"{"\u0061":"x","\u0062":7}"#
        #expect(try FastJSONDecoder().decode(Pair.self, from: Array(json.utf8)) == Pair(a: "x", b: 7))
    }

    @Test("keys asked for out of order, twice, and missing")
    func lookupOrder() throws {
        struct Probe: Decodable {
            var values: [String]
            enum Key: String, CodingKey { case a, b, c, d, missing }
            init(from decoder: any Decoder) throws {
                let container = try decoder.container(keyedBy: Key.self)
                values = [
                    try container.decode(String.self, forKey: .d), try container.decode(String.self, forKey: .a),
                    try container.decode(String.self, forKey: .c), try container.decode(String.self, forKey: .d),
                    try container.decodeIfPresent(String.self, forKey: .missing) ?? "-",
                    try container.decode(String.self, forKey: .b),
                ]
                #expect(container.contains(.a) && !container.contains(.missing))
                #expect(container.allKeys.map(\.stringValue) == ["a", "b", "c", "d"])
                #expect(try container.decodeNil(forKey: .c) == false)
                #expect(throws: DecodingError.self) { try container.decodeNil(forKey: .missing) }
            }
        }
        let probe = try FastJSONDecoder().decode(Probe.self, from: Array(#"{"a":"1","b":"2","c":"3","d":"4","extra":5}"#.utf8))
        #expect(probe.values == ["4", "1", "3", "4", "-", "2"])
    }

    @Test("allKeys lists each key once (first wins) and drops keys the CodingKey rejects")
    func allKeys() throws {
        struct Keys: Decodable {
            var keys: [String]
            var a: Int
            enum Key: String, CodingKey { case a, b }
            init(from decoder: any Decoder) throws {
                let container = try decoder.container(keyedBy: Key.self)
                keys = container.allKeys.map(\.stringValue)
                a = try container.decode(Int.self, forKey: .a)
            }
        }
        let keys = try FastJSONDecoder().decode(Keys.self, from: Array(#"{"b":1,"zz":2,"a":3,"b":4,"a":5}"#.utf8))
        #expect(keys.keys == ["b", "a"])
        #expect(keys.a == 3)
    }

    @Test("nested containers, unkeyed containers and superDecoder carry their coding paths")
    func nestedPaths() throws {
        struct Nested: Decodable {
            var paths: [String] = []
            var values: [String] = []
            enum Key: String, CodingKey { case outer, list, `super` }
            enum Inner: String, CodingKey { case inner }
            init(from decoder: any Decoder) throws {
                func path(_ keys: [any CodingKey]) -> String { keys.map(\.stringValue).joined(separator: "/") }
                let root = try decoder.container(keyedBy: Key.self)
                let outer = try root.nestedContainer(keyedBy: Inner.self, forKey: .outer)
                paths.append(path(outer.codingPath))
                values.append(try outer.decode(String.self, forKey: .inner))
                var list = try root.nestedUnkeyedContainer(forKey: .list)
                #expect(list.count == 4)
                values.append(String(try list.decode(Int.self)))
                #expect(try list.decodeNil())
                let element = try list.nestedContainer(keyedBy: Inner.self)
                paths.append(path(element.codingPath))
                var deeper = try list.nestedUnkeyedContainer()
                paths.append(path(deeper.codingPath))
                values.append(try deeper.decode(String.self))
                #expect(list.isAtEnd && list.currentIndex == 4)
                #expect(throws: DecodingError.self) { try list.decode(String.self) }
                let superDecoder = try root.superDecoder()
                paths.append(path(superDecoder.codingPath))
                values.append(try superDecoder.singleValueContainer().decode(String.self))
                let keyed = try root.superDecoder(forKey: .outer)
                values.append(try keyed.container(keyedBy: Inner.self).decode(String.self, forKey: .inner))
                do {
                    _ = try element.decode(Int.self, forKey: .inner)
                } catch DecodingError.typeMismatch(_, let context) {
                    paths.append(path(context.codingPath))
                }
            }
        }
        let json = #"{"outer":{"inner":"o"},"list":[7,null,{"inner":"e"},["d"]],"super":"s"}"#
        let nested = try FastJSONDecoder().decode(Nested.self, from: Array(json.utf8))
        #expect(nested.values == ["o", "7", "d", "s", "o"])
        #expect(nested.paths == ["outer", "list/Index 2", "list/Index 3", "super", "list/Index 2/inner"])
    }

    @Test("the decoder's codingPath follows the value being decoded")
    func decoderPath() throws {
        struct Leaf: Decodable {
            var path: String
            init(from decoder: any Decoder) throws {
                path = decoder.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
            }
        }
        struct Root: Decodable {
            var a: [String: [Leaf]]
            var b: Leaf
        }
        let root = try FastJSONDecoder().decode(Root.self, from: Array(#"{"a":{"k":[1,2]},"b":0}"#.utf8))
        #expect(root.a["k"]?.map(\.path) == ["a.k.[0]", "a.k.[1]"])
        #expect(root.b.path == "b")
    }

    @Test(
        "strings: every escape, surrogate pairs, raw UTF-8",
        arguments: [
            (#""plain""#, "plain"),
            (#""""#, ""),
            (#""\"\\\/\b\f\n\r\t""#, "\"\\/\u{08}\u{0C}\n\r\t"),
            (#""\u0041\u00e9\u20AC\uD83D\uDE00""#, "Aé€😀"),
            (#""a\u0000b""#, "a\u{0}b"),
            ("\"é€😀 long enough to need the heap, and more\"", "é€😀 long enough to need the heap, and more"),
            (#""0123456789abcdef\n0123456789abcdef""#, "0123456789abcdef\n0123456789abcdef"),
        ])
    func strings(json: String, expected: String) throws {
        #expect(try FastJSONDecoder().decode(String.self, from: Array(json.utf8)) == expected)
        #expect(try KubeJSON.makeDecoder().decode(String.self, from: Data(json.utf8)) == expected)
    }

    @Test("dates decode as KubeJSON reads metav1.Time, including escaped text")
    func dates() throws {
        let json = #"["2024-05-01T12:00:00Z","2024-05-01T14:00:00.5+02:00","2024\u002d05-01T12:00:00Z"]"#
        let dates = try FastJSONDecoder().decode([Date].self, from: Array(json.utf8))
        #expect(dates == [Fixtures.date("2024-05-01T12:00:00Z"), Fixtures.date("2024-05-01T12:00:00.5Z"), Fixtures.date("2024-05-01T12:00:00Z")])
    }

    @Test("decodeIfPresent treats null and a missing key alike; single values decode at the root")
    func optionals() throws {
        struct Optionals: Decodable, Equatable {
            var a: Int?
            var b: String?
            var c: [Int]?
        }
        let decoded = try FastJSONDecoder().decode(Optionals.self, from: Array(#"{"a":null,"c":[]}"#.utf8))
        #expect(decoded == Optionals(a: nil, b: nil, c: []))
        #expect(try FastJSONDecoder().decode(Bool.self, from: Array(" true ".utf8)))
        #expect(try FastJSONDecoder().decode(Int?.self, from: Array("null".utf8)) == nil)
        #expect(try FastJSONDecoder().decode(Float.self, from: Array("0.1".utf8)) == 0.1)
        #expect(try FastJSONDecoder().decode(URL.self, from: Array(#""https://example.com/a?b=c""#.utf8)).host == "example.com")
        #expect(try FastJSONDecoder().decode(Decimal.self, from: Array("12.25".utf8)) == Decimal(string: "12.25"))
    }
}
