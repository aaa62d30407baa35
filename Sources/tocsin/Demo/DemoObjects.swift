import Foundation
import KubeCore
import TocsinAPI
import TocsinTesting

/// The objects of the demo's simulated cluster: a `shop` namespace with a Deployment's pod, the Secrets with the
/// (fake) Slack and Opsgenie credentials, a Monitor, an OnCallSchedule and an AlertRule.
enum DemoObjects {
    static let namespace = "shop"
    static let podName = "api-5f6d9c7b8-x7k2p"
    static let ruleName = "api-crashlooping"
    static let channel = "#shop-alerts"
    static let channelID = "C0SHOPALRT"
    static let slackToken = FakeSlackServer.defaultBotToken
    static let opsgenieKey = "demo-opsgenie-key"
    static let signingSecret = "demo-signing-secret"
    static let alice = (name: "alice", slackUserID: "U0ALICE01", opsgenie: "alice@example.com")

    /// The Tocsin custom resources, registered in the fake before anything is created.
    static let resources = FakeAPIServer.Resource.tocsinResources

    static func resource(_ plural: String) -> FakeAPIServer.Resource {
        FakeAPIServer.Resource.tocsin(plural)
    }

    /// Creates everything in `server`, the rule's Opsgenie route pointing at `opsgenieURL`.
    static func create(in server: FakeAPIServer, opsgenieURL: String, start: Date) throws {
        for name in [namespace, "tocsin-system"] {
            try server.create(.namespaces, json(Namespace(metadata: ObjectMeta(name: name))))
        }
        try server.create(.secrets, json(secret("tocsin-slack", key: "bot-token", value: slackToken)))
        try server.create(.secrets, json(secret("tocsin-opsgenie", key: "api-key", value: opsgenieKey)))
        try server.create(resource("monitors"), json(Monitor(
            metadata: ObjectMeta(name: "shop", namespace: namespace),
            spec: MonitorSpec(kinds: [.pod], labels: ["team": "payments"]))))
        try server.create(resource("oncallschedules"), json(schedule(start: start)))
        try server.create(resource("alertrules"), json(rule(opsgenieURL: opsgenieURL)))
        try server.create(.pods, json(pod(crashing: false)))
    }

    static func schedule(start: Date) -> OnCallSchedule {
        OnCallSchedule(
            metadata: ObjectMeta(name: "payments-primary", namespace: namespace),
            spec: OnCallScheduleSpec(
                timeZone: "Europe/Amsterdam",
                rotations: [Rotation(
                    name: "weekly",
                    participants: [
                        Participant(name: alice.name, slackUserID: alice.slackUserID, opsgenieUser: alice.opsgenie),
                        Participant(name: "bob", slackUserID: "U0BOB0001", opsgenieUser: "bob@example.com"),
                    ],
                    shiftLength: .weeks(1), handoffTime: "09:00",
                    start: Timestamp(start.addingTimeInterval(-3 * 86_400)))]))
    }

    static func rule(opsgenieURL: String) -> AlertRule {
        AlertRule(
            metadata: ObjectMeta(name: ruleName, namespace: namespace),
            spec: AlertRuleSpec(
                monitorRef: LocalObjectReference(name: "shop"), severity: .critical,
                condition: AlertCondition(.podCrashLooping(PodCrashLoopingCondition(lookback: .minutes(1)))),
                for: .minutes(1),
                summary: "{{ .labels.workload }} in {{ .labels.namespace }} is crash looping",
                routes: [Route(
                    slack: SlackReceiver(channel: channel, tokenSecretRef: SecretKeySelector(name: "tocsin-slack", key: "bot-token")),
                    opsgenie: OpsgenieReceiver(
                        apiKeySecretRef: SecretKeySelector(name: "tocsin-opsgenie", key: "api-key"), baseURL: opsgenieURL),
                    onCallScheduleRef: LocalObjectReference(name: "payments-primary"))]))
    }

    static func pod(crashing: Bool) -> Pod {
        var pod = Pod(metadata: ObjectMeta(
            name: podName, namespace: namespace, labels: ["app": "api", "pod-template-hash": "5f6d9c7b8"],
            ownerReferences: [OwnerReference(
                apiVersion: "apps/v1", kind: "ReplicaSet", name: "api-5f6d9c7b8", uid: "rs-api", controller: true)]))
        pod.spec = PodSpec(nodeName: "node-a", containers: [Container(name: "api", image: "shop/api:1.42")])
        pod.status = PodStatus(
            phase: "Running", conditions: [PodCondition(type: "Ready", status: crashing ? "False" : "True")],
            containerStatuses: [ContainerStatus(
                name: "api", ready: !crashing, restartCount: crashing ? 3 : 0,
                state: crashing
                    ? ContainerState(waiting: ContainerState.Waiting(
                        reason: "CrashLoopBackOff", message: "back-off 40s restarting failed container=api"))
                    : ContainerState(running: ContainerState.Running()),
                lastState: crashing
                    ? ContainerState(terminated: ContainerState.Terminated(exitCode: 1, reason: "Error")) : nil)])
        return pod
    }

    static func secret(_ name: String, key: String, value: String) -> Secret {
        Secret(metadata: ObjectMeta(name: name, namespace: namespace), data: [key: Data(value.utf8)])
    }

    static func json(_ value: some Encodable) throws -> FakeJSON {
        try FakeJSON(jsonData: KubeJSON.makeEncoder().encode(value))
    }
}
