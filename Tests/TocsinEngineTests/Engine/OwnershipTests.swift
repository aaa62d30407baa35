import Foundation
import KubeCore
import Testing
import TocsinAPI
import TocsinEngine

@Suite("Routing by ownership: the team from a pod annotation, a pod label or the namespace's label")
struct OwnershipTests {
    typealias F = EngineFixtures

    static let routes = [
        Route(
            match: RouteMatch(labels: ["team": "payments"]),
            slack: SlackReceiver(channel: "#payments", tokenSecretRef: SecretKeySelector(name: "s", key: "t"))),
        Route(slack: SlackReceiver(channel: "#alerts", tokenSecretRef: SecretKeySelector(name: "s", key: "t"))),
    ]

    private func engine(_ ownership: Ownership) throws -> AlertEngine {
        var scope = F.scope
        scope.labels = [:]
        scope.ownership = ownership
        var engine = AlertEngine()
        engine.setRule(try F.rule(for: .zero, routes: Self.routes), scope: scope)
        engine.setNamespaceLabels(["shop": ["team": "payments"], "other": [:]])
        return engine
    }

    private func teamAndChannel(_ decisions: [IncidentDecision]) -> (String?, [String]) {
        let status = F.opened(decisions).first?.status
        return (status?.labels?["team"], status?.deliveries?.map(\.receiver) ?? [])
    }

    @Test func theAnnotationWinsThenTheLabelThenTheNamespace() throws {
        let ownership = Ownership(podAnnotation: "tocsin.dev/team", podLabel: "team", namespaceLabel: "team")
        var annotated = F.crashingPod("api-5f6d-a")
        annotated.ownerAnnotations = ["tocsin.dev/team": "search"]
        annotated.labels["team"] = "checkout"
        var engine = try engine(ownership)
        engine.observe(.pod(annotated), now: F.at(0))
        #expect(teamAndChannel(engine.evaluate(now: F.at(0))) == ("search", ["slack:#alerts"]))

        var labelled = F.crashingPod("web-5f6d-a", workload: "web")
        labelled.labels["team"] = "checkout"
        engine = try self.engine(ownership)
        engine.observe(.pod(labelled), now: F.at(0))
        #expect(teamAndChannel(engine.evaluate(now: F.at(0))) == ("checkout", ["slack:#alerts"]))

        engine = try self.engine(ownership)
        engine.observe(.pod(F.crashingPod("api-5f6d-b")), now: F.at(0))
        #expect(teamAndChannel(engine.evaluate(now: F.at(0))) == ("payments", ["slack:#payments"]))
    }

    @Test func withoutOwnershipOrATeamThereIsNoTeamLabel() throws {
        var engine = AlertEngine()
        var scope = F.scope
        scope.labels = [:]
        engine.setRule(try F.rule(for: .zero, routes: Self.routes), scope: scope)
        engine.setNamespaceLabels(["shop": ["team": "payments"]])
        engine.observe(.pod(F.crashingPod("api-5f6d-a")), now: F.at(0))
        #expect(teamAndChannel(engine.evaluate(now: F.at(0))) == (nil, ["slack:#alerts"]))
    }

    @Test func onlyOwnershipAnnotationsAreKeptFromThePod() throws {
        var pod = Pod(metadata: ObjectMeta(
            name: "p", namespace: "shop",
            annotations: ["tocsin.dev/team": "search", "example.com/owner": "ana",
                "kubectl.kubernetes.io/last-applied-configuration": String(repeating: "x", count: 5_000)]))
        pod.status = PodStatus(phase: "Running")
        #expect(WatchedPod(pod)?.ownerAnnotations == ["tocsin.dev/team": "search", "example.com/owner": "ana"])
    }
}
