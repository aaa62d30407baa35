import Foundation
import KubeClient
import KubeCore
import KubeRuntime
import Logging
import ServiceLifecycle
import Synchronization
import Testing
import TocsinTesting

/// Stamps every ConfigMap with the identity of the replica that reconciled it, and counts its reconciles.
/// Reconciles of `slow-*` ConfigMaps take `slowDuration`, to prove that graceful shutdown lets them finish.
final class StampingReconciler: Reconciler {
    let identity: String
    let client: KubernetesClient
    let store: Store<ConfigMap>
    let reconciles = Mutex(0)
    let slowDuration: Duration

    init(identity: String, client: KubernetesClient, store: Store<ConfigMap>, slowDuration: Duration) {
        self.identity = identity
        self.client = client
        self.store = store
        self.slowDuration = slowDuration
    }

    func reconcile(_ key: ObjectKey) async throws -> ReconcileResult {
        reconciles.withLock { $0 += 1 }
        guard let configMap = store.object(for: key) else { return .done }
        if key.name.hasPrefix("slow-") { try await Task.sleep(for: slowDuration) }
        guard configMap.metadata.annotations?["tocsin.dev/reconciled-by"] != identity else { return .done }
        _ = try await client.patch(
            ConfigMap.self, name: key.name, namespace: key.namespace,
            patch: .merge(["metadata": ["annotations": ["tocsin.dev/reconciled-by": .string(identity)]]]))
        return .done
    }
}

/// One operator replica: its own client, informers, controller, elector and manager, like a separate pod.
final class Replica: Sendable {
    let identity: String
    let client: KubernetesClient
    let manager: ControllerManager
    let elector: LeaderElector
    let reconciler: StampingReconciler

    init(identity: String, server: FakeAPIServer) throws {
        self.identity = identity
        var logger = Logger(label: "test.replica.\(identity)")
        logger.logLevel = .critical
        client = try KubernetesClient(
            configuration: ClientConfiguration(server: server.baseURL, qps: 0, source: "test"), logger: logger)
        let informers = SharedInformers(client: client, logger: logger)
        let informer = informers.informer(ConfigMap.self, namespaces: .names(["default"]))
        // The subscription's store is filled before its handler runs, so the reconciler reads fresh state.
        let controllerBox = Mutex<Controller?>(nil)
        let subscription = informer.subscribe { event in
            controllerBox.withLock { $0 }?.handlerForObjects(predicate: .generationChanged.or(.labelsChanged))(event)
        }
        reconciler = StampingReconciler(
            identity: identity, client: client, store: subscription.store, slowDuration: .milliseconds(600))
        let controller = Controller(
            name: "stamper", reconciler: reconciler, concurrency: 2, resyncKeys: { subscription.store.keys() },
            drainTimeout: .seconds(5), logger: logger)
        controllerBox.withLock { $0 = controller }
        elector = try LeaderElector(
            configuration: LeaderElectionConfiguration(
                leaseName: "tocsin", namespace: "default", identity: identity, leaseDuration: .seconds(4),
                renewDeadline: .seconds(3), retryPeriod: .milliseconds(200)),
            client: client, logger: logger)
        manager = ControllerManager(
            informers: informers, controllers: [controller], elector: elector,
            waitForCaches: {
                try await subscription.waitUntilSynced()
                // Everything already cached is reconciled once the replica leads.
                for key in subscription.store.keys() { _ = controller.queue.add(key) }
            },
            logger: logger)
    }

    var reconcileCount: Int { reconciler.reconciles.withLock { $0 } }
}

@Suite struct ControllerManagerTests {
    static func annotation(_ server: FakeAPIServer, _ name: String) -> String? {
        server.object(.configMaps, name: name)?["metadata"]?["annotations"]?["tocsin.dev/reconciled-by"]?.stringValue
    }

    static func holder(_ server: FakeAPIServer) -> String? {
        server.object(.leases, name: "tocsin")?["spec"]?["holderIdentity"]?.stringValue
    }

    static func configMap(_ name: String, labels: [String: FakeJSON] = [:]) -> FakeJSON {
        ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": .string(name), "labels": .object(labels)]]
    }

    @Test func onlyTheLeaderReconcilesAndAGracefulShutdownHandsOverAtOnce() async throws {
        let server = try await FakeAPIServer.start()
        let a = try Replica(identity: "replica-a", server: server)
        let b = try Replica(identity: "replica-b", server: server)
        var logger = Logger(label: "test.group")
        logger.logLevel = .critical
        let groupA = ServiceGroup(configuration: .init(services: [a.manager], logger: logger))
        let groupB = ServiceGroup(configuration: .init(services: [b.manager], logger: logger))

        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await groupA.run() }
            #expect(try await eventually { a.elector.isLeader })
            tasks.addTask { try await groupB.run() }

            try server.create(.configMaps, Self.configMap("first"))
            #expect(try await eventually { Self.annotation(server, "first") == "replica-a" })
            #expect(a.manager.hasSyncedCaches)
            // The follower syncs its caches too (it is ready), but does not reconcile.
            #expect(try await eventually { b.manager.hasSyncedCaches })
            #expect(b.elector.isLeader == false)
            #expect(b.reconcileCount == 0)

            // A slow reconcile is in flight when the leader is asked to stop.
            try server.create(.configMaps, Self.configMap("slow-one"))
            #expect(try await eventually { a.reconcileCount >= 2 })
            await groupA.triggerGracefulShutdown()
            // It finishes under the old leader's lease instead of being cut off...
            #expect(try await eventually { Self.annotation(server, "slow-one") == "replica-a" })
            // ...then the lease is released and the other replica takes over without waiting for expiry.
            #expect(try await eventually(attempts: 150) { b.elector.isLeader })
            #expect(Self.holder(server) == "replica-b")
            let lease = try #require(server.object(.leases, name: "tocsin"))
            #expect(lease["spec"]?["leaseTransitions"]?.integerValue == 1)

            // The new leader reconciles changes; the old one does nothing any more.
            let reconcilesOfA = a.reconcileCount
            try server.create(.configMaps, Self.configMap("second"))
            #expect(try await eventually { Self.annotation(server, "second") == "replica-b" })
            #expect(a.reconcileCount == reconcilesOfA)

            await groupB.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
        #expect(Self.holder(server) == "")
        try await a.client.shutdown()
        try await b.client.shutdown()
        await server.shutdown()
    }
}

/// Polls `condition` every 20 ms, up to `attempts` times.
func eventually(attempts: Int = 250, _ condition: () -> Bool) async throws -> Bool {
    for _ in 0..<attempts {
        if condition() { return true }
        try await Task.sleep(for: .milliseconds(20))
    }
    return condition()
}
