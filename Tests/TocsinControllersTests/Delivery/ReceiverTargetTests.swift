import Foundation
import KubeCore
import Testing
import TocsinAPI
@testable import TocsinControllers

@Suite("Which route's receiver an Incident's delivery uses")
struct ReceiverTargetTests {
    static func opsgenie(_ key: String) -> OpsgenieReceiver {
        OpsgenieReceiver(apiKeySecretRef: SecretKeySelector(name: key, key: "api-key"), region: .eu)
    }

    static func slack(_ secret: String) -> SlackReceiver {
        SlackReceiver(channel: "#alerts", tokenSecretRef: SecretKeySelector(name: secret, key: "token"))
    }

    static let spec = AlertRuleSpec(
        monitorRef: LocalObjectReference(name: "m"), severity: .high,
        condition: AlertCondition(.podFailed(PodFailedCondition())),
        routes: [
            Route(match: RouteMatch(labels: ["team": "payments"]), slack: slack("payments-slack"), opsgenie: opsgenie("payments-og")),
            Route(match: RouteMatch(labels: ["team": "search"]), slack: slack("search-slack"), opsgenie: opsgenie("search-og")),
            Route(slack: SlackReceiver(channel: "#catch-all", tokenSecretRef: SecretKeySelector(name: "ops", key: "token"))),
        ])

    static func incident(team: String?, severity: Severity = .high) -> Incident {
        Incident(
            metadata: ObjectMeta(name: "i", namespace: "shop"),
            spec: IncidentSpec(alertRuleRef: LocalObjectReference(name: "r"), fingerprint: "fp"),
            status: IncidentStatus(
                phase: .firing, severity: severity, labels: team.map { ["team": $0] }, startTime: Timestamp(Date(timeIntervalSince1970: 0))))
    }

    @Test(arguments: [("payments", "payments-og", "payments-slack"), ("search", "search-og", "search-slack")])
    func theMatchedRouteWins(team: String, opsgenieSecret: String, slackSecret: String) {
        let incident = Self.incident(team: team)
        #expect(ReceiverTarget.resolve("opsgenie", in: Self.spec, for: incident) == .opsgenie(Self.opsgenie(opsgenieSecret)))
        #expect(ReceiverTarget.resolve("slack:#alerts", in: Self.spec, for: incident)
            == .slackBot(Self.slack(slackSecret), token: SecretKeySelector(name: slackSecret, key: "token")))
    }

    @Test func aReceiverTheMatchedRouteLacksComesFromTheFirstRouteThatHasIt() {
        // The incident now matches the catch-all route (no Opsgenie); its Opsgenie delivery was added earlier.
        let incident = Self.incident(team: "other")
        #expect(ReceiverTarget.resolve("opsgenie", in: Self.spec, for: incident) == .opsgenie(Self.opsgenie("payments-og")))
        #expect(ReceiverTarget.resolve("slack:#nowhere", in: Self.spec, for: incident) == nil)
    }
}
