import Foundation
import KubeCore
import Testing
import TocsinAPI
import TocsinEngine

/// The `window` of containerOOMKilled in the AlertRule API: decoded, validated (positive, at most 24h), compiled.
@Suite("The containerOOMKilled window in the API")
struct OOMKilledWindowAPITests {
    static func rule(_ condition: ContainerOOMKilledCondition) -> AlertRule {
        AlertRule(
            metadata: ObjectMeta(name: "oom", namespace: "shop"),
            spec: AlertRuleSpec(
                monitorRef: LocalObjectReference(name: "production"), severity: .high,
                condition: AlertCondition(.containerOOMKilled(condition)),
                routes: [Route(slack: SlackReceiver(
                    channel: "#alerts", tokenSecretRef: SecretKeySelector(name: "tocsin-slack", key: "bot-token")))]))
    }

    @Test(arguments: [
        (KubeDuration?.none, []),
        (.hours(24), []),
        (.milliseconds(1), []),
        (.zero, ["spec.condition.containerOOMKilled.window: must be positive"]),
        (.hours(25), ["spec.condition.containerOOMKilled.window: must be at most 1d"]),
    ] as [(KubeDuration?, [String])])
    func windowIsPositiveAndAtMostADay(window: KubeDuration?, errors: [String]) {
        #expect(Self.rule(ContainerOOMKilledCondition(window: window)).validate().map(\.description) == errors)
    }

    @Test func windowDecodesFromTheCondition() throws {
        let json = #"{"containerOOMKilled":{"window":"30m"}}"#
        let condition = try JSONDecoder().decode(AlertCondition.self, from: Data(json.utf8))
        #expect(condition.typed == .containerOOMKilled(ContainerOOMKilledCondition(window: .minutes(30))))
        #expect(try CompiledCondition(condition).historyWindow == .seconds(1800))
    }
}
