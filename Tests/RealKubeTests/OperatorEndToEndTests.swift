import Foundation
import KubeClient
import KubeCore
import Testing
import TocsinAPI
import TocsinTesting

extension RealServer {
    /// The whole operator against the real API server, Slack and Opsgenie faked on loopback.
    @Suite struct OperatorEndToEndTests {
        /// The demo's flow: a pod crash loops → Incident, Slack card, Opsgenie alert → alice acknowledges with a
        /// Slack click → card and alert follow → the pod recovers → resolved everywhere; each sent exactly once.
        @Test func crashLoopFiresPagesIsAcknowledgedInSlackAndResolves() async throws {
            try await OperatorHarness.with("crashloop") { harness in
                try await harness.apply(harness.rule("api-crashlooping", condition: "{podCrashLooping: {lookback: 1m}}"))
                _ = try await harness.controlPlane.createPod(
                    "api-1", namespace: harness.namespace, labels: ["app": "api"], client: harness.client)
                _ = try await harness.controlPlane.writePodStatus(
                    "api-1", namespace: harness.namespace, status: KubeControlPlane.podStatus(), client: harness.client)
                try await harness.runOperator { assembly in
                    try await harness.waitForSync(assembly)
                    _ = try await harness.controlPlane.writePodStatus(
                        "api-1", namespace: harness.namespace,
                        status: KubeControlPlane.podStatus(isCrashLooping: true, restarts: 4), client: harness.client)
                    let firing = try await harness.incident(of: "api-crashlooping", in: .firing)
                    #expect(firing.status?.severity == .critical)
                    #expect(firing.status?.paged?.map(\.name) == ["alice"])
                    #expect(firing.metadata.ownerReferences?.first?.kind == "AlertRule")
                    let post = try await eventually("the Slack card") { harness.slack.messages(in: OperatorHarness.channelID).first }
                    _ = try await eventually("the Opsgenie alert") {
                        harness.opsgenie.requests.first { $0.method == "POST" && $0.path == "/v2/alerts" }
                    }
                    let port = try #require(assembly.boundPort)
                    try await harness.click(
                        "tocsin_acknowledge", incident: firing.metadata.name ?? "", messageTS: post.ts, port: port)
                    let acknowledged = try await harness.incident(of: "api-crashlooping", in: .acknowledged)
                    #expect(acknowledged.status?.acknowledgedBy?.contains("alice") == true)
                    _ = try await eventually("the Opsgenie acknowledge") {
                        harness.opsgenie.requests.first { $0.method == "POST" && $0.path.hasSuffix("/acknowledge") }
                    }
                    _ = try await harness.controlPlane.writePodStatus(
                        "api-1", namespace: harness.namespace, status: KubeControlPlane.podStatus(restarts: 4),
                        client: harness.client)
                    // Resolved once the 1-minute lookback has passed without CrashLoopBackOff.
                    let resolved = try await harness.incident(of: "api-crashlooping", in: .resolved, timeout: .seconds(180))
                    #expect(resolved.metadata.name == firing.metadata.name)
                    _ = try await eventually("the Opsgenie close") {
                        harness.opsgenie.requests.first { $0.method == "POST" && $0.path.hasSuffix("/close") }
                    }
                    let card = try await eventually("the resolved card") {
                        harness.slack.requests(apiMethod: "chat.update").count >= 2 ? harness.slack.requests(apiMethod: "chat.update").last : nil
                    }
                    #expect(String(decoding: card.rawBody, as: UTF8.self).contains("white_check_mark"))
                    // Exactly one card and one alert: no duplicate from a watch replay or a status conflict.
                    #expect(harness.slack.messages(in: OperatorHarness.channelID).count == 1)
                    #expect(harness.opsgenie.requests.filter { $0.method == "POST" && $0.path == "/v2/alerts" }.count == 1)
                    #expect(harness.opsgenie.requests.filter { $0.method == "POST" && $0.path.hasSuffix("/close") }.count == 1)
                }
                // Statuses as the server stores them.
                for (resource, name) in [(ResourceType.monitors, "shop"), (.alertRules, "api-crashlooping"), (.onCallSchedules, "primary")] {
                    let stored = try await harness.client.get(
                        GenericObject.self, name: name, namespace: harness.namespace, resource: resource)
                    let ready = stored["status"]?["conditions"]?.arrayValue?.first { $0["type"] == "Ready" }
                    #expect(ready?["status"] == "True", "\(resource.kind)/\(name): \(String(describing: stored["status"]))")
                    #expect(stored["status"]?["observedGeneration"]?.int64Value == stored.metadata.generation)
                }
            }
        }

        /// A node whose kubelet reports NotReady opens an incident; Ready again resolves it.
        @Test func aNodeNotReadyFiresAndResolves() async throws {
            try await OperatorHarness.with("node") { harness in
                let node = "node-" + harness.namespace
                try await harness.apply(harness.rule("node-not-ready", condition: "{nodeNotReady: {}}", severity: "high"))
                _ = try await harness.controlPlane.createNode(node, client: harness.client)
                try await harness.runOperator { assembly in
                    try await harness.waitForSync(assembly)
                    _ = try await harness.controlPlane.writeNodeReady(node, isReady: false, client: harness.client)
                    let firing = try await harness.incident(of: "node-not-ready", in: .firing)
                    #expect(firing.status?.affectedObjects?.contains { $0.name == node } == true)
                    _ = try await harness.controlPlane.writeNodeReady(node, isReady: true, client: harness.client)
                    _ = try await harness.incident(of: "node-not-ready", in: .resolved)
                }
                try await harness.client.delete(Node.self, name: node)
            }
        }

        /// Warning events, from core/v1 and from events.k8s.io/v1, counted within a window.
        @Test func warningEventsFromBothEventAPIsFire() async throws {
            try await OperatorHarness.with("events") { harness in
                try await harness.apply(
                    harness.rule(
                        "mount-failures", condition: "{warningEvent: {reasons: [FailedMount], minCount: 2, window: 10m}}",
                        severity: "moderate"))
                let pod = try await harness.controlPlane.createPod("db-1", namespace: harness.namespace, client: harness.client)
                let reference = ObjectReference(
                    kind: "Pod", namespace: harness.namespace, name: "db-1", uid: pod.metadata.uid, apiVersion: "v1")
                try await harness.runOperator { assembly in
                    try await harness.waitForSync(assembly)
                    _ = try await harness.controlPlane.createEvent(
                        about: reference, reason: "FailedMount", message: "timed out waiting for volume",
                        namespace: harness.namespace, client: harness.client)
                    _ = try await harness.controlPlane.createEventsV1Event(
                        about: reference, reason: "FailedMount", note: "MountVolume.SetUp failed",
                        namespace: harness.namespace, client: harness.client)
                    let firing = try await harness.incident(of: "mount-failures", in: .firing)
                    #expect(firing.status?.severity == .moderate)
                }
            }
        }

        /// `kubectl annotate incident … tocsin.dev/acknowledge=bob` acknowledges, and the annotation is consumed.
        @Test func aKubectlAnnotationAcknowledges() async throws {
            try await OperatorHarness.with("annotate") { harness in
                try await harness.apply(harness.rule("pod-failed", condition: "{podFailed: {}}", severity: "low"))
                _ = try await harness.controlPlane.createPod("job-1", namespace: harness.namespace, client: harness.client)
                try await harness.runOperator { assembly in
                    try await harness.waitForSync(assembly)
                    try await harness.failPod("job-1")
                    let firing = try await harness.incident(of: "pod-failed", in: .firing)
                    _ = try await harness.client.patch(
                        Incident.self, name: firing.metadata.name ?? "", namespace: harness.namespace,
                        patch: .merge(["metadata": ["annotations": ["tocsin.dev/acknowledge": "bob"]]]))
                    let acknowledged = try await harness.incident(of: "pod-failed", in: .acknowledged)
                    #expect(acknowledged.status?.acknowledgedBy?.contains("bob") == true)
                    let stored = try await eventually("the annotation to be consumed") {
                        let incident = try await harness.client.get(
                            Incident.self, name: firing.metadata.name ?? "", namespace: harness.namespace)
                        return incident.metadata.annotations?["tocsin.dev/acknowledge"] == nil ? incident : nil
                    }
                    #expect(stored.status?.phase == .acknowledged)
                }
            }
        }

        /// An HTTP probe to a port nothing listens on is down; the probe result is in the Monitor's status.
        @Test func anHTTPProbeToAClosedPortFires() async throws {
            try await OperatorHarness.with("probe") { harness in
                try await harness.applyClosedPortProbe(consecutiveFailures: 1)
                try await harness.runOperator { _ in
                    let firing = try await harness.incident(of: "api-down", in: .firing)
                    #expect(firing.status?.severity == .critical)
                    let monitor = try await eventually("the probe result in the Monitor's status") {
                        let stored = try await harness.client.get(
                            GenericObject.self, name: "api-probe", namespace: harness.namespace, resource: .monitors)
                        return stored["status"]?["probes"]?.arrayValue?.first { $0["name"] == "api" }
                    }
                    #expect(monitor["up"] == false, "\(monitor)")
                    // A refused connection got no response: no latency, but the error.
                    #expect(monitor["latency"] == nil, "\(monitor)")
                    #expect(monitor["lastError"]?.stringValue?.isEmpty == false, "\(monitor)")
                }
            }
        }
    }
}

