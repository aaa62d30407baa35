import Foundation
import KubeCore
import TocsinAPI
import TocsinTesting

/// The Tocsin objects of figures 4–6: namespaces, the Slack token Secret, Monitors, AlertRules, and pods
/// (``PodFixture``'s realistic pods, renamed so each can be its own workload).
enum BenchObjects {
    /// The operator's namespace, privileged: its Monitors may watch other namespaces.
    static let operatorNamespace = "tocsin-system"
    /// The Slack channel every rule posts to (the bot has joined it).
    static let slackChannel = FakeSlackServer.Channel(id: "C0BENCHALRT", name: "bench-alerts")
    /// The Secret holding the bot token, in every namespace that has rules.
    static let slackSecret = "tocsin-slack"

    /// The Tocsin custom resources, registered in the fake before anything is created.
    static let resources = FakeAPIServer.Resource.tocsinResources

    static func resource(_ plural: String) -> FakeAPIServer.Resource {
        FakeAPIServer.Resource.tocsin(plural)
    }

    /// Creates the namespaces (with the operator's) and the Slack token Secret in `ruleNamespace`.
    static func createBase(in server: FakeAPIServer, namespaces: [String], ruleNamespace: String) throws {
        for name in Set(namespaces + [operatorNamespace]).sorted() {
            try server.create(.namespaces, json(Namespace(metadata: ObjectMeta(name: name))))
        }
        try server.create(
            .secrets,
            json(Secret(
                metadata: ObjectMeta(name: slackSecret, namespace: ruleNamespace),
                data: ["bot-token": Data(FakeSlackServer.defaultBotToken.utf8)])))
    }

    /// A Monitor of pods (and `kinds`) in `namespaces` (`nil`: its own namespace).
    static func monitor(
        _ name: String, namespace: String, watching namespaces: [String]?, kinds: [WatchedKind] = [.pod]
    ) -> Monitor {
        Monitor(
            metadata: ObjectMeta(name: name, namespace: namespace),
            spec: MonitorSpec(namespaces: namespaces.map { MonitorNamespaces(names: $0) }, kinds: kinds))
    }

    /// An AlertRule with `for: 0s` posting to ``slackChannel`` with the bot token.
    static func rule(
        _ name: String, namespace: String, monitor: String, condition: AlertCondition.Typed = .podFailed(PodFailedCondition())
    ) -> AlertRule {
        AlertRule(
            metadata: ObjectMeta(name: name, namespace: namespace),
            spec: AlertRuleSpec(
                monitorRef: LocalObjectReference(name: monitor), severity: .critical, condition: AlertCondition(condition),
                for: .seconds(0),
                routes: [Route(slack: SlackReceiver(
                    channel: "#" + slackChannel.name,
                    tokenSecretRef: SecretKeySelector(name: slackSecret, key: "bot-token")))]))
    }

    /// ``PodFixture``'s pod `index`, renamed `<workload>-7d9f8c6b5-<suffix>` in `namespace` and owned by the
    /// ReplicaSet `<workload>-7d9f8c6b5`, so the engine sees it as the one pod of Deployment `<workload>`; with
    /// `failed`, its phase is `Failed` (what `podFailed` fires on).
    static func pod(_ index: Int, workload: String, namespace: String, failed: Bool = false) -> FakeJSON {
        var pod = PodFixture.pod(index).objectValue ?? [:]
        var metadata = pod["metadata"]?.objectValue ?? [:]
        let replicaSet = "\(workload)-7d9f8c6b5"
        metadata["name"] = .string("\(replicaSet)-\(String(index, radix: 36))")
        metadata["generateName"] = .string("\(replicaSet)-")
        metadata["namespace"] = .string(namespace)
        if var owner = metadata["ownerReferences"]?.arrayValue?.first?.objectValue {
            owner["name"] = .string(replicaSet)
            metadata["ownerReferences"] = .array([.object(owner)])
        }
        pod["metadata"] = .object(metadata)
        if failed { pod["status"] = failedStatus(index) }
        return .object(pod)
    }

    /// The body of the kubelet's status update that turns ``pod(_:workload:namespace:failed:)`` `Failed`.
    static func failedStatusUpdate(_ index: Int, workload: String, namespace: String) -> FakeJSON {
        let name = "\(workload)-7d9f8c6b5-\(String(index, radix: 36))"
        return [
            "apiVersion": "v1", "kind": "Pod",
            "metadata": ["name": .string(name), "namespace": .string(namespace)],
            "status": failedStatus(index),
        ]
    }

    /// ``PodFixture``'s status with phase `Failed`, reason `Evicted`.
    static func failedStatus(_ index: Int) -> FakeJSON {
        var status = PodFixture.status(index, restarts: 0).objectValue ?? [:]
        status["phase"] = "Failed"
        status["reason"] = "Evicted"
        status["message"] = "The node was low on resource: memory."
        return .object(status)
    }

    /// `value` as the fake stores it.
    static func json(_ value: some Encodable) throws -> FakeJSON {
        try FakeJSON(jsonData: KubeJSON.makeEncoder().encode(value))
    }
}
