import Foundation
import KubeClient
import KubeCore
import KubeRuntime
import Testing
import TocsinAPI
import TocsinControllers
import TocsinTesting

/// `/readyz`'s "monitor-watches-synced" check: the watches the Monitors ask for must have listed.
@Suite("Readiness of the Monitors' watches")
struct MonitorWatchReadinessTests {
    static let key = ObjectKey(namespace: "shop", name: "web")

    @Test func notSettledUntilEveryMonitorHoldsItsWatchesAndTheyHaveListed() async throws {
        try await withMonitorCluster { server, client, events in
            try server.create(monitorResource, try monitorJSON("web", in: "shop"))
            // The first pod list fails; the retry waits for the manual clock.
            server.injectFailure(
                method: "GET", pathPrefix: "/api/v1/namespaces/shop/pods", status: 400, reason: "BadRequest",
                message: "try again", count: 1)
            let clock = ManualClock()
            let informers = SharedInformers(
                client: client, clock: clock, logger: quietLogger("test.informers"),
                backoff: WatcherBackoff(base: .milliseconds(100), jitter: { 0.5 }))
            let parts = Controller.monitors(
                client: client, informers: informers, events: events,
                policy: .operatorNamespaceOnly(monitorOperatorNamespace), namespaces: .names(["shop"]),
                now: { monitorEpoch })

            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await informers.run() }
                try await parts.waitUntilSynced()
                // The Monitor cache is full, but no watch was started for it yet.
                #expect(!parts.haveSettledWatches)
                group.addTask { try await parts.controller.run() }
                #expect(try await pollMonitor { parts.watches.hasDecided(Self.key) })
                #expect(try await pollMonitor { !parts.watches.failures(for: Self.key).isEmpty })
                // Held, but the pod watch has not listed.
                #expect(!parts.haveSettledWatches)
                #expect(await clock.waitForSleepers(1))
                clock.advance(by: .seconds(1))
                #expect(try await pollMonitor { parts.haveSettledWatches })
                #expect(parts.watches.hasSynced(for: Self.key))
                group.cancelAll()
            }
        }
    }
}
