import Foundation
import Testing

@testable import KubeCore

/// Random edits of real documents: the fast decoder never crashes or hangs, never accepts what Foundation's
/// decoder rejects, and when both accept they agree. (It is stricter: it also rejects bad escapes, bad UTF-8,
/// control characters and trailing commas inside values nobody reads, which Foundation lets pass.)
@Suite("FastJSONDecoder on mutated input")
struct FastJSONFuzzTests {
    /// A small deterministic generator (SplitMix64), so that a failure reproduces.
    struct Generator {
        var state: UInt64

        mutating func next(below bound: Int) -> Int {
            state &+= 0x9E37_79B9_7F4A_7C15
            var value = state
            value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
            value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
            return Int((value ^ (value >> 31)) % UInt64(bound))
        }
    }

    static let alphabet = Array(#"{}[]",:\ 0123456789aefnlrstuE.-+/"#.utf8) + [0x00, 0x1F, 0x80, 0xC3, 0xE2, 0xED, 0xF0, 0xFF]

    static func mutate(_ input: [UInt8], with generator: inout Generator) -> [UInt8] {
        var bytes = input
        for _ in 0...generator.next(below: 3) where bytes.count > 1 {
            let position = generator.next(below: bytes.count)
            switch generator.next(below: 4) {
            case 0: bytes[position] = alphabet[generator.next(below: alphabet.count)]
            case 1: bytes.insert(alphabet[generator.next(below: alphabet.count)], at: position)
            case 2: bytes.remove(at: position)
            default: bytes.removeSubrange(position...)
            }
        }
        return bytes
    }

    static func compare<T: Decodable & Equatable>(_ type: T.Type, _ bytes: [UInt8]) -> (fastOnly: Bool, differs: Bool) {
        let fast = try? FastJSONDecoder().decode(T.self, from: bytes)
        let foundation = try? KubeJSON.makeDecoder().decode(T.self, from: Data(bytes))
        switch (fast, foundation) {
        case (.some, nil): return (true, false)
        case (.some(let lhs), .some(let rhs)): return (false, lhs != rhs)
        default: return (false, false)
        }
    }

    @Test("mutated pods, lists and custom resources", arguments: [1, 2, 3])
    func mutations(seed: UInt64) {
        let documents = [
            Array(FastJSONFixtures.pod(1).utf8),
            Array(#"{"kind":"PodList","metadata":{},"items":[\#(Fixtures.crashLoopingPod)]}"#.utf8),
            Array(Fixtures.customResource.utf8),
        ]
        var generator = Generator(state: seed)
        var acceptedOnlyByFast = 0
        var different = 0
        for round in 0..<300 {
            let bytes = Self.mutate(documents[round % documents.count], with: &generator)
            let results = switch round % 3 {
            case 0: Self.compare(Pod.self, bytes)
            case 1: Self.compare(ObjectList<Pod>.self, bytes)
            default: Self.compare(JSONValue.self, bytes)
            }
            acceptedOnlyByFast += results.fastOnly ? 1 : 0
            different += results.differs ? 1 : 0
        }
        #expect(acceptedOnlyByFast == 0)
        #expect(different == 0)
    }
}
