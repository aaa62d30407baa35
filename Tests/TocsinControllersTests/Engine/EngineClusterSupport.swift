import Foundation
import KubeClient
import KubeCore
import KubeRuntime
import Logging
import Synchronization
import TocsinAPI
import TocsinControllers
import TocsinTesting

/// Fixtures of the engine wiring tests: a `shop` namespace with a Monitor and a crash-loop rule.
enum EngineClusterFixtures {
    static let epoch = Date(timeIntervalSince1970: 1_790_000_000)

    static func monitor() -> FakeJSON {
        [
            "apiVersion": "tocsin.dev/v1alpha1", "kind": "Monitor",
            "metadata": ["name": "shop", "namespace": "shop"], "spec": ["kinds": ["Pod"], "labels": ["team": "payments"]],
        ]
    }

    static func rule() -> FakeJSON {
        [
            "apiVersion": "tocsin.dev/v1alpha1", "kind": "AlertRule",
            "metadata": ["name": "crash", "namespace": "shop"],
            "spec": [
                "monitorRef": ["name": "shop"], "severity": "high", "condition": ["podCrashLooping": [:]],
                "for": "0s", "routes": [["slack": ["channel": "#shop", "tokenSecretRef": ["name": "slack", "key": "token"]]]],
            ],
        ]
    }

    static func pod(_ name: String, crashing: Bool) throws -> FakeJSON {
        var pod = Pod(metadata: ObjectMeta(
            name: name, namespace: "shop", labels: ["app": "api", "pod-template-hash": "5f6d"],
            ownerReferences: [OwnerReference(apiVersion: "apps/v1", kind: "ReplicaSet", name: "api-5f6d", uid: "rs-1", controller: true)]))
        pod.status = PodStatus(
            phase: "Running",
            conditions: [PodCondition(type: "Ready", status: crashing ? "False" : "True")],
            containerStatuses: [ContainerStatus(
                name: "app", ready: !crashing, restartCount: 4,
                state: crashing
                    ? ContainerState(waiting: ContainerState.Waiting(reason: "CrashLoopBackOff", message: "back-off 1m20s"))
                    : ContainerState(running: ContainerState.Running()))])
        return try FakeJSON(jsonData: try JSONEncoder().encode(pod))
    }
}

/// Runs informers, the Monitor controller and the alert engine service against `server` until `body` returns.
func withRunningEngine(
    server: FakeAPIServer, client: KubernetesClient, events: EventRecorder, clock wall: TestWallClock,
    _ body: (AlertEngineParts) async throws -> Void
) async throws {
    let informers = SharedInformers(client: client, logger: quietLogger("test.engine.informers"))
    let inbox = EngineInbox()
    let monitors = Controller.monitors(
        client: client, informers: informers, events: events, policy: .operatorNamespaceOnly("tocsin-system"),
        inbox: inbox, now: { wall.now })
    let engine = AlertEngineService.make(
        client: client, informers: informers, inbox: inbox, monitors: monitors, now: { wall.now },
        logger: quietLogger("test.engine"))
    try await withThrowingTaskGroup(of: Void.self) { group in
        group.addTask { try await informers.run() }
        try await monitors.waitUntilSynced()
        try await engine.waitUntilSynced()
        group.addTask { try await monitors.controller.run() }
        group.addTask { try await engine.service.run() }
        try await body(engine)
        group.cancelAll()
    }
}
