import Foundation
import KubeCore
import Testing
import TocsinAPI
import TocsinEngine

@Suite("Alert engine: grouping, lifecycle and incidents")
struct AlertEngineTests {
    typealias F = EngineFixtures

    private func engine(_ rule: CompiledRule) -> AlertEngine {
        var engine = AlertEngine()
        engine.setRule(rule, scope: F.scope)
        engine.setDirectory(F.directory, namespace: "shop")
        return engine
    }

    @Test func podsOfOneWorkloadOpenOneIncidentAfterThePendingDuration() throws {
        var engine = engine(try F.rule())
        engine.observe(.pod(F.crashingPod("api-5f6d-a")), now: F.at(0))
        engine.observe(.pod(F.crashingPod("api-5f6d-b", restarts: 9)), now: F.at(0))
        engine.observe(.pod(F.healthyPod("web-1", workload: "web")), now: F.at(0))
        #expect(engine.evaluate(now: F.at(0)).isEmpty)
        #expect(engine.groupCounts(namespace: "shop", rule: "crash") == (pending: 1, firing: 0))
        #expect(engine.nextDeadline() == F.at(5))  // the crash-loop lookback of the sightings ends first
        #expect(engine.evaluate(now: F.at(14)).isEmpty)

        let decisions = engine.evaluate(now: F.at(15))
        let incident = try #require(F.opened(decisions).first)
        #expect(decisions.count == 1)
        let fingerprint = Fingerprint.of(
            ruleNamespace: "shop", ruleName: "crash", groupLabels: ["namespace": "shop", "workload": "Deployment/api"])
        let name = Fingerprint.incidentName(ruleName: "crash", fingerprint: fingerprint, startTime: F.at(15))
        #expect(decisions[0].name == name)
        #expect(incident.metadata.name == name)
        #expect(incident.metadata.namespace == "shop")
        #expect(incident.metadata.labels == ["tocsin.dev/alertrule": "crash", "tocsin.dev/fingerprint": fingerprint])
        #expect(incident.metadata.ownerReferences == [
            OwnerReference(apiVersion: "tocsin.dev/v1alpha1", kind: "AlertRule", name: "crash", uid: "uid-crash", controller: true)
        ])
        #expect(incident.spec == IncidentSpec(
            alertRuleRef: LocalObjectReference(name: "crash"), fingerprint: fingerprint,
            groupLabels: ["namespace": "shop", "workload": "Deployment/api"]))
        let status = try #require(incident.status)
        #expect(status.phase == .firing)
        #expect(status.severity == .high)
        #expect(status.subject == "Deployment/api")
        #expect(status.summary == "Deployment/api is crash looping")
        #expect(status.startTime == Timestamp(F.at(15)))
        #expect(status.affectedObjectCount == 2)
        #expect(status.affectedObjects?.map(\.name) == ["api-5f6d-a", "api-5f6d-b"])
        #expect(status.value == "9")
        #expect(status.labels?["team"] == "payments")
        #expect(status.labels?["workload"] == "Deployment/api")
        #expect(status.labels?["namespace"] == "shop")
        #expect(status.labels?["container"] == "app")
        #expect(status.paged?.count == 1)
        #expect(status.paged?.first?.schedule == "primary")
        #expect(status.paged?.first?.escalationLevel == 0)
        #expect(status.paged == F.directory.page(schedule: "primary", at: F.at(15), level: 0))
        #expect(status.deliveries?.map(\.receiver) == ["slack:#shop-alerts"])
        #expect(status.deliveries?.first?.pending?.map(\.action) == [.create])
        #expect(status.timeline?.map(\.type) == [.fired])
        // Nothing more while nothing changes.
        #expect(engine.evaluate(now: F.at(16)).isEmpty)
        #expect(engine.groupCounts(namespace: "shop", rule: "crash") == (pending: 0, firing: 1))
    }

    @Test func aThirdPodRefreshesTheIncidentAndRecoveryResolvesIt() throws {
        var engine = engine(try F.rule(for: .zero))
        engine.observe(.pod(F.crashingPod("api-5f6d-a")), now: F.at(0))
        let name = try #require(engine.evaluate(now: F.at(0)).first?.name)
        engine.observe(.pod(F.crashingPod("api-5f6d-c")), now: F.at(1))
        let refresh = engine.evaluate(now: F.at(1))
        guard case .refresh(let content)? = refresh.first?.change else {
            Issue.record("expected a refresh, got \(refresh)")
            return
        }
        #expect(refresh.map(\.name) == [name])
        #expect(content.affectedObjectCount == 2)

        // Both recover; the crash-loop lookback (5m) keeps them matching until it ends.
        engine.observe(.pod(F.healthyPod("api-5f6d-a")), now: F.at(2))
        engine.observe(.pod(F.healthyPod("api-5f6d-c")), now: F.at(2))
        #expect(engine.evaluate(now: F.at(2)).isEmpty)
        let resolved = engine.evaluate(now: F.at(7))
        #expect(resolved == [IncidentDecision(
            namespace: "shop", name: name,
            change: .resolve(actor: "tocsin", message: IncidentStatus.conditionClearedMessage))])
        #expect(engine.groupCounts(namespace: "shop", rule: "crash") == (pending: 0, firing: 0))
    }

    @Test func aDeletedPodLeavesItsGroup() throws {
        var engine = engine(try F.rule(for: .zero))
        engine.observe(.pod(F.crashingPod("api-5f6d-a")), now: F.at(0))
        let name = try #require(engine.evaluate(now: F.at(0)).first?.name)
        engine.observe(.deleted(ObservedObjectID(kind: .pod, namespace: "shop", name: "api-5f6d-a")), now: F.at(1))
        #expect(engine.evaluate(now: F.at(1)).map(\.name) == [name])
    }

    @Test func aRestartedEngineRebuiltFromIncidentsSendsNothingTwiceAndLosesNothing() throws {
        let rule = try F.rule(for: .zero)
        var first = engine(rule)
        for pod in ["api-5f6d-a", "api-5f6d-b"] { first.observe(.pod(F.crashingPod(pod)), now: F.at(0)) }
        var incident = try #require(F.opened(first.evaluate(now: F.at(0))).first)
        incident.metadata.resourceVersion = "42"

        // A new leader: rules, the Incident from the API, the cached pods — in any order.
        var second = AlertEngine()
        second.restore([incident])
        second.setRule(rule, scope: F.scope)
        second.setDirectory(F.directory, namespace: "shop")
        for pod in ["api-5f6d-a", "api-5f6d-b"] { second.observe(.pod(F.crashingPod(pod)), now: F.at(3)) }
        #expect(second.evaluate(now: F.at(3)).isEmpty)
        #expect(second.groupCounts(namespace: "shop", rule: "crash") == (pending: 0, firing: 1))

        // The condition clears: the restored incident (not a new one) resolves.
        for pod in ["api-5f6d-a", "api-5f6d-b"] { second.observe(.pod(F.healthyPod(pod)), now: F.at(4)) }
        let resolved = second.evaluate(now: F.at(10))
        #expect(resolved.map(\.name) == [incident.metadata.name])
        #expect(resolved.first.map { if case .resolve = $0.change { true } else { false } } == true)
    }

    @Test func anIncidentWhoseConditionClearedWhileNobodyWasLeaderResolvesAfterRestore() throws {
        let rule = try F.rule(for: .zero)
        var first = engine(rule)
        first.observe(.pod(F.crashingPod("api-5f6d-a")), now: F.at(0))
        let incident = try #require(F.opened(first.evaluate(now: F.at(0))).first)

        var second = AlertEngine()
        second.setRule(rule, scope: F.scope)
        second.restore([incident])
        second.observe(.pod(F.healthyPod("api-5f6d-a")), now: F.at(30))
        // Once the new leader's pod history covers the crash-loop lookback (5m), not before.
        #expect(second.evaluate(now: F.at(30)).isEmpty)
        #expect(second.evaluate(now: F.at(35)).map(\.name) == [incident.metadata.name])
    }

    @Test func acknowledgedIncidentsRestoreAsAcknowledgedAndDoNotEscalate() throws {
        let rule = try F.rule(
            for: .zero, escalation: [EscalationStep(after: .minutes(10), onCallScheduleRef: LocalObjectReference(name: "secondary"))])
        var first = engine(rule)
        first.observe(.pod(F.crashingPod("api-5f6d-a")), now: F.at(0))
        var incident = try #require(F.opened(first.evaluate(now: F.at(0))).first)
        try incident.status?.acknowledge(by: "alice", now: F.at(1))

        var second = engine(rule)
        second.restore([incident])
        second.observe(.pod(F.crashingPod("api-5f6d-a")), now: F.at(20))
        #expect(second.evaluate(now: F.at(20)).isEmpty)
    }

    @Test func escalationPagesTheNextScheduleRaisesSeverityAndAddsTheCriticalRoute() throws {
        let routes = [
            Route(match: RouteMatch(severities: [.critical]), opsgenie: OpsgenieReceiver(apiKeySecretRef: SecretKeySelector(name: "og", key: "key")), onCallScheduleRef: LocalObjectReference(name: "primary")),
            Route(slack: SlackReceiver(channel: "#shop-alerts", tokenSecretRef: SecretKeySelector(name: "slack", key: "token")), onCallScheduleRef: LocalObjectReference(name: "primary")),
        ]
        let rule = try F.rule(
            for: .zero, routes: routes,
            escalation: [EscalationStep(after: .minutes(10), onCallScheduleRef: LocalObjectReference(name: "secondary"), severity: .critical)])
        var engine = engine(rule)
        engine.observe(.pod(F.crashingPod("api-5f6d-a")), now: F.at(0))
        var incident = try #require(F.opened(engine.evaluate(now: F.at(0))).first)
        #expect(incident.status?.deliveries?.map(\.receiver) == ["slack:#shop-alerts"])
        #expect(engine.nextDeadline() == F.at(5))
        engine.observe(.pod(F.crashingPod("api-5f6d-a")), now: F.at(9))
        #expect(engine.evaluate(now: F.at(9)).isEmpty)

        let escalation = engine.evaluate(now: F.at(10))
        let carol = PagedParticipant(
            name: "carol", slackUserID: "U0CAROL", schedule: "secondary", escalationLevel: 1, pagedTime: Timestamp(F.at(10)))
        let fingerprint = try #require(incident.spec.fingerprint as String?)
        #expect(escalation == [IncidentDecision(
            namespace: "shop", name: try #require(incident.metadata.name),
            change: .escalate(
                level: 1, severity: .critical, paged: [carol],
                receivers: [ReceiverDelivery(receiver: "opsgenie", type: .opsgenie, opsgenie: OpsgenieAlertReference(alias: fingerprint))],
                actor: "tocsin"))])

        var status = try #require(incident.status)
        status.apply(try #require(escalation.first?.change), now: F.at(10))
        #expect(status.severity == .critical)
        #expect(status.escalationLevel == 1)
        #expect(status.paged?.last == carol)
        #expect(status.deliveries?.map(\.receiver) == ["slack:#shop-alerts", "opsgenie"])
        #expect(status.deliveries?.map { $0.pending?.map(\.action) ?? [] } == [[.create, .escalate], [.create, .escalate]])
        #expect(status.timeline?.last?.message == "Escalated to level 1; paged carol (severity critical)")
        incident.status = status
    }

    @Test func summaryTemplatesSeeLabelsValueAndObjects() throws {
        let rule = try F.rule(
            for: .zero,
            summary: "{{ .labels.namespace }}/{{ .labels.workload }}: {{ .count }} pods, max {{ .value }} restarts ({{ range .objects }}{{ .name }} {{ end }})")
        var engine = engine(rule)
        engine.observe(.pod(F.crashingPod("api-5f6d-a", restarts: 3)), now: F.at(0))
        engine.observe(.pod(F.crashingPod("api-5f6d-b", restarts: 7)), now: F.at(0))
        let status = try #require(F.opened(engine.evaluate(now: F.at(0))).first?.status)
        #expect(status.summary == "shop/Deployment/api: 2 pods, max 7 restarts (api-5f6d-a api-5f6d-b )")
    }

    @Test func aRuleWithAnInvalidTemplateDoesNotCompile() {
        #expect(throws: RuleCompileError.self) { try F.rule(summary: "{{ .labels.namespace ") }
    }
}

@Suite("Windows ending without any new observation")
struct EngineExpiryTests {
    typealias F = EngineFixtures

    @Test func manyPodsStopCrashLoopingWhenTheirLookbackEndsAndTheDeadlineIsLive() throws {
        var engine = AlertEngine()
        engine.setRule(try F.rule(for: .zero), scope: F.scope)
        for index in 0..<200 {
            engine.observe(.pod(F.crashingPod("api-5f6d-\(index)", workload: "w\(index % 10)")), now: F.at(0))
        }
        #expect(engine.evaluate(now: F.at(0)).count == 10)
        for round in 1...3 {  // repeated observations push fresh expiries and leave stale ones behind
            for index in 0..<200 {
                engine.observe(.pod(F.healthyPod("api-5f6d-\(index)", workload: "w\(index % 10)")), now: F.at(Double(round) / 10))
            }
            #expect(engine.evaluate(now: F.at(Double(round) / 10)).isEmpty)
        }
        // The lookback runs from the first observation that saw them recovered (0.1m).
        #expect(engine.nextDeadline() == F.at(5.1))
        #expect(engine.evaluate(now: F.at(5)).isEmpty)
        let resolved = engine.evaluate(now: F.at(5.1))
        #expect(resolved.count == 10)
        #expect(resolved.allSatisfy { if case .resolve = $0.change { true } else { false } })
        #expect(engine.nextDeadline() == nil)
    }
}

@Suite("Probe results through the engine")
struct EngineProbeTests {
    typealias F = EngineFixtures

    private func result(failures: Int, at minutes: Double) -> ProbeResult {
        ProbeResult(
            isUp: failures == 0, statusCode: failures == 0 ? 200 : 503, latency: .milliseconds(40),
            checkedAt: F.at(minutes), lastTransitionAt: F.at(0), error: failures == 0 ? nil : "HTTP 503",
            consecutiveFailures: failures, consecutiveSuccesses: failures == 0 ? 1 : 0)
    }

    @Test func aProbeDownForThreeChecksOpensAnIncidentPerProbeAndRecoveryResolvesIt() throws {
        var engine = AlertEngine()
        engine.setRule(try F.rule("checkout-down", condition: .probeDown(ProbeDownCondition())), scope: F.scope)
        let probe = { (failures: Int, minutes: Double) in
            WatchedProbe(
                namespace: "shop", monitor: "shop", probe: "checkout", url: "https://shop.example.com/health",
                result: result(failures: failures, at: minutes))
        }
        // Another Monitor's probe is not this rule's business.
        engine.observe(
            .probe(WatchedProbe(namespace: "shop", monitor: "other", probe: "checkout", url: "https://x", result: result(failures: 9, at: 0))),
            now: F.at(0))
        engine.observe(.probe(probe(2, 1)), now: F.at(1))
        #expect(engine.evaluate(now: F.at(1)).isEmpty)
        engine.observe(.probe(probe(3, 2)), now: F.at(2))
        let opened = F.opened(engine.evaluate(now: F.at(2)))
        let status = try #require(opened.first?.status)
        #expect(opened.count == 1)
        #expect(opened.first?.spec.groupLabels == ["probe": "checkout"])
        #expect(status.subject == "checkout")
        #expect(status.summary == "Probe checkout is down")
        #expect(status.labels?["url"] == "https://shop.example.com/health")
        #expect(status.affectedObjects?.first?.kind == "Monitor")
        engine.observe(.probe(probe(0, 3)), now: F.at(3))
        let resolved = engine.evaluate(now: F.at(3))
        #expect(resolved.map(\.name) == [opened.first?.metadata.name])
    }
}

@Suite("Crash-loop lookback runs from when the container left CrashLoopBackOff")
struct CrashLoopLookbackTests {
    typealias F = EngineFixtures

    @Test func aLongCrashLoopStillHoldsForTheLookbackAfterRecovery() throws {
        var engine = AlertEngine()
        engine.setRule(try F.rule(for: .zero), scope: F.scope)
        engine.observe(.pod(F.crashingPod("api-5f6d-a")), now: F.at(0))
        let name = try #require(engine.evaluate(now: F.at(0)).first?.name)
        // Crash looping for 30 minutes without a change of the object, then it recovers.
        #expect(engine.evaluate(now: F.at(30)).isEmpty)
        engine.observe(.pod(F.healthyPod("api-5f6d-a")), now: F.at(30))
        #expect(engine.evaluate(now: F.at(30)).isEmpty)
        #expect(engine.evaluate(now: F.at(34)).isEmpty)
        #expect(engine.nextDeadline() == F.at(35))
        #expect(engine.evaluate(now: F.at(35)).map(\.name) == [name])
    }
}
