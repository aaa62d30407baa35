import Foundation
import KubeCore
import KubeRuntime
import Testing

@Suite("Condition and [Condition].set")
struct ConditionTests {
    static let earlier = Date(timeIntervalSince1970: 1_700_000_000)
    static let now = Date(timeIntervalSince1970: 1_800_000_000)
    static let ready = Condition(
        type: "Ready", status: .true, reason: "Watching", message: "Watching 3 pods", observedGeneration: 1,
        lastTransitionTime: earlier)

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var update: Condition
        var isChanged: Bool
        var expected: Condition
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "unchanged keeps everything", update: ready, isChanged: false, expected: ready),
        Case(
            name: "same status, new reason and message keeps lastTransitionTime",
            update: Condition(type: "Ready", status: .true, reason: "Probing", message: "Probing 3 URLs", observedGeneration: 1),
            isChanged: true,
            expected: Condition(
                type: "Ready", status: .true, reason: "Probing", message: "Probing 3 URLs", observedGeneration: 1,
                lastTransitionTime: earlier)),
        Case(
            name: "same status, new observedGeneration keeps lastTransitionTime",
            update: Condition(type: "Ready", status: .true, reason: "Watching", message: "Watching 3 pods", observedGeneration: 2),
            isChanged: true,
            expected: Condition(
                type: "Ready", status: .true, reason: "Watching", message: "Watching 3 pods", observedGeneration: 2,
                lastTransitionTime: earlier)),
        Case(
            name: "changed status bumps lastTransitionTime",
            update: Condition(type: "Ready", status: .false, reason: "SecretNotFound", message: "Secret slack missing", observedGeneration: 2),
            isChanged: true,
            expected: Condition(
                type: "Ready", status: .false, reason: "SecretNotFound", message: "Secret slack missing",
                observedGeneration: 2, lastTransitionTime: now)),
    ]

    @Test(arguments: cases)
    func set(_ testCase: Case) {
        let other = Condition(type: "Degraded", status: .false, reason: "AsExpected", lastTransitionTime: Self.earlier)
        var conditions = [Self.ready, other]
        let isChanged = conditions.set(testCase.update, now: Self.now)
        #expect(isChanged == testCase.isChanged)
        #expect(conditions == [testCase.expected, other])
    }

    @Test func setAppendsANewConditionWithTheTransitionTimeNow() {
        var conditions: [Condition] = []
        let isChanged = conditions.set(Condition(type: "Ready", status: .unknown, reason: "Starting"), now: Self.now)
        #expect(isChanged)
        #expect(conditions == [Condition(type: "Ready", status: .unknown, reason: "Starting", lastTransitionTime: Self.now)])
    }

    @Test func lookup() {
        let conditions = [Self.ready, Condition(type: "Degraded", status: .false, reason: "AsExpected")]
        #expect(conditions.condition(ofType: "Ready") == Self.ready)
        #expect(conditions.condition(ofType: "Missing") == nil)
        #expect(conditions.isTrue("Ready"))
        #expect(!conditions.isTrue("Degraded"))
        #expect(!conditions.isTrue("Missing"))
    }

    @Test func encodesAsMetaV1Condition() throws {
        let json = try JSONValue(encoding: Self.ready)
        #expect(
            json == [
                "type": "Ready", "status": "True", "observedGeneration": 1, "lastTransitionTime": "2023-11-14T22:13:20Z",
                "reason": "Watching", "message": "Watching 3 pods",
            ])
    }

    @Test func decodesWithMissingOptionalFields() throws {
        let json: JSONValue = ["type": "Ready", "status": "False", "lastTransitionTime": "2027-01-15T08:00:00Z"]
        let condition = try json.decode(as: Condition.self)
        #expect(condition == Condition(type: "Ready", status: .false, reason: "", message: "", lastTransitionTime: Self.now))
    }
}
