import Foundation
import KubeCore
import Testing
import TocsinAPI
import Yams

@Suite struct ExampleTests {
    static let files = [
        "alertrule-crashlooping.yaml", "alertrule-field.yaml", "alertrule-node-notready.yaml", "alertrule-oncall-gap.yaml",
        "alertrule-probe.yaml", "alertrule-warning-events.yaml", "incident.yaml", "monitor.yaml", "oncalloverride.yaml",
        "oncallschedule.yaml",
    ]

    static func documents(_ file: String) throws -> [ManifestDocument] {
        let text = try String(contentsOf: Fixtures.examplesDirectory.appendingPathComponent(file), encoding: .utf8)
        return try ManifestDecoder().decode(yaml: text)
    }

    @Test func everyExampleFileIsListed() throws {
        let present = try FileManager.default.contentsOfDirectory(atPath: Fixtures.examplesDirectory.path)
            .filter { $0.hasSuffix(".yaml") }.sorted()
        #expect(present == Self.files)
    }

    @Test(arguments: files)
    func decodesAndValidatesClean(file: String) throws {
        let documents = try Self.documents(file)
        #expect(!documents.isEmpty)
        for document in documents {
            #expect(document.isTocsin, "\(file) \(document)")
            #expect(document.object != nil, "\(file) \(document)")
            #expect(document.errors.map(\.description) == [], "\(file) \(document)")
        }
    }

    @Test(arguments: files)
    func roundTripsThroughJSONAndYAML(file: String) throws {
        for document in try Self.documents(file) {
            switch try #require(document.object) {
            case .monitor(let object): try Self.expectRoundTrip(object)
            case .alertRule(let object): try Self.expectRoundTrip(object)
            case .onCallSchedule(let object): try Self.expectRoundTrip(object)
            case .onCallOverride(let object): try Self.expectRoundTrip(object)
            case .incident(let object): try Self.expectRoundTrip(object)
            }
        }
    }

    @Test(arguments: files)
    func defaultsKeepExamplesValidAndAreIdempotent(file: String) throws {
        for document in try Self.documents(file) {
            switch try #require(document.object) {
            case .monitor(let object): try Self.expectDefaultsHold(object)
            case .alertRule(let object): try Self.expectDefaultsHold(object)
            case .onCallSchedule(let object): try Self.expectDefaultsHold(object)
            case .onCallOverride(let object): try Self.expectDefaultsHold(object)
            case .incident(let object): try Self.expectDefaultsHold(object)
            }
        }
    }

    @Test func crashLoopingExampleDecodesToTheExpectedTypes() throws {
        let document = try #require(try Self.documents("alertrule-crashlooping.yaml").first)
        guard case .alertRule(let rule) = document.object else {
            Issue.record("expected an AlertRule, got \(document)")
            return
        }
        #expect(rule.spec.condition.typed == .podCrashLooping(PodCrashLoopingCondition(lookback: .minutes(5))))
        #expect(rule.spec.for == .minutes(15))
        #expect(rule.spec.routes.count == 2)
        #expect(rule.spec.routes[0].match?.severities == [.critical, .high])
        #expect(rule.spec.routes[0].opsgenie?.effectiveBaseURL == "https://api.eu.opsgenie.com")
        #expect(rule.spec.escalation == [
            EscalationStep(after: .minutes(15), onCallScheduleRef: LocalObjectReference(name: "sre-secondary")),
            EscalationStep(after: .minutes(30), severity: .critical),
        ])
    }

    static func expectRoundTrip<T: TocsinResource>(_ object: T) throws {
        let json = try KubeJSON.makeEncoder().encode(object)
        let fromJSON = try KubeJSON.decode(T.self, from: json)
        #expect(fromJSON == object)
        let yaml = try YAMLEncoder().encode(object)
        let fromYAML = try YAMLDecoder().decode(T.self, from: yaml)
        #expect(fromYAML == object)
        let text = String(decoding: json, as: UTF8.self)
        #expect(!text.contains("null"), "encoding must omit unset fields: \(text)")
    }

    static func expectDefaultsHold<T: TocsinResource>(_ object: T) throws {
        let defaulted = object.withDefaults()
        #expect(defaulted.validate().map(\.description) == [])
        #expect(defaulted.withDefaults() == defaulted)
        try expectRoundTrip(defaulted)
    }
}
