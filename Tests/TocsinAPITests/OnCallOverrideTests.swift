import Foundation
import KubeCore
import Testing
import TocsinAPI
import Yams

@Suite struct OnCallOverrideTests {
    typealias Case = InvalidCase<OnCallOverride>

    static let valid = OnCallOverride(
        metadata: ObjectMeta(name: "swap-bob", namespace: "sre"),
        spec: OnCallOverrideSpec(
            scheduleRef: LocalObjectReference(name: "platform"), start: Fixtures.time("2026-07-06T18:00:00Z"),
            end: Fixtures.time("2026-07-07T06:00:00Z"), participant: Participant(name: "bob", slackUserID: "U0BOB00001"),
            reason: "swap with alice"))

    static let cases: [Case] = [
        Case("end equal to start", ["spec.end: must be after start (2026-07-06T18:00:00Z)"]) {
            $0.spec.end = $0.spec.start
        },
        Case("end before start", ["spec.end: must be after start (2026-07-06T18:00:00Z)"]) {
            $0.spec.end = Fixtures.time("2026-07-06T17:00:00Z")
        },
        Case("longer than 90 days", [
            "spec.end: must be at most 90d after start (2026-07-06T18:00:00Z): split a longer absence into several overrides or change the schedule"
        ]) {
            $0.spec.end = Fixtures.time("2026-10-04T18:00:01Z")
        },
        Case("participant name missing", ["spec.participant.name: is required"]) { $0.spec.participant.name = "" },
        Case("participant with effectiveFrom", ["spec.participant.effectiveFrom: must not be set in an override"]) {
            $0.spec.participant.effectiveFrom = Fixtures.time("2026-07-01T00:00:00Z")
        },
        Case("bad Slack user ID", ["spec.participant.slackUserID: must be a Slack user ID such as U0123456789"]) {
            $0.spec.participant.slackUserID = "bob"
        },
        Case("schedule ref missing", ["spec.scheduleRef.name: is required"]) { $0.spec.scheduleRef.name = "" },
        Case("schedule ref not an object name", [
            "spec.scheduleRef.name: must be a DNS subdomain: at most 253 lowercase letters, digits, '-' and '.', starting and ending with a letter or digit"
        ]) {
            $0.spec.scheduleRef.name = "Platform"
        },
        Case("rotation not a DNS label", [
            "spec.rotation: must be a DNS label: at most 63 lowercase letters, digits and '-', starting and ending with a letter or digit"
        ]) {
            $0.spec.rotation = "Primary"
        },
    ]

    @Test func validOverrideHasNoProblems() {
        #expect(Self.valid.validate() == [])
    }

    @Test func exactlyNinetyDaysIsAllowed() {
        var override = Self.valid
        override.spec.end = Fixtures.time("2026-10-04T18:00:00Z")
        #expect(override.validate() == [])
    }

    @Test(arguments: cases)
    func invalidOverrideReportsExactProblems(_ row: Case) {
        #expect(row.apply(to: Self.valid).validate().map(\.description) == row.expected)
    }

    @Test func deletionTimeIsSevenDaysAfterEnd() {
        #expect(Self.valid.deletionTime == Fixtures.time("2026-07-14T06:00:00Z").date)
    }

    @Test func encodesTypeMetaAndSpec() throws {
        let json = try KubeCore.JSONValue(encoding: Self.valid)
        #expect(json["apiVersion"] == "tocsin.dev/v1alpha1")
        #expect(json["kind"] == "OnCallOverride")
        let expected: KubeCore.JSONValue = [
            "scheduleRef": ["name": "platform"], "start": "2026-07-06T18:00:00Z", "end": "2026-07-07T06:00:00Z",
            "participant": ["name": "bob", "slackUserID": "U0BOB00001"], "reason": "swap with alice",
        ]
        #expect(json["spec"] == expected)
    }

    @Test func scheduleOverridesAreFilteredAndOrderedByStartThenName() {
        func override(_ name: String, schedule: String = "platform", namespace: String = "sre", start: String) -> OnCallOverride {
            var object = Self.valid
            object.metadata = ObjectMeta(name: name, namespace: namespace)
            object.spec.scheduleRef.name = schedule
            object.spec.start = Fixtures.time(start)
            object.spec.participant.name = name
            return object
        }
        var deleting = override("deleting", start: "2026-07-06T00:00:00Z")
        deleting.metadata.deletionTimestamp = Date(timeIntervalSince1970: 0)
        let objects = [
            override("late", start: "2026-07-06T20:00:00Z"), override("b", start: "2026-07-06T19:00:00Z"),
            override("a", start: "2026-07-06T19:00:00Z"), override("other", schedule: "web", start: "2026-07-06T01:00:00Z"),
            override("elsewhere", namespace: "web", start: "2026-07-06T01:00:00Z"), deleting,
        ]
        let names = objects.scheduleOverrides(forSchedule: "platform", in: "sre").map(\.participant.name)
        #expect(names == ["a", "b", "late"])
    }

    /// The example for crds/examples/oncalloverride.yaml, kept here until `ManifestDecoder` (and so
    /// `tocsin validate crds/examples`) knows the OnCallOverride kind.
    static let example = """
        # A swap made at 3 a.m., outside git: Bob takes Alice's shift on sre-follow-the-sun for the night. It lives in its
        # own object, so an Argo CD or Flux sync of the OnCallSchedule never wipes it; it wins over the schedule's own
        # spec.overrides where they overlap. Create one with `tocsin oncall override sre-follow-the-sun --participant bob
        # --start ... --end ...` or kubectl. The operator deletes it 7 days after it ends.
        apiVersion: tocsin.dev/v1alpha1
        kind: OnCallOverride
        metadata:
          name: sre-follow-the-sun-bob-20240307
          namespace: tocsin
        spec:
          scheduleRef:
            name: sre-follow-the-sun
          start: 2024-03-07T20:00:00+01:00
          end: 2024-03-08T08:00:00+01:00
          participant:
            name: bob
            slackUserID: U04BOB00002
            opsgenieUser: bob@example.com
          reason: swap with alice (sick)
        """

    @Test func exampleDecodesAndValidatesClean() throws {
        let override = try YAMLDecoder().decode(OnCallOverride.self, from: Self.example)
        #expect(override.validate() == [])
        #expect(override.spec.scheduleRef.name == "sre-follow-the-sun")
        #expect(override.spec.end.date.timeIntervalSince(override.spec.start.date) == 12 * 3_600)
    }

    @Test func crdIsRegisteredWithShortNameAndRules() throws {
        let definition = try #require(CustomResourceDefinition.all.first { $0.resourceType.kind == "OnCallOverride" })
        #expect(definition.name == "oncalloverrides.tocsin.dev")
        #expect(definition.shortNames == ["oco"])
        let spec = try #require(definition.schema.properties?["spec"])
        #expect(spec.required == ["scheduleRef", "start", "end", "participant"])
        #expect(spec.validations?.map(\.rule) == ["self.end > self.start", "self.end - self.start <= duration('2160h')"])
    }
}

@Suite struct OnCallOverrideRenderingTests {
    @Test func yamlHasTypeMetaMetadataAndSpecInOrder() throws {
        var override = OnCallOverrideTests.valid
        override.metadata = ObjectMeta(name: "platform-bob-20260706-1800", namespace: "sre")
        #expect(try override.yaml() == """
            apiVersion: tocsin.dev/v1alpha1
            kind: OnCallOverride
            metadata:
              name: platform-bob-20260706-1800
              namespace: sre
            spec:
              scheduleRef:
                name: platform
              start: '2026-07-06T18:00:00Z'
              end: '2026-07-07T06:00:00Z'
              participant:
                name: bob
                slackUserID: U0BOB00001
              reason: swap with alice

            """)
    }

    @Test(arguments: [
        ("bob", "platform-bob-20260706-1800"),
        ("Bob Smith", "platform-bob-smith-20260706-1800"),
        ("  ", "platform-override-20260706-1800"),
    ])
    func defaultNameIsScheduleParticipantAndUTCStart(participant: String, expected: String) {
        let name = OnCallOverride.defaultName(
            schedule: "platform", participant: participant, start: Fixtures.time("2026-07-06T20:00:00+02:00"))
        #expect(name == expected)
    }
}
