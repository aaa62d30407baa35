import Foundation
import Testing
import TocsinAPI
import TocsinEngine

@Suite("Probe conditions: down and slow")
struct ProbeConditionTests {
    typealias F = ConditionFixtures

    static let labels = [
        "namespace": "shop", "monitor": "storefront", "probe": "checkout", "url": "https://shop.example.com/healthz",
    ]

    /// The checkout probe after `outcomes`, one check a minute from 11:55.
    static func probe(_ outcomes: [String?], latency: Duration = .milliseconds(120), name: String = "checkout") -> WatchedProbe {
        var state = ProbeState()
        for (index, error) in outcomes.enumerated() {
            state.record(ProbeOutcome(
                statusCode: error == nil ? 200 : nil, latency: latency, checkedAt: F.time(11, 55 + index), error: error))
        }
        return WatchedProbe(
            namespace: "shop", monitor: "storefront", probe: name, url: "https://shop.example.com/healthz",
            result: state.result)
    }

    @Test func probeDownAfterThreeFailuresInARow() throws {
        let refused = "connect to shop.example.com:443: connection refused"
        let probe = Self.probe([nil, refused, refused, refused])
        let condition = try F.compile(.probeDown(ProbeDownCondition()))
        #expect(condition.kind == nil)
        #expect(condition.finding(for: probe, now: F.now) == Finding(
            object: AffectedObject(
                kind: "Monitor", namespace: "shop", name: "storefront",
                detail: "probe checkout: \(refused); 3 failed checks in a row"),
            labels: Self.labels, value: 3, activeSince: F.time(11, 56)))
    }

    @Test(arguments: [
        ([nil, "timeout", "timeout"], nil, nil, false),
        (["timeout", "timeout"], 2, nil, true),
        (["timeout", "timeout", "timeout"], nil, "checkout", true),
        (["timeout", "timeout", "timeout"], nil, "login", false),
        (["timeout", "timeout", "timeout", nil], nil, nil, false),
        ([], nil, nil, false),
    ] as [([String?], Int?, String?, Bool)])
    func probeDownCountsConsecutiveFailuresOfTheNamedProbe(
        outcomes: [String?], failures: Int?, name: String?, matches: Bool
    ) throws {
        let condition = try F.compile(.probeDown(ProbeDownCondition(probe: name, consecutiveFailures: failures)))
        #expect((condition.finding(for: Self.probe(outcomes), now: F.now) != nil) == matches)
    }

    @Test func probeSlowerThanTheThreshold() throws {
        let condition = try F.compile(.probeSlow(ProbeSlowCondition(threshold: .seconds(1))))
        let probe = Self.probe([nil], latency: .milliseconds(2_500))
        #expect(condition.finding(for: probe, now: F.now) == Finding(
            object: AffectedObject(
                kind: "Monitor", namespace: "shop", name: "storefront",
                detail: "probe checkout: answered in 2.5s (threshold 1s)"),
            labels: Self.labels, value: 2.5))
    }

    @Test(arguments: [
        ([nil], Duration.milliseconds(1_000), nil, false),
        ([nil], .milliseconds(1_001), nil, true),
        (["HTTP 503"], .milliseconds(3_000), nil, false),
        ([nil], .milliseconds(3_000), "login", false),
    ] as [([String?], Duration, String?, Bool)])
    func probeSlowNeedsASuccessfulCheckStrictlySlower(
        outcomes: [String?], latency: Duration, name: String?, matches: Bool
    ) throws {
        let condition = try F.compile(.probeSlow(ProbeSlowCondition(probe: name, threshold: .seconds(1))))
        let finding = condition.finding(for: Self.probe(outcomes, latency: latency), now: F.now)
        #expect((finding != nil) == matches)
    }

    @Test func probeConditionsIgnorePods() throws {
        let condition = try F.compile(.probeDown(ProbeDownCondition()))
        let pod = try F.pod(F.crashLooping)
        #expect(condition.finding(for: pod, history: PodHistory(), now: F.now) == nil)
    }
}
